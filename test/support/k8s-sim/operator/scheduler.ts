// The scheduler: binds pending pods to Ready nodes whose labels match the pod's nodeSelector and
// its RuntimeClass's scheduling.nodeSelector; otherwise reports FailedScheduling as kube-scheduler words it.
import type { KubeObject } from '../types.js';
import type { EventRecorder } from './eventRecorder.js';
import type { FailurePlan } from './failurePlan.js';
import type { KubeClient } from './kubeClient.js';
import { KubeRequestError } from './kubeClient.js';
import type { SharedCaches } from './sharedCaches.js';
import { objectKey, splitKey } from './sharedCaches.js';
import { WorkQueue } from './workQueue.js';

const SOURCE = { component: 'default-scheduler' };

function nodeReady(node: KubeObject): boolean {
  const conditions =
    (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export class Scheduler {
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: KubeClient,
    private readonly caches: SharedCaches,
    private readonly events: EventRecorder,
    private readonly failures: FailurePlan,
    private readonly retryMs: number,
  ) {
    this.queue = new WorkQueue((key) => this.schedule(key));
    caches.on('pods', (event, pod) => {
      if (event !== 'deleted' && !pod.spec?.nodeName) this.queue.add(objectKey(pod));
    });
    caches.on('nodes', () => {
      for (const pod of caches.list('pods')) if (!pod.spec?.nodeName) this.queue.add(objectKey(pod));
    });
  }

  stop(): void {
    this.queue.stop();
  }

  private async schedule(key: string): Promise<void | { requeueAfterMs: number }> {
    const [ns, name] = splitKey(key);
    const pod = this.caches.get('pods', ns, name);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    const selector: Record<string, string> = {
      ...((pod.spec?.nodeSelector as Record<string, string> | undefined) ?? {}),
    };
    const rcName = pod.spec?.runtimeClassName as string | undefined;
    if (rcName) {
      const rc = this.caches.get('runtimeclasses', '', rcName);
      Object.assign(
        selector,
        (rc as { scheduling?: { nodeSelector?: Record<string, string> } } | undefined)?.scheduling
          ?.nodeSelector ?? {},
      );
    }
    const nodes = this.caches.list('nodes');
    const forced = this.failures.forPod(pod)?.mode === 'unschedulable';
    const reasons = new Map<string, number>();
    const feasible: KubeObject[] = [];
    for (const node of nodes) {
      let reason: string | undefined;
      if (node.spec?.unschedulable) reason = 'node(s) were unschedulable';
      else if (!nodeReady(node)) reason = 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }';
      else if (forced || Object.entries(selector).some(([k, v]) => node.metadata.labels?.[k] !== v)) {
        reason = "node(s) didn't match Pod's node affinity/selector";
      }
      if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      else feasible.push(node);
    }
    if (feasible.length === 0) {
      const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
      const message = `0/${nodes.length} nodes are available${parts.length ? ': ' + parts.join(', ') : ''}.`;
      await this.events.record(SOURCE, pod, 'Warning', 'FailedScheduling', message);
      const conditions = [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: now(),
          reason: 'Unschedulable',
          message,
        },
      ];
      const current = (pod.status as { conditions?: { message?: string }[] } | undefined)?.conditions?.[0]
        ?.message;
      if (current !== message) {
        await this.client.mergePatch(
          { apiVersion: 'v1', plural: 'pods', namespace: ns, name, subresource: 'status' },
          { status: { conditions } },
          'default-scheduler',
        );
      }
      return { requeueAfterMs: this.retryMs };
    }
    const load = (n: KubeObject): number =>
      this.caches.list('pods').filter((p) => p.spec?.nodeName === n.metadata.name).length;
    const node = feasible.sort(
      (a, b) => load(a) - load(b) || a.metadata.name!.localeCompare(b.metadata.name!),
    )[0]!;
    try {
      await this.client.request('POST', `/api/v1/namespaces/${ns}/pods/${name}/binding`, {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace: ns },
        target: { apiVersion: 'v1', kind: 'Node', name: node.metadata.name },
      });
    } catch (err) {
      if (err instanceof KubeRequestError && (err.code === 409 || err.code === 404)) return;
      throw err;
    }
    await this.events.record(
      SOURCE,
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${ns}/${name} to ${node.metadata.name}`,
    );
  }
}
