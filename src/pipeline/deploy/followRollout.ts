// Follows one SpinApp until it is available, fails, times out or is cancelled — by watching (the
// cluster layer's list-then-watch caches), never by polling. Each change re-judges the rollout;
// status changes and new Warning events are reported as pipeline events as they happen.
import { ApiError } from '../../cluster/apiError';
import type { Disposable } from '../../cluster/emitter';
import { APP_NAME_LABEL, Kinds, SPINKUBE_GROUP, spinAppKind, type KubeObject } from '../../cluster/kinds';
import type { CacheLease } from '../../cluster/session';
import { PipelineError, type PipelineListener } from '../events';
import { pipelineErrorFromApi } from './apiFailures';
import type { DeployCluster } from './clusterAccess';
import { lastLogLines, listExecutorNames, readExecutor, readRuntimeClass } from './lookups';
import type { DeploymentObject, EventObject, ExecutorObject, PodObject, SpinAppObject } from './objects';
import {
  eventConcernsApp,
  eventTime,
  type RolloutBaseline,
  type RolloutSnapshot,
  type RuntimeClassFacts,
} from './rolloutSnapshot';
import { eventLines, judgeRollout, type FailureCause, type RolloutVerdict } from './rolloutVerdict';

export interface FollowOptions {
  readonly name: string;
  readonly namespace: string;
  /** Give up after this long (default 300 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: PipelineListener;
  /** Events older than this (ms since epoch) are history, not evidence (default: now − 5 s). */
  readonly since?: number;
  /** What the apply before this changed: ready then means the operator has acted on it. */
  readonly baseline?: RolloutBaseline;
  /** How long the operator may take to act on a changed SpinApp before we say so (default 30 s). */
  readonly operatorTimeoutMs?: number;
}

export interface RolloutResult {
  readonly state: 'ready' | 'unfollowable';
  readonly name: string;
  readonly namespace: string;
  readonly message: string;
  readonly readyReplicas?: number;
}

/** A failed rollout: PipelineError 'rollout-failed' that also says which cause. */
export class RolloutFailure extends PipelineError {
  constructor(
    readonly failureCause: FailureCause,
    message: string,
    evidence: readonly string[],
  ) {
    super('rollout-failed', message, evidence);
  }
}

const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_OPERATOR_TIMEOUT_MS = 30_000;
/** The SpinApp and Deployment caches must work; the pod and event caches after them are optional. */
const REQUIRED_CACHES = 2;

export function followRollout(cluster: DeployCluster, options: FollowOptions): Promise<RolloutResult> {
  return new RolloutFollower(cluster, options).run();
}

class RolloutFollower {
  private readonly leases: CacheLease<KubeObject>[] = [];
  private readonly subscriptions: Disposable[] = [];
  private readonly reportedEvents = new Map<string, number>();
  private readonly since: number;
  private executor: ExecutorObject | null | undefined;
  private executorNames: string[] | undefined;
  private runtimeClass: RuntimeClassFacts | undefined;
  private lookedUpExecutor: string | undefined;
  /** False when the user may not read the executor: the rollout is judged without it. */
  private executorReadable = true;
  private lastMessage = '';
  private seenApp = false;
  private settled = false;
  private judging = false;
  /** The operator had its bounded time to act on our change. */
  private operatorTimeUp = false;
  private resolve: (result: RolloutResult) => void = () => undefined;
  private reject: (error: unknown) => void = () => undefined;

  constructor(
    private readonly cluster: DeployCluster,
    private readonly options: FollowOptions,
  ) {
    this.since = options.since ?? Date.now() - 5_000;
  }

