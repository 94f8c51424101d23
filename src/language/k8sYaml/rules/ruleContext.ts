// What every rule of one file may read: the SpinKube objects of the file, its executors, the context.
import type { LanguageContext } from '../../types';
import type { Report } from '../findings';
import type { SpinKubeObject } from '../spinKubeObjects';

export interface FileFacts {
  readonly uri: string;
  readonly text: string;
  readonly objects: readonly SpinKubeObject[];
  /** SpinAppExecutors defined in this file, by namespace key then name. */
  readonly executors: ReadonlyMap<string, ReadonlyMap<string, SpinKubeObject>>;
  readonly ctx: LanguageContext;
  readonly report: Report;
  /** The file is a Kustomize patch: objects are partial, so missing fields are expected. */
  readonly partial: boolean;
}

/** The namespace an object goes to: its own, else the cluster's default, else '' (unknown default). */
export function namespaceKey(object: SpinKubeObject, ctx: LanguageContext): string {
  return object.namespace ?? ctx.cluster?.defaultNamespace ?? '';
}

export function executorsByNamespace(
  objects: readonly SpinKubeObject[],
  ctx: LanguageContext,
): Map<string, Map<string, SpinKubeObject>> {
  const out = new Map<string, Map<string, SpinKubeObject>>();
  for (const object of objects) {
    if (object.kind !== 'SpinAppExecutor' || object.name === undefined) continue;
    const ns = namespaceKey(object, ctx);
    let names = out.get(ns);
    if (!names) out.set(ns, (names = new Map()));
    if (!names.has(object.name)) names.set(object.name, object);
  }
  return out;
}
