// The Deployment and ReplicaSet controllers of kube-controller-manager, simplified: a Deployment
// owns one ReplicaSet per pod template (older ones are scaled to 0); a ReplicaSet keeps its pod
// count; status and conditions are worded as the real controllers word them.
import type { KubeObject } from '../types.js';
import type { EventRecorder } from './eventRecorder.js';
import type { KubeClient } from './kubeClient.js';
import { KubeRequestError } from './kubeClient.js';
import type { SharedCaches } from './sharedCaches.js';
import { objectKey, splitKey } from './sharedCaches.js';
import { controllerOf, podReady } from './replicaSetController.js';
import { WorkQueue } from './workQueue.js';

const HASH_LABEL = 'pod-template-hash';
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
const DEPLOYMENT_SOURCE = { component: 'deployment-controller' };

export interface DeploymentControllerOptions {
  /** How long a rollout may go without progress before ProgressDeadlineExceeded (default: spec seconds × timeScale). */
  progressDeadlineMs?: number;
  /** Simulated seconds → real milliseconds. */
  secondMs: number;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** A short stable hash of the pod template, as pod-template-hash values look. */
export function templateHash(template: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(template)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = '';
  let n = h;
  for (let i = 0; i < 10; i++) {
    out += SAFE[n % SAFE.length];
    n = Math.floor(n / SAFE.length) + ((i * 7919) % 97);
  }
  return out;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
}

export class DeploymentController {
  private readonly deployments: WorkQueue;
  private readonly lastProgress = new Map<string, number>();

  constructor(
    private readonly client: KubeClient,
    private readonly caches: SharedCaches,
    private readonly events: EventRecorder,
    private readonly options: DeploymentControllerOptions,
  ) {
    this.deployments = new WorkQueue((key) => this.reconcileDeployment(key));
    caches.on('deployments', (_e, d) => this.deployments.add(objectKey(d)));
    caches.on('replicasets', (_e, rs) => {
      const owner = controllerOf(rs, 'Deployment');
      if (owner) this.deployments.add(`${rs.metadata.namespace}/${owner}`);
    });
    caches.on('pods', (_e, pod) => {
      const rs = controllerOf(pod, 'ReplicaSet');
      const owner = rs ? caches.get('replicasets', pod.metadata.namespace ?? '', rs) : undefined;
      const deployment = owner ? controllerOf(owner, 'Deployment') : undefined;
      if (deployment) this.deployments.add(`${pod.metadata.namespace}/${deployment}`);
    });
  }

  stop(): void {
    this.deployments.stop();
  }

