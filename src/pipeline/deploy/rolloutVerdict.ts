// Decides from a snapshot whether a SpinApp rollout is ready, still progressing, or failed — and
// when it failed, says why in one sentence with the evidence (events, scheduler messages).
import { isTerminating, podRunsApp } from '../../cluster/spinAppRealisation';
import { findCondition, type ContainerStatus, type EventObject, type PodObject } from './objects';
import {
  deploymentObserved,
  operatorActed,
  podPhase,
  readiness,
  trimDot,
  type Readiness,
} from './rolloutReadiness';
import type { RolloutSnapshot } from './rolloutSnapshot';

export type FailureCause =
  | 'app-deleted'
  | 'executor-missing'
  | 'image-pull'
  | 'crash-loop'
  | 'runtime-class-missing'
  | 'unschedulable'
  | 'pods-not-created'
  /** The Deployment gave up: its pods did not become ready within its progress deadline. */
  | 'progress-deadline'
  /** spin-operator did not update the Deployment after our change within the bounded time. */
  | 'operator-idle';

export type RolloutVerdict =
  | Readiness
  /** The executor does not create a Deployment (createDeployment: false): there is nothing to follow. */
  | { readonly state: 'unfollowable'; readonly message: string }
  | {
      readonly state: 'failed';
      readonly cause: FailureCause;
      readonly message: string;
      readonly evidence: readonly string[];
      /** For a crash loop: the pod and container whose last log lines are evidence too. */
      readonly crashed?: { readonly pod: string; readonly container: string };
    };

const IMAGE_PULL_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);

export function judgeRollout(s: RolloutSnapshot): RolloutVerdict {
  const app = s.spinApp;
  if (!app) {
    return failed(
      'app-deleted',
      `SpinApp "${s.name}" does not exist in namespace ${s.namespace} any more.`,
      [],
    );
  }
  const executorName = app.spec?.executor ?? '';
  const missingExecutor = executorMissing(s, executorName);
  if (missingExecutor) return missingExecutor;
  if (s.executor && s.executor.spec?.createDeployment === false) {
    return {
      state: 'unfollowable',
      message: `SpinApp "${s.name}" was applied; executor "${executorName}" does not create Deployments, so its readiness is not reported.`,
    };
  }
  const runtimeClass = s.runtimeClass;
  if (runtimeClass && !runtimeClass.exists) {
    return failed(
      'runtime-class-missing',
      `No node can run Spin apps here: executor "${executorName}" uses RuntimeClass "${runtimeClass.name}", which does not exist in the cluster.`,
      [
        ...warnings(s.events),
        `RuntimeClass "${runtimeClass.name}" not found (install the Spin shim, e.g. runtime-class-manager or KWasm).`,
      ],
    );
  }
  // Pods of the previous rollout (another image or variables) may still fail while the new one comes up.
  for (const pod of s.pods.filter((p) => !isTerminating(p) && podRunsApp(p, app))) {
    const verdict = podFailure(s, pod);
    if (verdict) return verdict;
  }
  const podsNotCreated = failedCreate(s);
  if (podsNotCreated) return podsNotCreated;
  const stalled = progressDeadlineExceeded(s);
  if (stalled) return stalled;
  return readiness(s);
}

function executorMissing(s: RolloutSnapshot, executorName: string): RolloutVerdict | undefined {
  // An executor read just now outweighs a MissingExecutor event from before it was installed.
  if (s.executor) return undefined;
  const event = s.events.find((e) => e.reason === 'MissingExecutor');
  if (s.executor !== null && !event) return undefined;
  const others = s.executorNames ?? [];
  const evidence = [
    ...(event?.message ? [event.message] : []),
    others.length > 0
      ? `Executors in namespace ${s.namespace}: ${others.join(', ')}.`
      : `Namespace ${s.namespace} has no SpinAppExecutor; install one (e.g. containerd-shim-spin).`,
  ];
  return failed(
    'executor-missing',
    `SpinAppExecutor "${executorName}" does not exist in namespace ${s.namespace}, so the operator cannot run the app.`,
    evidence,
  );
}

