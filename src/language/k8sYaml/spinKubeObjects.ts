// Finds the SpinKube objects (SpinApp, SpinAppExecutor) among the documents of a YAML stream and
// gives each a small typed view; other kinds of documents are left alone.
import {
  isMap,
  isScalar,
  pairOf,
  stringOf,
  type YDocument,
  type YMap,
  type YNode,
  type YPair,
  type YScalar,
} from './yaml/ast';

export const SPINKUBE_GROUP = 'core.spinkube.dev';
export const LEGACY_GROUP = 'core.spinoperator.dev';
export const SPINKUBE_VERSION = 'v1alpha1';
export const CURRENT_API_VERSION = `${SPINKUBE_GROUP}/${SPINKUBE_VERSION}`;
export const KNOWN_KINDS = ['SpinApp', 'SpinAppExecutor'] as const;
export type SpinKubeKind = (typeof KNOWN_KINDS)[number];

/** Source text that looks like a SpinKube document (for documents too broken to read). */
export const SPINKUBE_TEXT = /apiVersion\s*:\s*["']?core\.spin(?:kube|operator)\.dev\b/;

export interface SpinKubeObject {
  readonly doc: YDocument;
  readonly root: YMap;
  readonly apiVersion: YScalar;
  readonly group: string;
  readonly version: string;
  readonly kindPair: YPair | undefined;
  /** The kind when it is one we know; undefined for a missing or unknown kind. */
  readonly kind: SpinKubeKind | undefined;
  readonly metadataPair: YPair | undefined;
  readonly namePair: YPair | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly specPair: YPair | undefined;
  readonly spec: YMap | undefined;
}

function groupOf(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function isSpinKubeGroup(group: string): boolean {
  return group === SPINKUBE_GROUP || group === LEGACY_GROUP;
}

/** The SpinKube view of one document, or undefined when it is another kind of document. */
export function spinKubeObjectOf(doc: YDocument): SpinKubeObject | undefined {
  const root: YNode | null = doc.contents;
  if (!isMap(root)) return undefined;
  const apiVersion = pairOf(root, 'apiVersion')?.value;
  if (!isScalar(apiVersion) || typeof apiVersion.value !== 'string') return undefined;
  const { group, version } = groupOf(apiVersion.value.trim());
  if (!isSpinKubeGroup(group)) return undefined;
  const kindPair = pairOf(root, 'kind');
  const kindValue = isScalar(kindPair?.value) ? kindPair.value.value : undefined;
  const kind = KNOWN_KINDS.find((k) => k === kindValue);
  const metadataPair = pairOf(root, 'metadata');
  const metadata = metadataPair?.value;
  const namePair = pairOf(metadata, 'name');
  const specPair = pairOf(root, 'spec');
  return {
    doc,
    root,
    apiVersion,
    group,
    version,
    kindPair,
    kind,
    metadataPair,
    namePair,
    name: stringOf(metadata, 'name'),
    namespace: stringOf(metadata, 'namespace'),
    specPair,
    spec: isMap(specPair?.value) ? specPair.value : undefined,
  };
}

export function spinKubeObjects(docs: readonly YDocument[]): SpinKubeObject[] {
  const out: SpinKubeObject[] = [];
  for (const doc of docs) {
    const object = spinKubeObjectOf(doc);
    if (object) out.push(object);
  }
  return out;
}