  private ownedReplicaSets(d: KubeObject): KubeObject[] {
    return this.caches
      .list('replicasets', d.metadata.namespace)
      .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid && r.controller));
  }

  private async reconcileDeployment(key: string): Promise<void | { requeueAfterMs: number }> {
    const [ns, name] = splitKey(key);
    const d = this.caches.get('deployments', ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const spec = d.spec as {
      replicas?: number;
      template: { metadata?: { labels?: Record<string, string> } };
      selector: { matchLabels?: Record<string, string> };
      progressDeadlineSeconds?: number;
    };
    const desired = spec.replicas ?? 1;
    const hash = templateHash(spec.template);
    const rsName = `${name}-${hash}`;
    const owned = this.ownedReplicaSets(d);
    let current = owned.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash);
    const revision = String(
      1 +
        Math.max(
          0,
          ...owned.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)),
        ),
    );
    if (!current) {
      const labels = { ...(spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
      const rs: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ns,
          labels,
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(desired),
            'deployment.kubernetes.io/max-replicas': String(desired + Math.ceil(desired * 0.25)),
            'deployment.kubernetes.io/revision': revision,
          },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name,
              uid: d.metadata.uid!,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          replicas: desired,
          selector: { matchLabels: { ...(spec.selector.matchLabels ?? {}), [HASH_LABEL]: hash } },
          template: { ...spec.template, metadata: { ...(spec.template.metadata ?? {}), labels } },
        },
      };
      try {
        current = await this.client.create(
          { apiVersion: 'apps/v1', plural: 'replicasets', namespace: ns },
          rs,
        );
      } catch (err) {
        if (!(err instanceof KubeRequestError && err.code === 409)) throw err;
        return { requeueAfterMs: 10 };
      }
      this.lastProgress.set(key, Date.now());
      await this.events.record(
        DEPLOYMENT_SOURCE,
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${rsName} from 0 to ${desired}`,
      );
    } else if (num(current.spec?.replicas) !== desired) {
      const from = num(current.spec?.replicas);
      await this.client.mergePatch(
        { apiVersion: 'apps/v1', plural: 'replicasets', namespace: ns, name: rsName },
        {
          spec: { replicas: desired },
          metadata: { annotations: { 'deployment.kubernetes.io/desired-replicas': String(desired) } },
        },
        'deployment-controller',
      );
      this.lastProgress.set(key, Date.now());
      await this.events.record(
        DEPLOYMENT_SOURCE,
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${desired > from ? 'up' : 'down'} replica set ${rsName} from ${from} to ${desired}`,
      );
    }
    for (const old of owned) {
      if (old.metadata.name === rsName || num(old.spec?.replicas) === 0) continue;
      await this.client.mergePatch(
        { apiVersion: 'apps/v1', plural: 'replicasets', namespace: ns, name: old.metadata.name },
        { spec: { replicas: 0 } },
        'deployment-controller',
      );
      await this.events.record(
        DEPLOYMENT_SOURCE,
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled down replica set ${old.metadata.name} from ${num(old.spec?.replicas)} to 0`,
      );
    }
    return this.updateDeploymentStatus(d, key, rsName, desired, spec.progressDeadlineSeconds ?? 600);
  }

  private async updateDeploymentStatus(
    d: KubeObject,
    key: string,
    rsName: string,
    desired: number,
    deadlineSeconds: number,
  ): Promise<void | { requeueAfterMs: number }> {
    const ns = d.metadata.namespace!;
    const pods = this.caches.list('pods', ns).filter((p) => {
      const owner = controllerOf(p, 'ReplicaSet');
      return (
        owner !== undefined &&
        this.ownedReplicaSets(d).some((rs) => rs.metadata.name === owner) &&
        !p.metadata.deletionTimestamp
      );
    });
    const updated = pods.filter((p) => controllerOf(p, 'ReplicaSet') === rsName);
    const ready = pods.filter(podReady).length;
    const updatedReady = updated.filter(podReady).length;
    const maxUnavailable = Math.floor(desired * 0.25);
    const available = ready >= desired - maxUnavailable;
    const old = (d.status ?? {}) as { conditions?: Condition[]; readyReplicas?: number };
    const oldConditions = old.conditions ?? [];
    if ((old.readyReplicas ?? 0) !== ready) this.lastProgress.set(key, Date.now());
    const complete = updatedReady === desired && pods.length === updated.length;
    const deadlineMs = this.options.progressDeadlineMs ?? deadlineSeconds * this.options.secondMs;
    const since = Date.now() - (this.lastProgress.get(key) ?? Date.now());
    const condition = (type: string, status: string, reason: string, message: string): Condition => {
      const prev = oldConditions.find((c) => c.type === type);
      const t = now();
      return {
        type,
        status,
        reason,
        message,
        lastUpdateTime: prev && prev.reason === reason && prev.message === message ? prev.lastUpdateTime : t,
        lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : t,
      };
    };
    const progressing = complete
      ? condition(
          'Progressing',
          'True',
          'NewReplicaSetAvailable',
          `ReplicaSet "${rsName}" has successfully progressed.`,
        )
      : since > deadlineMs
        ? condition(
            'Progressing',
            'False',
            'ProgressDeadlineExceeded',
            `ReplicaSet "${rsName}" has timed out progressing.`,
          )
        : condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`);
    const availableCondition = available
      ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : condition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        );
    const status: Record<string, unknown> = {
      observedGeneration: d.metadata.generation,
      replicas: pods.length,
      updatedReplicas: updated.length,
      readyReplicas: ready,
      availableReplicas: ready,
      conditions: [availableCondition, progressing],
    };
    if (desired - ready > 0) status.unavailableReplicas = desired - ready;
    const strip = (s: unknown): string =>
      JSON.stringify(s, (k, v: unknown) =>
        k === 'lastUpdateTime' || k === 'lastTransitionTime' ? undefined : v,
      );
    const before = { ...old } as Record<string, unknown>;
    if (strip({ ...before, conditions: oldConditions }) !== strip(status)) {
      const patch = {
        status: {
          ...status,
          readyReplicas: ready,
          availableReplicas: ready,
          unavailableReplicas: status.unavailableReplicas ?? null,
        },
      };
      await this.client.mergePatch(
        {
          apiVersion: 'apps/v1',
          plural: 'deployments',
          namespace: ns,
          name: d.metadata.name,
          subresource: 'status',
        },
        patch,
        'deployment-controller',
      );
    }
    if (!complete && progressing.reason !== 'ProgressDeadlineExceeded') {
      return { requeueAfterMs: Math.max(20, deadlineMs - since + 5) };
    }
    return undefined;
  }
}
