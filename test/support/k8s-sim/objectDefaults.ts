// What the API server fills in on create for the built-in kinds the simulator serves.
import { randomBytes } from 'node:crypto';
import type { KubeObject } from './types.js';

let serviceIpCounter = 10;

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function applyCreateDefaults(kind: string, group: string, obj: KubeObject): void {
  if (group === '' && kind === 'Namespace') {
    obj.spec = { finalizers: ['kubernetes'], ...obj.spec };
    obj.status = { phase: 'Active' };
    obj.metadata.labels = { 'kubernetes.io/metadata.name': obj.metadata.name!, ...obj.metadata.labels };
  }
  if (group === '' && kind === 'Pod') {
    const spec = rec(obj.spec);
    spec.restartPolicy ??= 'Always';
    spec.dnsPolicy ??= 'ClusterFirst';
    spec.schedulerName ??= 'default-scheduler';
    spec.terminationGracePeriodSeconds ??= 30;
    spec.serviceAccountName ??= 'default';
    for (const c of (spec.containers as Record<string, unknown>[] | undefined) ?? []) {
      c.terminationMessagePath ??= '/dev/termination-log';
      c.terminationMessagePolicy ??= 'File';
      c.imagePullPolicy ??=
        String(c.image ?? '').endsWith(':latest') || !String(c.image ?? '').includes(':')
          ? 'Always'
          : 'IfNotPresent';
    }
    obj.spec = spec;
    // status.qosClass is set from the resources by the caller (podLifecycle.ts).
    obj.status = { phase: 'Pending' };
  }
  if (group === '' && kind === 'Service') {
    const spec = rec(obj.spec);
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    if (spec.clusterIP === undefined) {
      serviceIpCounter++;
      spec.clusterIP = `10.96.${Math.floor(serviceIpCounter / 250)}.${serviceIpCounter % 250}`;
      spec.clusterIPs = [spec.clusterIP];
    }
    for (const p of (spec.ports as Record<string, unknown>[] | undefined) ?? []) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
    obj.spec = spec;
    obj.status = { loadBalancer: {} };
  }
  if (group === 'apps' && (kind === 'Deployment' || kind === 'ReplicaSet')) {
    const spec = rec(obj.spec);
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    if (kind === 'Deployment') {
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    }
    obj.spec = spec;
    obj.status = {};
  }
  if (group === '' && kind === 'ServiceAccount') {
    // nothing: tokens are not simulated
  }
  if (group === '' && kind === 'Event') {
    const ev = obj as Record<string, unknown>;
    ev.count ??= 1;
    ev.type ??= 'Normal';
  }
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** The random suffix the API server appends to generateName (5 characters from a consonant-heavy alphabet). */
export function randomSuffix(length = 5): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += NAME_CHARS[b % NAME_CHARS.length];
  return out;
}

/** Whether the change between two objects touches anything but metadata and status. */
export function specChanged(before: KubeObject, after: KubeObject): boolean {
  const strip = (o: KubeObject): string => {
    const rest: Record<string, unknown> = { ...o };
    delete rest.metadata;
    delete rest.status;
    delete rest.apiVersion;
    delete rest.kind;
    return JSON.stringify(rest);
  };
  return strip(before) !== strip(after);
}
