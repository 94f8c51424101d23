// spin-operator's reconcilers, as a client-side controller: SpinApp → Deployment + Service (+
// runtime config Secret) and status from the Deployment; SpinAppExecutor finalizer and deletion guard.
import type { KubeObject } from '../types.js';
import type { EventRecorder } from './eventRecorder.js';
import type { KubeClient } from './kubeClient.js';
import { KubeRequestError } from './kubeClient.js';
import type { SharedCaches } from './sharedCaches.js';
import { objectKey, splitKey } from './sharedCaches.js';
import type { ExecutorSpec, SpinAppSpec } from './spinAppResources.js';
import {
  APP_NAME_LABEL,
  FIELD_MANAGER,
  deploymentFor,
  runtimeConfigSecret,
  runtimeConfigToml,
  serviceFor,
} from './spinAppResources.js';
import { WorkQueue } from './workQueue.js';

const FINALIZER = 'core.spinkube.dev/finalizer';
/** A SpinApp's own delay before the operator acts on each of its changes (ms). */
export const DELAY_ANNOTATION = 'sim.spinkube.dev/operator-delay-ms';
const SOURCE = { component: 'spinapp-reconciler' };
const EXECUTOR_SOURCE = { component: 'spinappexecutor-reconciler' };

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export class SpinAppController {
  private readonly apps: WorkQueue;
  private readonly executors: WorkQueue;
  /** When each app's current generation was first seen (for acting on changes late). */
  private readonly seen = new Map<string, { generation: number; at: number }>();
  /** How long the operator waits before acting on a SpinApp change (Infinity: never). */
  private delayMs = 0;

  constructor(
    private readonly client: KubeClient,
    private readonly caches: SharedCaches,
    private readonly events: EventRecorder,
    private readonly spinGroupVersion: string,
  ) {
    this.apps = new WorkQueue((key) => this.reconcileApp(key));
    this.executors = new WorkQueue((key) => this.reconcileExecutor(key));
    caches.on('spinapps', (_e, app) => this.apps.add(objectKey(app)));
    caches.on('executors', (_e, ex) => {
      this.executors.add(objectKey(ex));
      for (const app of caches.list('spinapps', ex.metadata.namespace)) this.apps.add(objectKey(app));
    });
    caches.on('deployments', (_e, d) => {
      const app = d.metadata.labels?.[APP_NAME_LABEL];
      if (app) this.apps.add(`${d.metadata.namespace}/${app}`);
    });
  }

  stop(): void {
    this.apps.stop();
    this.executors.stop();
  }

  /** Acts on each SpinApp change only `ms` after it was seen (Infinity: not at all; 0: at once). */
  setDelay(ms: number): void {
    this.delayMs = ms;
    for (const app of this.caches.list('spinapps')) this.apps.add(objectKey(app));
  }

  /**
   * How long to hold back the app's current generation; 0 when the operator may act now. The
   * delay is the operator's, or the app's own (annotation `sim.spinkube.dev/operator-delay-ms`).
   */
  private holdFor(key: string, app: KubeObject): number {
    const generation = app.metadata.generation ?? 0;
    let seen = this.seen.get(key);
    if (seen?.generation !== generation) {
      seen = { generation, at: Date.now() };
      this.seen.set(key, seen);
    }
    const own = Number(app.metadata.annotations?.[DELAY_ANNOTATION] ?? 0);
    const delay = Math.max(this.delayMs, Number.isFinite(own) ? own : 0);
    if (delay <= 0) return 0;
    return Math.max(0, seen.at + delay - Date.now());
  }

  private path(
    plural: string,
    namespace: string,
    name?: string,
    subresource?: string,
  ): { apiVersion: string; plural: string; namespace: string; name?: string; subresource?: string } {
    return { apiVersion: this.spinGroupVersion, plural, namespace, name, subresource };
  }

  private async reconcileApp(key: string): Promise<void | { requeueAfterMs: number }> {
    const [ns, name] = splitKey(key);
    const app = this.caches.get('spinapps', ns, name);
    if (!app || app.metadata.deletionTimestamp) return;
    const hold = this.holdFor(key, app);
    if (hold === Infinity) return; // acts again when the delay is changed
    if (hold > 0) return { requeueAfterMs: hold };
    const spec = (app.spec ?? {}) as SpinAppSpec;
    const executor = spec.executor ? this.caches.get('executors', ns, spec.executor) : undefined;
    if (!executor) {
      await this.events.record(
        SOURCE,
        app,
        'Warning',
        'MissingExecutor',
        `Could not find SpinAppExecutor ${ns}/${spec.executor ?? ''}`,
      );
      return;
    }
    const exSpec = (executor.spec ?? {}) as ExecutorSpec;
    const rc = spec.runtimeConfig;
    if (rc?.loadFromSecret && (rc.keyValueStores?.length || rc.sqliteDatabases?.length || rc.llmCompute)) {
      await this.events.record(
        SOURCE,
        app,
        'Warning',
        'ReconcileError',
        'cannot specify both a user-provided runtime secret and a generated one',
      );
      return;
    }
    let secretName = rc?.loadFromSecret ?? '';
    if (!secretName) {
      const secret = runtimeConfigSecret(app, runtimeConfigToml(spec));
      secretName = secret.metadata.name!;
      await this.client.apply(
        { apiVersion: 'v1', plural: 'secrets', namespace: ns, name: secretName },
        secret,
        FIELD_MANAGER,
      );
    }
    if (exSpec.createDeployment) {
      if (exSpec.deploymentConfig?.installDefaultCACerts && !exSpec.deploymentConfig.caCertSecret) {
        await this.ensureCaSecret(ns);
      }
      await this.client.apply(
        { apiVersion: 'apps/v1', plural: 'deployments', namespace: ns, name },
        deploymentFor(app, exSpec, secretName),
        FIELD_MANAGER,
      );
    } else {
      await this.client.delete({ apiVersion: 'apps/v1', plural: 'deployments', namespace: ns, name });
    }
    await this.client.apply(
      { apiVersion: 'v1', plural: 'services', namespace: ns, name },
      serviceFor(app),
      FIELD_MANAGER,
    );
    if (exSpec.createDeployment) await this.updateStatus(app, spec);
  }

  private async ensureCaSecret(ns: string): Promise<void> {
    try {
      await this.client.create(
        { apiVersion: 'v1', plural: 'secrets', namespace: ns },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'spin-ca', namespace: ns },
          type: 'Opaque',
          data: { 'ca-certificates.crt': Buffer.from('# default CA certificates\n').toString('base64') },
        },
      );
    } catch (err) {
      if (!(err instanceof KubeRequestError && err.code === 409)) throw err;
    }
  }

  private async updateStatus(app: KubeObject, spec: SpinAppSpec): Promise<void> {
    const ns = app.metadata.namespace!;
    const name = app.metadata.name!;
    const deployment = this.caches.get('deployments', ns, name);
    let conditions: Condition[];
    let readyReplicas = 0;
    if (!deployment) {
      conditions = ['Available', 'Progressing'].map((type) => ({
        type,
        status: 'Unknown',
        reason: 'DeploymentNotFound',
        message: 'Deployment not found',
        lastTransitionTime: now(),
      }));
    } else {
      const status = (deployment.status ?? {}) as { conditions?: Condition[]; readyReplicas?: number };
      readyReplicas = status.readyReplicas ?? 0;
      conditions = (status.conditions ?? [])
        .filter((c) => c.type === 'Available' || c.type === 'Progressing')
        .map((c) => ({
          type: c.type,
          status: c.status,
          reason: c.reason ?? '',
          message: c.message ?? '',
          lastTransitionTime: c.lastTransitionTime ?? now(),
        }));
    }
    const current = (app.status ?? {}) as {
      conditions?: Condition[];
      readyReplicas?: number;
      activeScheduler?: string;
    };
    const desired = {
      activeScheduler: spec.executor,
      conditions,
      readyReplicas,
      deploymentName: name,
      serviceName: name,
    };
    const comparable = (s: object): string =>
      JSON.stringify(s, (k, v: unknown) => (k === 'lastTransitionTime' ? undefined : v));
    if (comparable(current) === comparable(desired)) return;
    await this.client.mergePatch(
      this.path('spinapps', ns, name, 'status'),
      { status: { ...desired, conditions } },
      FIELD_MANAGER,
    );
  }

  private async reconcileExecutor(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const executor = this.caches.get('executors', ns, name);
    if (!executor) return;
    const finalizers = executor.metadata.finalizers ?? [];
    if (!executor.metadata.deletionTimestamp) {
      if (!finalizers.includes(FINALIZER)) {
        await this.client.mergePatch(
          this.path('spinappexecutors', ns, name),
          { metadata: { finalizers: [...finalizers, FINALIZER] } },
          FIELD_MANAGER,
        );
      }
      return;
    }
    const dependents = this.caches
      .list('spinapps', ns)
      .filter((a) => (a.spec as SpinAppSpec | undefined)?.executor === name);
    if (dependents.length > 0) {
      await this.events.record(
        EXECUTOR_SOURCE,
        executor,
        'Warning',
        'DeletionBlocked',
        'Cannot delete SpinAppExecutor with dependent SpinApps',
      );
      this.executors.addAfter(key, 500);
      return;
    }
    if (finalizers.includes(FINALIZER)) {
      await this.client.mergePatch(
        this.path('spinappexecutors', ns, name),
        { metadata: { finalizers: finalizers.filter((f) => f !== FINALIZER) } },
        FIELD_MANAGER,
      );
    }
  }
}