function podFailure(s: RolloutSnapshot, pod: PodObject): RolloutVerdict | undefined {
  const podName = pod.metadata?.name ?? '';
  const podEvents = s.events.filter((e) => e.involvedObject?.name === podName);
  for (const status of pod.status?.containerStatuses ?? []) {
    const waiting = status.state?.waiting;
    if (waiting?.reason && IMAGE_PULL_REASONS.has(waiting.reason)) {
      const image =
        status.image ||
        pod.spec?.containers?.find((c) => c.name === status.name)?.image ||
        s.spinApp?.spec?.image ||
        '';
      const pullEvents = podEvents.filter(
        (e) => e.type === 'Warning' && /pull|image/i.test(`${e.reason} ${e.message}`),
      );
      const answer = registryAnswer(pullEvents, image) ?? waiting.message ?? waiting.reason;
      return failed('image-pull', `The cluster cannot pull the image "${image}": ${answer}`, [
        ...eventLines(pullEvents.length > 0 ? pullEvents : podEvents),
        ...pullHint(image, answer),
      ]);
    }
    if (isCrashLooping(status)) {
      const container = status.name ?? '';
      const exit = status.lastState?.terminated ?? status.state?.terminated;
      const code = exit?.exitCode !== undefined ? ` with exit code ${exit.exitCode}` : '';
      return {
        state: 'failed',
        cause: 'crash-loop',
        message: `The app keeps crashing: container "${container}" in pod "${podName}" exited${code} and was restarted ${status.restartCount ?? 0} times.`,
        evidence: eventLines(podEvents.filter((e) => e.type === 'Warning')),
        crashed: { pod: podName, container },
      };
    }
  }
  const scheduled = findCondition(pod.status?.conditions, 'PodScheduled');
  const schedulingEvents = podEvents.filter((e) => e.reason === 'FailedScheduling');
  if (
    (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') ||
    schedulingEvents.length > 0
  ) {
    const why =
      schedulingEvents[schedulingEvents.length - 1]?.message ?? scheduled?.message ?? 'no node fits';
    const evidence = eventLines(schedulingEvents);
    const selector = s.runtimeClass?.nodeSelector;
    if (s.runtimeClass && selector && Object.keys(selector).length > 0) {
      const labels = Object.entries(selector).map(([k, v]) => `${k}=${v}`);
      evidence.push(
        `RuntimeClass "${s.runtimeClass.name}" only schedules onto nodes labelled ${labels.join(', ')}.`,
      );
    }
    return failed(
      'unschedulable',
      `No node can run Spin apps: the scheduler cannot place pod "${podName}" (${trimDot(why)}).`,
      evidence,
    );
  }
  return undefined;
}

function isCrashLooping(status: ContainerStatus): boolean {
  if (status.state?.waiting?.reason === 'CrashLoopBackOff') return true;
  return (status.restartCount ?? 0) >= 3 && !status.ready && status.lastState?.terminated !== undefined;
}

/**
 * Pods that are never created: the ReplicaSet's FailedCreate events (RuntimeClass missing, quota,
 * policy), or the Deployment's ReplicaFailure condition when events cannot be read.
 */
function failedCreate(s: RolloutSnapshot): RolloutVerdict | undefined {
  if (s.pods.length > 0) return undefined;
  const events = s.events.filter((e) => e.reason === 'FailedCreate' && e.type === 'Warning');
  const replicaFailure = findCondition(s.deployment?.status?.conditions, 'ReplicaFailure');
  const reported = replicaFailure?.status === 'True' ? replicaFailure.message : undefined;
  const message = events[events.length - 1]?.message ?? reported;
  if (message === undefined) return undefined;
  const evidence =
    events.length > 0 ? eventLines(events) : [`ReplicaFailure ${replicaFailure?.reason ?? ''}: ${message}`];
  const runtimeClass = /RuntimeClass "([^"]+)" not found/.exec(message);
  if (runtimeClass) {
    return failed(
      'runtime-class-missing',
      `No node can run Spin apps here: RuntimeClass "${runtimeClass[1]}" does not exist in the cluster, so no pod can be created.`,
      evidence,
    );
  }
  return failed(
    'pods-not-created',
    `The cluster refuses to create the app's pods: ${trimDot(message)}.`,
    evidence,
  );
}

/** The Deployment (of the current spec) stopped progressing: its pods never became ready in time. */
function progressDeadlineExceeded(s: RolloutSnapshot): RolloutVerdict | undefined {
  if (!s.deployment || !operatorActed(s) || !deploymentObserved(s.deployment)) return undefined;
  const progressing = findCondition(s.deployment?.status?.conditions, 'Progressing');
  if (progressing?.status !== 'False' || progressing.reason !== 'ProgressDeadlineExceeded') return undefined;
  const pods = s.pods.map((p) => `Pod ${p.metadata?.name ?? ''}: ${podPhase(p)}`);
  return failed(
    'progress-deadline',
    `Deployment "${s.name}" made no progress within its deadline: ${trimDot(progressing.message ?? 'ProgressDeadlineExceeded')}. Its pods did not become ready; the events below say why (a failing readiness probe means the app does not answer on its HTTP port).`,
    [...pods, ...warnings(s.events)],
  );
}

/** What the registry answered, from a `Failed to pull image "ref": …` event. */
function registryAnswer(events: readonly EventObject[], image: string): string | undefined {
  for (const event of [...events].reverse()) {
    const message = event.message ?? '';
    const prefix = `Failed to pull image "${image}": `;
    if (message.startsWith(prefix)) return message.slice(prefix.length);
    const generic = /^Failed to pull image "[^"]*": (.*)$/s.exec(message);
    if (generic?.[1]) return generic[1];
  }
  const last = events[events.length - 1]?.message;
  return last && !/Back-off pulling image/i.test(last) ? last : undefined;
}

/** What to do about an image the cluster cannot pull, when the answer says why. */
function pullHint(image: string, answer: string): string[] {
  const registry = image.split('/')[0] ?? '';
  if (/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(registry)) {
    return [
      `The image is on ${registry}: the cluster's nodes take localhost for themselves. Push to a registry the nodes can reach (e.g. the registry your local cluster tool created) and use that address.`,
    ];
  }
  if (/unauthorized|authentication required|denied|forbidden|\b40[13]\b/i.test(answer)) {
    return [
      `The registry refused the cluster: give the SpinApp spec.imagePullSecrets naming a docker-registry Secret with credentials for ${registry}, or make the image public.`,
    ];
  }
  if (/manifest unknown|not found|\b404\b/i.test(answer)) {
    return [`The registry does not have this image: push it first, or check the repository and tag.`];
  }
  return [];
}

function warnings(events: readonly EventObject[]): string[] {
  return eventLines(events.filter((e) => e.type === 'Warning'));
}

export function eventLines(events: readonly EventObject[]): string[] {
  return events.map((e) => {
    const where = e.involvedObject ? `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}` : '';
    const count = e.count && e.count > 1 ? ` (x${e.count})` : '';
    return `${e.type ?? 'Normal'} ${e.reason ?? ''} ${where}: ${e.message ?? ''}${count}`;
  });
}

function failed(cause: FailureCause, message: string, evidence: readonly string[]): RolloutVerdict {
  return { state: 'failed', cause, message, evidence };
}
