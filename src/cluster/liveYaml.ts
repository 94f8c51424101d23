// The YAML text of a live cluster object, as `kubectl get -o yaml` prints it: keys in alphabetical
// order at every level (apiVersion, kind, metadata, spec, status), `metadata.managedFields` left out
// unless asked for. And the editable copy of an object that Edit opens and Apply sends back with
// server-side apply: only what a manifest states (no status, no fields the server fills in).
import { stringify } from 'yaml';
import type { KubeObject } from './kinds';

export interface LiveYamlOptions {
  /** Keep `metadata.managedFields` (default: left out, as `kubectl get -o yaml --show-managed-fields=false`). */
  readonly showManagedFields?: boolean;
}

/** The object as YAML, keys ordered as kubectl orders them. */
export function liveYamlText(object: KubeObject, options: LiveYamlOptions = {}): string {
  const shown =
    options.showManagedFields || !object.metadata?.managedFields
      ? object
      : { ...object, metadata: withoutKeys(object.metadata, ['managedFields']) };
  return stringify(shown, { sortMapEntries: true, lineWidth: 0 });
}

/** Metadata fields the API server sets; a manifest to apply leaves them out. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/** The object as a manifest to edit and apply: without `status` and the metadata the server sets. */
export function editableYamlText(object: KubeObject): string {
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown };
  const manifest = { ...rest, metadata: withoutKeys(object.metadata ?? {}, SERVER_METADATA) };
  return stringify(manifest, { sortMapEntries: true, lineWidth: 0 });
}

/** What the live document of an object shows once the object is gone. */
export function deletedObjectText(name: string, context: string): string {
  return `# ${name} was deleted: it is no longer in the cluster of context ${context}.\n`;
}

function withoutKeys<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of keys) delete copy[key];
  return copy as Partial<T>;
}
