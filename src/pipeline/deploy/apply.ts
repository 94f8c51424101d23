// Server-side apply of Kubernetes objects (PATCH application/apply-patch+yaml, field manager
// `spinkube-vscode`). A 409 conflict becomes PipelineError 'apply-conflict' naming the fields;
// the caller may apply again with `force` to take them over.
import type { KubeObject } from '../../cluster/kinds';
import { PipelineError, type PipelineListener } from '../events';
import { pipelineErrorFromApi } from './apiFailures';
import type { DeployCluster } from './clusterAccess';
import { FIELD_MANAGER, markAsOurs } from './ownership';
import { objectPath, resolveResource } from './resources';

export interface ApplyOptions {
  /** Namespace for namespaced objects that name none. */
  readonly namespace: string;
  /** Take over fields owned by other managers. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  readonly onEvent?: PipelineListener;
}

export interface AppliedObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The object as the API server returned it. */
  readonly object: KubeObject;
}

/** Applies the objects in order; stops at the first failure. */
export async function applyObjects(
  cluster: DeployCluster,
  objects: readonly KubeObject[],
  options: ApplyOptions,
): Promise<AppliedObject[]> {
  const applied: AppliedObject[] = [];
  for (const object of objects) {
    if (options.signal?.aborted) throw new PipelineError('cancelled', 'Apply was cancelled.');
    applied.push(await applyObject(cluster, object, options));
  }
  return applied;
}

export async function applyObject(
  cluster: DeployCluster,
  object: KubeObject,
  options: ApplyOptions,
): Promise<AppliedObject> {
  const kind = object.kind;
  const apiVersion = object.apiVersion;
  const name = object.metadata?.name;
  if (!kind || !apiVersion || !name) {
    throw new PipelineError('manifest', 'Every object to apply needs apiVersion, kind and metadata.name.');
  }
  const label = `${kind} "${name}"`;
  options.onEvent?.({ type: 'progress', step: 'apply', message: `Applying ${label}` });
  try {
    const ref = await resolveResource(cluster.transport, apiVersion, kind);
    const namespace = ref.namespaced ? (object.metadata?.namespace ?? options.namespace) : undefined;
    const body = markAsOurs({ ...object, metadata: { ...object.metadata, ...(namespace && { namespace }) } });
    const result = await cluster.transport.request<KubeObject>({
      method: 'PATCH',
      path: objectPath(ref, namespace, name),
      query: { fieldManager: FIELD_MANAGER, force: options.force ? true : undefined },
      body,
      contentType: 'application/apply-patch+yaml',
      ...(options.signal && { signal: options.signal }),
    });
    const where = namespace ? ` in namespace ${namespace}` : '';
    options.onEvent?.({ type: 'output', step: 'apply', line: `${label} applied${where}` });
    return { kind, name, ...(namespace && { namespace }), object: result ?? body };
  } catch (error) {
    if (options.signal?.aborted) throw new PipelineError('cancelled', 'Apply was cancelled.');
    throw pipelineErrorFromApi(error, `apply ${label}`, { apiVersion, kind });
  }
}
