// Which cluster object a tree element (the argument of a context-menu command) stands for.
import {
  Kinds,
  resourcePath,
  SPINKUBE_GROUP,
  spinAppExecutorKind,
  spinAppKind,
  type ResourceKind,
} from '../../cluster/kinds';
import type { ClusterFeature } from './feature';
import type { TreeElement } from '../../clusterTree/elements';

export interface ObjectTarget {
  readonly kind: ResourceKind;
  readonly namespace?: string;
  readonly name: string;
  readonly apiPath: string;
  /** For apps: the app key `namespace/name`. */
  readonly appKey?: string;
}

const split = (key: string): [string, string] => [
  key.slice(0, key.indexOf('/')),
  key.slice(key.indexOf('/') + 1),
];

export function isTreeElement(value: unknown): value is TreeElement {
  return typeof value === 'object' && value !== null && 'kind' in value && 'id' in value;
}

export function targetOf(el: TreeElement, cluster: ClusterFeature): ObjectTarget | undefined {
  const group = cluster.connection.model?.apiGroup ?? SPINKUBE_GROUP;
  const make = (
    kind: ResourceKind,
    namespace: string | undefined,
    name: string,
    appKey?: string,
  ): ObjectTarget => ({
    kind,
    namespace,
    name,
    apiPath: resourcePath(kind, namespace, name),
    appKey,
  });
  switch (el.kind) {
    case 'app': {
      const [ns, name] = split(el.key);
      return make(spinAppKind(group), ns, name, el.key);
    }
    case 'deployment': {
      const [ns, name] = split(el.appKey);
      return make(Kinds.deployment, ns, name, el.appKey);
    }
    case 'service': {
      const [ns, name] = split(el.appKey);
      return make(Kinds.service, ns, name, el.appKey);
    }
    case 'pod': {
      const [ns, name] = split(el.key);
      return make(Kinds.pod, ns, name, el.appKey);
    }
    case 'executor': {
      const [ns, name] = split(el.key);
      return make(spinAppExecutorKind(group), ns, name);
    }
    case 'node':
      return make(Kinds.node, undefined, el.name);
    case 'runtimeClass':
      return make(Kinds.runtimeClass, undefined, el.name);
    default:
      return undefined;
  }
}

/** The target of a command: the element it was invoked on, or a SpinApp the user picks. */
export async function requireTarget(
  arg: unknown,
  cluster: ClusterFeature,
  pickApp: () => Promise<string | undefined>,
): Promise<ObjectTarget | undefined> {
  if (isTreeElement(arg)) return targetOf(arg, cluster);
  const ref = appRefKey(arg);
  const key = ref ?? (await pickApp());
  return key ? targetOf({ kind: 'app', id: `app:${key}`, key }, cluster) : undefined;
}

/** `namespace/name` of a SpinApp named by another feature: `{ kind: 'SpinApp', name, namespace }` or "ns/name". */
export function appRefKey(arg: unknown): string | undefined {
  if (typeof arg === 'string' && /^[^/\s]+\/[^/\s]+$/.test(arg)) return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const ref = arg as { kind?: unknown; name?: unknown; namespace?: unknown };
  if (ref.kind !== 'SpinApp' || typeof ref.name !== 'string' || !ref.name) return undefined;
  return `${typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : 'default'}/${ref.name}`;
}
