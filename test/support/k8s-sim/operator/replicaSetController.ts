// The ReplicaSet controller: keeps the number of pods of each ReplicaSet, with client-go style
// "expectations" so that a slow cache never makes it create or delete twice.
import type { KubeObject } from '../types.js';
import type { EventRecorder } from './eventRecorder.js';
import type { KubeClient } from './kubeClient.js';
import type { SharedCaches } from './sharedCaches.js';
import { objectKey, splitKey } from './sharedCaches.js';
import { WorkQueue } from './workQueue.js';

const RS_SOURCE = { component: 'replicaset-controller' };

export function controllerOf(obj: KubeObject, kind: string): string | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind)?.name;
}

export function podReady(pod: KubeObject): boolean {
  const conditions =
    (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export class ReplicaSetController {
  private readonly replicaSets: WorkQueue;
  /** Pod creations/deletions a ReplicaSet still waits to see in the cache. */
  private readonly expectations = new Map<string, { pending: number; since: number }>();

  constructor(
    private readonly client: KubeClient,
    private readonly caches: SharedCaches,
    private readonly events: EventRecorder,
  ) {
    this.replicaSets = new WorkQueue((key) => this.reconcileReplicaSet(key));
    caches.on('replicasets', (_e, rs) => this.replicaSets.add(objectKey(rs)));
    caches.on('pods', (event, pod) => {
      const owner = controllerOf(pod, 'ReplicaSet');
      if (!owner) return;
      const key = `${pod.metadata.namespace}/${owner}`;
      const expected = this.expectations.get(key);
      if (expected && event !== 'modified') expected.pending--;
      this.replicaSets.add(key);
    });
  }

  stop(): void {
    this.replicaSets.stop();
  }

  private async reconcileReplicaSet(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const rs = this.caches.get('replicasets', ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const expected = this.expectations.get(key);
    if (expected && expected.pending > 0 && Date.now() - expected.since < 2000) return;
    this.expectations.delete(key);
    const spec = rs.spec as {
      replicas?: number;
      template: {
        metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
        spec: object;
      };
    };
    const desired = spec.replicas ?? 1;
    const pods = this.caches
      .list('pods', ns)
      .filter(
        (p) =>
          p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid) && !p.metadata.deletionTimestamp,
      );
    const extra =
      pods.length > desired
        ? [...pods]
            .sort((a, b) => (podReady(a) ? 1 : 0) - (podReady(b) ? 1 : 0))
            .slice(0, pods.length - desired)
        : [];
    const changes = Math.max(0, desired - pods.length) + extra.length;
    if (changes > 0) this.expectations.set(key, { pending: changes, since: Date.now() });
    for (let i = pods.length; i < desired; i++) {
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${name}-`,
          namespace: ns,
          labels: spec.template.metadata?.labels ?? {},
          ...(spec.template.metadata?.annotations ? { annotations: spec.template.metadata.annotations } : {}),
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name,
              uid: rs.metadata.uid!,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: structuredClone(spec.template.spec) as Record<string, unknown>,
      };
      const created = await this.client.create({ apiVersion: 'v1', plural: 'pods', namespace: ns }, pod);
      await this.events.record(
        RS_SOURCE,
        rs,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${created.metadata.name}`,
      );
    }
    for (const pod of extra) {
      await this.client.delete({ apiVersion: 'v1', plural: 'pods', namespace: ns, name: pod.metadata.name });
      await this.events.record(
        RS_SOURCE,
        rs,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${pod.metadata.name}`,
      );
    }
    const live = pods.filter((p) => !extra.includes(p));
    const ready = live.filter(podReady).length;
    const status = {
      replicas: live.length + Math.max(0, desired - pods.length),
      fullyLabeledReplicas: live.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    const old = (rs.status ?? {}) as Record<string, unknown>;
    if (Object.entries(status).some(([k, v]) => old[k] !== v)) {
      await this.client.mergePatch(
        { apiVersion: 'apps/v1', plural: 'replicasets', namespace: ns, name, subresource: 'status' },
        { status },
        'replicaset-controller',
      );
    }
  }
}
