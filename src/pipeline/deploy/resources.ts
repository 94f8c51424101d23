// API paths of arbitrary objects (for Apply of any YAML): well-known kinds directly, others
// through API discovery (`/apis/<group>/<version>`), remembered per transport.
import { ApiError } from '../../cluster/apiError';
import type { KubeTransport } from '../../cluster/transport';

export interface ResourceRef {
  readonly apiVersion: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

const WELL_KNOWN: Readonly<Record<string, { plural: string; namespaced: boolean }>> = {
  SpinApp: { plural: 'spinapps', namespaced: true },
  SpinAppExecutor: { plural: 'spinappexecutors', namespaced: true },
  Secret: { plural: 'secrets', namespaced: true },
  ConfigMap: { plural: 'configmaps', namespaced: true },
  Service: { plural: 'services', namespaced: true },
  Deployment: { plural: 'deployments', namespaced: true },
  HorizontalPodAutoscaler: { plural: 'horizontalpodautoscalers', namespaced: true },
  ScaledObject: { plural: 'scaledobjects', namespaced: true },
  Namespace: { plural: 'namespaces', namespaced: false },
  RuntimeClass: { plural: 'runtimeclasses', namespaced: false },
};

interface DiscoveryList {
  resources?: { name?: string; kind?: string; namespaced?: boolean }[];
}

const discovered = new WeakMap<KubeTransport, Map<string, ResourceRef>>();

/** Finds the resource (plural, scope) of an apiVersion + kind. Throws ApiError('notFound') if the cluster does not serve it. */
export async function resolveResource(
  transport: KubeTransport,
  apiVersion: string,
  kind: string,
): Promise<ResourceRef> {
  const known = WELL_KNOWN[kind];
  if (known) return { apiVersion, ...known };
  let cache = discovered.get(transport);
  if (!cache) discovered.set(transport, (cache = new Map()));
  const key = `${apiVersion}/${kind}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const list = await transport.request<DiscoveryList>({ path: base });
  const resource = list?.resources?.find((r) => r.kind === kind && r.name && !r.name.includes('/'));
  if (!resource?.name) {
    throw new ApiError(
      'notFound',
      `The cluster does not serve ${kind} in ${apiVersion} (is its CRD installed?).`,
      404,
    );
  }
  const ref = { apiVersion, plural: resource.name, namespaced: resource.namespaced !== false };
  cache.set(key, ref);
  return ref;
}

/** The URL path of one object (or its collection when name is undefined). */
export function objectPath(ref: ResourceRef, namespace: string | undefined, name?: string): string {
  const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  const ns = ref.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${ref.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}