  async run(): Promise<RolloutResult> {
    const { signal } = this.options;
    if (signal?.aborted) throw cancelled(this.options.name);
    const done = new Promise<RolloutResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => this.timedOut(timeoutMs), timeoutMs);
    const operatorMs = this.options.operatorTimeoutMs ?? DEFAULT_OPERATOR_TIMEOUT_MS;
    const operatorTimer = this.options.baseline?.changed
      ? setTimeout(() => {
          this.operatorTimeUp = true;
          this.judge();
        }, operatorMs)
      : undefined;
    const onAbort = () => this.finish(cancelled(this.options.name));
    signal?.addEventListener('abort', onAbort, { once: true });
    // A watch failing, the timeout or a cancel may settle the outcome while the caches still list.
    done.catch(() => undefined);
    try {
      await Promise.race([this.start(), done]);
      this.judge();
      return await done;
    } catch (error) {
      throw error instanceof PipelineError
        ? error
        : pipelineErrorFromApi(error, `follow SpinApp "${this.options.name}"`);
    } finally {
      this.settled = true;
      clearTimeout(timer);
      clearTimeout(operatorTimer);
      signal?.removeEventListener('abort', onAbort);
      for (const s of this.subscriptions) s.dispose();
      for (const lease of this.leases) lease.release();
    }
  }

  private async start(): Promise<void> {
    const { namespace, name } = this.options;
    const group = (await this.cluster.spinKubeGroup().catch(() => undefined)) ?? SPINKUBE_GROUP;
    this.group = group;
    const scopes = [
      this.cluster.acquire(spinAppKind(group), { namespace }),
      this.cluster.acquire(Kinds.deployment, { namespace }),
      this.cluster.acquire(Kinds.pod, { namespace, labelSelector: `${APP_NAME_LABEL}=${name}` }),
      this.cluster.acquire(Kinds.event, { namespace }),
    ];
    this.leases.push(...scopes);
    scopes.forEach((lease, index) => {
      const required = index < REQUIRED_CACHES;
      this.subscriptions.push(lease.cache.onChange.on(() => this.judge()));
      this.subscriptions.push(
        lease.cache.onState.on((state) => {
          if (state.phase !== 'error') return;
          // Pods and events only add detail: a user who may not watch them still gets the verdict.
          if (!required) return this.judge();
          this.finish(
            pipelineErrorFromApi(new ApiError(state.kind, state.message), `watch SpinApp "${name}"`),
          );
        }),
      );
    });
    await Promise.all(
      scopes.map((lease, index) =>
        index < REQUIRED_CACHES ? lease.cache.ready() : lease.cache.ready().catch(() => undefined),
      ),
    );
  }

  private group = SPINKUBE_GROUP;

  private snapshot(): RolloutSnapshot {
    const { name, namespace } = this.options;
    const [apps, deployments, pods, events] = this.leases.map((l) => l.cache);
    const spinApp = apps?.getByName(namespace, name) as SpinAppObject | undefined;
    const podList = (pods?.values() ?? []) as PodObject[];
    const podNames = new Set(podList.map((p) => p.metadata?.name));
    const related = ((events?.values() ?? []) as EventObject[])
      .filter((e) => eventConcernsApp(e, name))
      .filter((e) =>
        e.involvedObject?.kind === 'Pod'
          ? podNames.has(e.involvedObject.name)
          : eventTime(e) >= this.since || eventTime(e) === 0,
      )
      .sort((a, b) => eventTime(a) - eventTime(b));
    return {
      name,
      namespace,
      ...(spinApp && { spinApp }),
      ...(this.executor !== undefined && { executor: this.executor }),
      ...(this.executorNames && { executorNames: this.executorNames }),
      ...(this.runtimeClass && { runtimeClass: this.runtimeClass }),
      ...(deployments?.getByName(namespace, name) && {
        deployment: deployments.getByName(namespace, name) as DeploymentObject,
      }),
      pods: podList,
      events: related,
      ...(this.options.baseline && { baseline: this.options.baseline }),
    };
  }

  private judge(): void {
    if (this.settled || this.leases.length === 0) return;
    // Judge once every cache has listed; a reconnecting cache still holds what it last saw.
    const waiting = this.leases.some(
      (l) => l.cache.state.phase === 'connecting' || l.cache.state.phase === 'idle',
    );
    if (waiting) return;
    const snapshot = this.snapshot();
    if (snapshot.spinApp) this.seenApp = true;
    else if (!this.seenApp) {
      // A shared cache may not have the SpinApp we just applied yet: absent is not deleted.
      this.report(`Waiting for SpinApp "${this.options.name}" to appear`);
      return;
    }
    this.reportWarnings(snapshot.events);
    this.lookUpExecutor(snapshot.spinApp);
    if (this.executor === undefined && this.executorReadable && snapshot.spinApp) {
      // The executor's answer decides between "missing executor", "not followable" and the rest.
      this.report(`Checking executor "${snapshot.spinApp.spec?.executor ?? ''}"`);
      return;
    }
    const verdict = judgeRollout(snapshot);
    this.act(verdict);
  }

  private act(verdict: RolloutVerdict): void {
    const { name, namespace } = this.options;
    switch (verdict.state) {
      case 'progressing':
        if (verdict.waitingForOperator && this.operatorTimeUp) {
          const ms = this.options.operatorTimeoutMs ?? DEFAULT_OPERATOR_TIMEOUT_MS;
          this.finish(operatorIdle(name, ms, this.snapshot().deployment !== undefined));
          return;
        }
        this.report(verdict.message);
        return;
      case 'ready':
        this.report(verdict.message);
        this.finish({
          state: 'ready',
          name,
          namespace,
          message: verdict.message,
          readyReplicas: verdict.readyReplicas,
        });
        return;
      case 'unfollowable':
        this.finish({ state: 'unfollowable', name, namespace, message: verdict.message });
        return;
      case 'failed':
        if (verdict.crashed) {
          if (this.judging) return;
          this.judging = true;
          const { pod, container } = verdict.crashed;
          void lastLogLines(this.cluster.transport, namespace, pod, container).then((lines) => {
            const logs = lines.map((l) => `log ${pod}/${container}: ${l}`);
            this.finish(new RolloutFailure(verdict.cause, verdict.message, [...verdict.evidence, ...logs]));
          });
          return;
        }
        this.finish(new RolloutFailure(verdict.cause, verdict.message, verdict.evidence));
    }
  }

  private lookUpExecutor(app: SpinAppObject | undefined): void {
    const executorName = app?.spec?.executor;
    if (executorName === undefined || this.lookedUpExecutor === executorName) return;
    this.lookedUpExecutor = executorName;
    const { transport } = this.cluster;
    const { namespace } = this.options;
    void (async () => {
      const executor = await readExecutor(transport, this.group, namespace, executorName).catch(
        (error: unknown) => {
          if (!(error instanceof ApiError && error.kind === 'forbidden')) throw error;
          this.executorReadable = false; // it only tells "missing" and "not followable" apart
          return undefined;
        },
      );
      if (executor === undefined) return this.judge();
      if (executor === null) {
        this.executorNames = await listExecutorNames(transport, this.group, namespace).catch(() => []);
      }
      const runtimeClassName = executor?.spec?.deploymentConfig?.runtimeClassName;
      // Only detail (RuntimeClasses are cluster-scoped; many users may not read them): unknown if unreadable.
      if (runtimeClassName) {
        this.runtimeClass = await readRuntimeClass(transport, runtimeClassName).catch(() => undefined);
      }
      this.executor = executor;
      this.judge();
    })().catch((error: unknown) =>
      this.finish(pipelineErrorFromApi(error, `read SpinAppExecutor "${executorName}"`)),
    );
  }

  private reportWarnings(events: readonly EventObject[]): void {
    for (const event of events) {
      if (event.type !== 'Warning') continue;
      const id = event.metadata?.uid ?? `${event.involvedObject?.name}/${event.reason}/${event.message}`;
      const count = event.count ?? 1;
      if ((this.reportedEvents.get(id) ?? 0) >= count) continue;
      this.reportedEvents.set(id, count);
      for (const line of eventLines([event])) {
        this.options.onEvent?.({ type: 'output', step: 'wait', line, stream: 'stderr' });
      }
    }
  }

  private report(message: string): void {
    if (message === this.lastMessage) return;
    this.lastMessage = message;
    this.options.onEvent?.({ type: 'progress', step: 'wait', message });
  }

  private timedOut(timeoutMs: number): void {
    const snapshot = this.leases.length === 4 ? this.snapshot() : undefined;
    const last = this.lastMessage ? `; last status: ${this.lastMessage}` : '';
    const evidence = snapshot ? eventLines(snapshot.events.filter((e) => e.type === 'Warning')) : [];
    this.finish(
      new PipelineError(
        'timeout',
        `SpinApp "${this.options.name}" did not become available within ${Math.round(timeoutMs / 1000)} s${last}.`,
        evidence,
      ),
    );
  }

  private finish(outcome: RolloutResult | PipelineError): void {
    if (this.settled) return;
    this.settled = true;
    if (outcome instanceof Error) this.reject(outcome);
    else this.resolve(outcome);
  }
}

/** The operator did not update the Deployment after our change in time: it is probably not running. */
function operatorIdle(name: string, ms: number, deploymentExists: boolean): RolloutFailure {
  const seconds = ms >= 1000 ? Math.round(ms / 1000) : Number((ms / 1000).toFixed(1));
  return new RolloutFailure(
    'operator-idle',
    `spin-operator has not acted on the change in ${seconds} s: is it running? \`kubectl -n spin-operator get pods\``,
    [
      deploymentExists
        ? `Deployment "${name}" still has the pod template and replicas from before the apply.`
        : `Deployment "${name}" has not been created.`,
    ],
  );
}

function cancelled(name: string): PipelineError {
  return new PipelineError('cancelled', `Stopped waiting for SpinApp "${name}".`);
}
