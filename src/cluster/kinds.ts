// The Kubernetes resource kinds the explorer reads, and how to build their API paths.
//   resourcePath(kind, namespace?, name?) → '/apis/apps/v1/namespaces/ns/deployments/name'
//   spinAppKind(group) / spinAppExecutorKind(group) for `core.spinkube.dev` or the legacy group.

export interface ResourceKind {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/** The fields of any Kubernetes object that the cache relies on. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    ownerReferences?: { kind?: string; name?: string; uid?: string; controller?: boolean }[];
    managedFields?: unknown;
    generation?: number;
  };
}

export const SPINKUBE_GROUP = 'core.spinkube.dev';
export const LEGACY_SPINKUBE_GROUP = 'core.spinoperator.dev';
export const SPINKUBE_VERSION = 'v1alpha1';
/** Label the operator puts on the Deployment, Service and Pods of a SpinApp (SPEC §1c.5). */
export const APP_NAME_LABEL = 'core.spinkube.dev/app-name';

export const Kinds = {
  namespace: { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  node: { group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false },
  pod: { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  service: { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  event: { group: '', version: 'v1', plural: 'events', kind: 'Event', namespaced: true },
  deployment: { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  runtimeClass: {
    group: 'node.k8s.io',
    version: 'v1',
    plural: 'runtimeclasses',
    kind: 'RuntimeClass',
    namespaced: false,
  },
  crd: {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
  },
} as const satisfies Record<string, ResourceKind>;

export function spinAppKind(group: string = SPINKUBE_GROUP): ResourceKind {
  return { group, version: SPINKUBE_VERSION, plural: 'spinapps', kind: 'SpinApp', namespaced: true };
}

export function spinAppExecutorKind(group: string = SPINKUBE_GROUP): ResourceKind {
  return {
    group,
    version: SPINKUBE_VERSION,
    plural: 'spinappexecutors',
    kind: 'SpinAppExecutor',
    namespaced: true,
  };
}

export function resourcePath(kind: ResourceKind, namespace?: string, name?: string): string {
  const base = kind.group ? `/apis/${kind.group}/${kind.version}` : `/api/${kind.version}`;
  const ns = kind.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const tail = name ? `/${encodeURIComponent(name)}` : '';
  return `${base}${ns}/${kind.plural}${tail}`;
}

/** `namespace/name` (or `name` for cluster-scoped objects): the key of an object in a cache. */
export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}
