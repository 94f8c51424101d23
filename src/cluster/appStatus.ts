// The state of a SpinApp as a user would judge it, from its status conditions, its ready/desired
// replicas, its executor and (optionally) its pods.
//   appStatus(app, { executorExists, pods }) → { state: 'ready' | 'progressing' | 'failed' | 'unknown',
//     ready, desired, summary, problem? }   appDescription(app, status) → '2/3 · containerd-shim-spin'
import { condition, type Pod, type SpinApp } from './resources';

export type AppState = 'ready' | 'progressing' | 'failed' | 'unknown';

export interface AppStatus {
  readonly state: AppState;
  readonly ready: number;
  /** Desired replicas; undefined when autoscaling decides. */
  readonly desired: number | undefined;
  /** One short phrase: "Available", "Rolling out", "CrashLoopBackOff", … */
  readonly summary: string;
  /** When failed or stuck: what went wrong, in the cluster's own words. */
  readonly problem?: string;
}

export interface AppStatusInputs {
  /** false when the executor is known to be missing in the app's namespace. */
  readonly executorExists?: boolean;
  readonly pods?: readonly Pod[];
}

const POD_FAILURES = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** The first reason a pod cannot run (a container stuck waiting on a failure), if any. */
export function podFailure(pod: Pod): { reason: string; message?: string } | undefined {
  for (const cs of pod.status?.containerStatuses ?? []) {
    const waiting = cs.state?.waiting;
    if (waiting?.reason && POD_FAILURES.has(waiting.reason)) {
      return { reason: waiting.reason, message: waiting.message };
    }
  }
  for (const cs of pod.status?.containerStatuses ?? []) {
    // between two back-offs a crash-looping container runs for a moment: its last exit tells
    const last = cs.lastState?.terminated;
    if (!cs.ready && (cs.restartCount ?? 0) > 0 && last && last.exitCode !== 0) {
      return {
        reason: 'CrashLoopBackOff',
        message: last.message ?? `the container exited with code ${last.exitCode ?? '?'}`,
      };
    }
  }
  if (pod.status?.phase === 'Failed') {
    return { reason: pod.status.reason ?? 'Failed', message: pod.status.message };
  }
  const unschedulable = condition(pod.status?.conditions, 'PodScheduled');
  if (unschedulable?.status === 'False' && unschedulable.reason === 'Unschedulable') {
    return { reason: 'Unschedulable', message: unschedulable.message };
  }
  return undefined;
}

export function appStatus(app: SpinApp, inputs: AppStatusInputs = {}): AppStatus {
  const ready = numberOr(app.status?.readyReplicas, 0);
  const desired = app.spec?.enableAutoscaling ? undefined : numberOr(app.spec?.replicas, 1);
  const base = { ready, desired };
  if (app.metadata?.deletionTimestamp) return { ...base, state: 'progressing', summary: 'Deleting' };
  if (inputs.executorExists === false) {
    const executor = app.spec?.executor || '(none)';
    return {
      ...base,
      state: 'failed',
      summary: 'MissingExecutor',
      problem: `Executor "${executor}" does not exist in namespace "${app.metadata?.namespace ?? 'default'}".`,
    };
  }
  const failing = (inputs.pods ?? []).map(podFailure).find((f) => f !== undefined);
  if (failing) {
    return { ...base, state: 'failed', summary: failing.reason, problem: failing.message ?? failing.reason };
  }
  const conditions = app.status?.conditions;
  const available = condition(conditions, 'Available');
  const progressing = condition(conditions, 'Progressing');
  if (progressing?.status === 'False') {
    return {
      ...base,
      state: 'failed',
      summary: progressing.reason || 'NotProgressing',
      problem: progressing.message || progressing.reason,
    };
  }
  const enough = desired === undefined ? ready > 0 : ready >= desired;
  if (available?.status === 'True' && enough) return { ...base, state: 'ready', summary: 'Available' };
  if (available?.status === 'True' || progressing?.status === 'True' || available?.status === 'False') {
    return {
      ...base,
      state: 'progressing',
      summary: progressing?.status === 'True' ? 'Rolling out' : 'Waiting for replicas',
      problem: available?.status === 'False' ? available.message : undefined,
    };
  }
  if (!available && !progressing && desired === 0) {
    return { ...base, state: 'ready', summary: 'Scaled to zero' };
  }
  const unknown = available ?? progressing;
  return {
    ...base,
    state: 'unknown',
    summary: unknown?.reason || 'No status yet',
    problem: unknown?.message,
  };
}

export function appDescription(app: SpinApp, status: AppStatus): string {
  const counts = `${status.ready}/${status.desired ?? 'auto'}`;
  const executor = app.spec?.executor;
  return executor ? `${counts} · ${executor}` : counts;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
