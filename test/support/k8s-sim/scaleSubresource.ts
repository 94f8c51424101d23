// The scale subresource (autoscaling/v1 Scale) of deployments, replicasets and CRDs that declare it.
import { badRequest } from './apiErrors.js';
import type { KubeObject, ResourceType } from './types.js';

function at(obj: KubeObject, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.replace(/^\./, '').split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function scaleOf(type: ResourceType, obj: KubeObject): KubeObject {
  const scale = type.scale!;
  const matchLabels =
    (obj.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? {};
  const selector = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: Number(at(obj, scale.specReplicasPath) ?? 0) },
    status: { replicas: Number(at(obj, scale.statusReplicasPath) ?? 0), selector },
  };
}

/** The merge patch that writes a Scale's spec.replicas into the object. */
export function replicasPatch(type: ResourceType, scale: KubeObject): Record<string, unknown> {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(
      `Scale.autoscaling "${String(scale.metadata?.name)}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`,
    );
  }
  const parts = type.scale!.specReplicasPath.replace(/^\./, '').split('.');
  let patch: Record<string, unknown> = { [parts[parts.length - 1]!]: replicas };
  for (const p of parts.slice(0, -1).reverse()) patch = { [p]: patch };
  return patch;
}
