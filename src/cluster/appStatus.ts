// The state of a SpinApp as a user would judge it, from its status conditions, its ready/desired
// replicas, its executor and (optionally) its pods.
//   appStatus(app, { executorExists, pods }) → { state: 'ready' | 'progressing' | 'failed' | 'unknown',
//     ready, desired, summary, problem? }   appDescription(app, status) → '2/3 · containerd-shim-spin'
import { condition, type Pod, type SpinApp } from './resources';
import { isTerminating, podRunsApp } from './spinAppRealisation';

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
  /** The app's pods; undefined when they are not known (not listed yet, or not allowed). */
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

/** A pod that runs with every container ready, and is not being deleted. */
export function podReady(pod: Pod): boolean {
  if (isTerminating(pod) || pod.status?.phase !== 'Running') return false;
  return (pod.status.containerStatuses ?? []).every((c) => c.ready);
}

/** A pod's state in one word, as kubectl's STATUS column: `Terminating` once it is being deleted. */
export function podStatusWord(pod: Pod): string {
  if (isTerminating(pod)) return 'Terminating';
  return podFailure(pod)?.reason ?? pod.status?.phase ?? 'Pending';
}

/** The first reason a pod cannot run (a container stuck waiting on a failure), if any. */
export function podFailure(pod: Pod): { reason: string; message?: string } | undefined {
  if (isTerminating(pod)) return undefined; // on its way out: its last troubles are not the app's
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
  const pods = inputs.pods;
  const reported = numberOr(app.status?.readyReplicas, 0);
  // pods being deleted never count, whatever the status last said
  const live = pods?.filter((p) => !isTerminating(p)).length;
  const ready = pods && pods.length > 0 ? Math.min(reported, live ?? 0) : reported;
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
  // pods of the previous version may fail while the new ones come up
  const failing = (pods ?? [])
    .filter((p) => podRunsApp(p, app))
    .map(podFailure)
    .find((f) => f !== undefined);
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
  if (available?.status === 'True' && enough) {
    const pending = rolloutPending(app, reported, desired, pods);
    if (pending) return { ...base, state: 'progressing', summary: 'Rolling out', problem: pending };
    return { ...base, state: 'ready', summary: 'Available' };
  }
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

/**
 * What still differs from what the app asks for, though its status says available: pods of the
 * previous version (another image or variables) running or terminating, or more replicas than asked.
 */
function rolloutPending(
  app: SpinApp,
  reported: number,
  desired: number | undefined,
  pods: readonly Pod[] | undefined,
): string | undefined {
  const live = (pods ?? []).filter((p) => !isTerminating(p));
  const outdated = live.filter((p) => !podRunsApp(p, app)).length;
  if (outdated > 0) {
    return `${plural(outdated, 'pod')} of the previous version still running; the new version is not rolled out yet.`;
  }
  const terminating = (pods ?? []).length - live.length;
  if (terminating > 0) return `${plural(terminating, 'pod')} still terminating.`;
  if (desired !== undefined && Math.max(reported, live.length) > desired) {
    return `Scaling down to ${desired} (${Math.max(reported, live.length)} running).`;
  }
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function appDescription(app: SpinApp, status: AppStatus): string {
  const counts = `${status.ready}/${status.desired ?? 'auto'}`;
  const executor = app.spec?.executor;
  return executor ? `${counts} · ${executor}` : counts;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
