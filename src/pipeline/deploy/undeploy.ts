// Undeploy: deletes only what we applied — the SpinApp (its Deployment and Service go with it,
// owned by the operator) and the companions scaffold writes next to it (runtime-config Secret,
// autoscaler) when they carry our mark. Anything else is left alone, with a clear refusal.
import { ApiError } from '../../cluster/apiError';
import { SPINKUBE_GROUP, type KubeObject } from '../../cluster/kinds';
import { PipelineError, type PipelineListener } from '../events';
import { pipelineErrorFromApi } from './apiFailures';
import type { DeployCluster } from './clusterAccess';
import { isOurs } from './ownership';
import { objectPath, type ResourceRef } from './resources';

export interface UndeployOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly onEvent?: PipelineListener;
}

export interface UndeployResult {
  /** `Kind/name` of every object deleted. */
  readonly deleted: readonly string[];
  /** `Kind/name` of companions that could not be checked (e.g. not allowed to read), so left in place. */
  readonly leftInPlace: readonly string[];
  readonly namespace: string;
}

const COMPANIONS: readonly { ref: ResourceRef; kind: string; suffix: string }[] = [
  {
    ref: { apiVersion: 'v1', plural: 'secrets', namespaced: true },
    kind: 'Secret',
    suffix: '-runtime-config',
  },
  {
    ref: { apiVersion: 'autoscaling/v2', plural: 'horizontalpodautoscalers', namespaced: true },
    kind: 'HorizontalPodAutoscaler',
    suffix: '-autoscaler',
  },
  {
    ref: { apiVersion: 'keda.sh/v1alpha1', plural: 'scaledobjects', namespaced: true },
    kind: 'ScaledObject',
    suffix: '-autoscaler',
  },
];

export async function undeploy(cluster: DeployCluster, options: UndeployOptions): Promise<UndeployResult> {
  const namespace = options.namespace || cluster.defaultNamespace;
  const { name } = options;
  const group = (await cluster.spinKubeGroup().catch(() => undefined)) ?? SPINKUBE_GROUP;
  const spinApps: ResourceRef = { apiVersion: `${group}/v1alpha1`, plural: 'spinapps', namespaced: true };
  options.onEvent?.({
    type: 'start',
    step: 'undeploy',
    message: `Undeploying SpinApp "${name}" from ${namespace}`,
  });
  const app = await read(cluster, spinApps, namespace, name);
  if (!app) throw new PipelineError('usage', `SpinApp "${name}" does not exist in namespace ${namespace}.`);
  if (!isOurs(app)) {
    throw new PipelineError(
      'cluster-forbidden',
      `SpinApp "${name}" in namespace ${namespace} was not deployed by SpinKube (no spinkube-vscode field manager or label), so Undeploy leaves it alone.`,
    );
  }
  const deleted: string[] = [];
  await remove(cluster, spinApps, namespace, name);
  deleted.push(`SpinApp/${name}`);
  const leftInPlace: string[] = [];
  for (const companion of COMPANIONS) {
    const label = `${companion.kind}/${name}${companion.suffix}`;
    const object = await read(cluster, companion.ref, namespace, name + companion.suffix).catch(
      (error: unknown) => {
        // A 404 (not there, or the kind not served) already reads as undefined; anything else is said.
        leftInPlace.push(label);
        const why = error instanceof Error ? error.message : String(error);
        options.onEvent?.({
          type: 'output',
          step: 'undeploy',
          line: `${label} left in place: ${why}`,
          stream: 'stderr',
        });
        return undefined;
      },
    );
    if (!object || !isOurs(object)) continue;
    await remove(cluster, companion.ref, namespace, name + companion.suffix);
    deleted.push(`${companion.kind}/${name}${companion.suffix}`);
  }
  for (const item of deleted) {
    options.onEvent?.({ type: 'output', step: 'undeploy', line: `deleted ${item}` });
  }
  options.onEvent?.({
    type: 'done',
    step: 'undeploy',
    message: `Undeployed SpinApp "${name}" from ${namespace}`,
  });
  return { deleted, leftInPlace, namespace };
}

async function read(
  cluster: DeployCluster,
  ref: ResourceRef,
  namespace: string,
  name: string,
): Promise<KubeObject | undefined> {
  try {
    return await cluster.transport.request<KubeObject>({ path: objectPath(ref, namespace, name) });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'notFound') return undefined;
    throw pipelineErrorFromApi(error, `read ${ref.plural}/${name}`);
  }
}

async function remove(
  cluster: DeployCluster,
  ref: ResourceRef,
  namespace: string,
  name: string,
): Promise<void> {
  try {
    await cluster.transport.request({
      method: 'DELETE',
      path: objectPath(ref, namespace, name),
      query: { propagationPolicy: 'Background' },
    });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'notFound') return;
    throw pipelineErrorFromApi(error, `delete ${ref.plural}/${name}`);
  }
}
