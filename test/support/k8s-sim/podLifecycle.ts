// Pods as kube-apiserver v1.32 treats them: container requests default to limits, status.qosClass
// is set on create from the resources and never changes, and deletion of a pod bound to a node is
// graceful (deletionTimestamp = now + grace period; the pod stays until its kubelet confirms with a
// delete of grace period 0).
import { invalid } from './apiErrors.js';
import type { ObjectStore } from './store.js';
import type { KubeObject, ResourceType } from './types.js';

type Resources = { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
type Container = { resources?: Resources };

function containersOf(pod: KubeObject): Container[] {
  const spec = pod.spec ?? {};
  return [
    ...((spec.initContainers as Container[] | undefined) ?? []),
    ...((spec.containers as Container[] | undefined) ?? []),
  ];
}

/** Defaults each container's requests to its limits where a request is missing (SetDefaults_Pod). */
export function defaultRequestsFromLimits(pod: KubeObject): void {
  for (const c of containersOf(pod)) {
    const limits = c.resources?.limits;
    if (!limits || Object.keys(limits).length === 0) continue;
    const requests = (c.resources!.requests ??= {});
    for (const [name, value] of Object.entries(limits)) requests[name] ??= value;
  }
}

/** The pod's QoS class from cpu and memory requests and limits (GetPodQOS). */
export function qosClassOf(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const tracked = ['cpu', 'memory'];
  let any = false;
  let guaranteed = true;
  for (const c of containersOf(pod)) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of tracked) {
      if (requests[r] !== undefined || limits[r] !== undefined) any = true;
      if (limits[r] === undefined || String(requests[r] ?? limits[r]) !== String(limits[r])) {
        guaranteed = false;
      }
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** 422 when an update would change status.qosClass, as pod validation words it. */
export function checkQosClassUnchanged(type: ResourceType, live: KubeObject, next: KubeObject): void {
  const before = (live.status as { qosClass?: string } | undefined)?.qosClass;
  const after = (next.status as { qosClass?: string } | undefined)?.qosClass;
  if (before === undefined || after === before) return;
  throw invalid(type, live.metadata.name ?? '', [
    {
      field: 'status.qosClass',
      message: `status.qosClass: Invalid value: ${JSON.stringify(after ?? '')}: field is immutable`,
    },
  ]);
}

/**
 * The grace period a delete of this pod gets (CheckGracefulDelete): the one asked for, else the
 * pod's terminationGracePeriodSeconds; 0 for a pod on no node or one that has finished.
 */
export function podGracePeriod(pod: KubeObject, asked: number | undefined): number {
  const spec = pod.spec ?? {};
  let period = asked ?? (spec.terminationGracePeriodSeconds as number | undefined) ?? 0;
  if (!spec.nodeName) period = 0;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') period = 0;
  return period < 0 ? 1 : period;
}

/**
 * A graceful delete: deletionTimestamp = now + grace, the pod stays for its kubelet to confirm. A
 * shorter grace period shortens a pending one; undefined (grace 0) means delete now.
 */
export function markTerminating(
  store: ObjectStore,
  key: string,
  live: KubeObject,
  grace: number,
): KubeObject | undefined {
  if (grace === 0) return undefined;
  const pending = live.metadata.deletionGracePeriodSeconds;
  if (live.metadata.deletionTimestamp && pending !== undefined && pending <= grace) return live;
  const marked = structuredClone(live);
  marked.metadata.deletionTimestamp = new Date(Date.now() + grace * 1000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  marked.metadata.deletionGracePeriodSeconds = grace;
  store.put(key, live.metadata.namespace ?? '', live.metadata.name!, marked);
  return marked;
}
