// Whether applying the objects would change anything: a dry-run server-side apply of each (the API
// server runs defaulting, admission and field ownership, persists nothing) compared with the live
// object. Deploy skips the apply when nothing would change, so an unchanged app is not rolled out.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../cluster/kinds';
import type { DeployCluster } from './clusterAccess';
import { FIELD_MANAGER, markAsOurs } from './ownership';
import { objectPath, resolveResource } from './resources';

/**
 * The object without what a write changes by itself (its resourceVersion, who wrote it when) and
 * without its status, which an apply never writes but the operator may update between the two reads.
 */
function comparable(object: KubeObject | undefined): unknown {
  if (!object) return undefined;
  const { resourceVersion: _version, managedFields: _fields, ...metadata } = object.metadata ?? {};
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown };
  return { ...rest, metadata };
}

/**
 * True when a server-side apply of every object would leave it as it is. Any doubt (an object
 * that does not exist, a dry run the server refuses) answers false: the real apply then runs and
 * reports what is wrong.
 */
export async function applyWouldChangeNothing(
  cluster: DeployCluster,
  objects: readonly KubeObject[],
  namespace: string,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    for (const object of objects) {
      const { kind, apiVersion } = object;
      const name = object.metadata?.name;
      if (!kind || !apiVersion || !name) return false;
      const ref = await resolveResource(cluster.transport, apiVersion, kind);
      const ns = ref.namespaced ? (object.metadata?.namespace ?? namespace) : undefined;
      const path = objectPath(ref, ns, name);
      const live = await cluster.transport.request<KubeObject>({ path, ...(signal && { signal }) });
      const body = markAsOurs({ ...object, metadata: { ...object.metadata, ...(ns && { namespace: ns }) } });
      const dryRun = await cluster.transport.request<KubeObject>({
        method: 'PATCH',
        path,
        query: { fieldManager: FIELD_MANAGER, dryRun: 'All' },
        body,
        contentType: 'application/apply-patch+yaml',
        ...(signal && { signal }),
      });
      if (!live || !dryRun || !isDeepStrictEqual(comparable(live), comparable(dryRun))) return false;
    }
    return true;
  } catch {
    return false;
  }
}
