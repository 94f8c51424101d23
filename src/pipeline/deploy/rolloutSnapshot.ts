// Everything known about one SpinApp's rollout at one moment: the input of the verdict.
import type { DeploymentObject, EventObject, ExecutorObject, PodObject, SpinAppObject } from './objects';

export interface RuntimeClassFacts {
  readonly name: string;
  /** False when the cluster answered 404 for it. */
  readonly exists: boolean;
  /** `scheduling.nodeSelector` of the RuntimeClass, when it has one. */
  readonly nodeSelector?: Readonly<Record<string, string>>;
}

/** What our apply did, for telling a Deployment the operator updated from one it has not touched yet. */
export interface RolloutBaseline {
  /** The apply changed the SpinApp (a new generation, or a new app): the operator must act on it. */
  readonly changed: boolean;
  /** The Deployment's generation before the apply: null when there was none, undefined when unknown. */
  readonly deploymentGeneration?: number | null;
}

export interface RolloutSnapshot {
  readonly name: string;
  readonly namespace: string;
  /** The SpinApp as last seen; undefined when it does not exist (yet, or any more). */
  readonly spinApp?: SpinAppObject;
  /** The executor the SpinApp names: the object, `null` when the cluster says it does not exist, undefined when unknown. */
  readonly executor?: ExecutorObject | null;
  /** Names of the executors in the namespace (for the "missing executor" evidence). */
  readonly executorNames?: readonly string[];
  readonly runtimeClass?: RuntimeClassFacts;
  readonly deployment?: DeploymentObject;
  readonly pods: readonly PodObject[];
  /** Events about the SpinApp, its Deployment, ReplicaSets and Pods, oldest first. */
  readonly events: readonly EventObject[];
  /** What our apply changed; undefined when following an app we did not just apply. */
  readonly baseline?: RolloutBaseline;
}

/** Whether an event concerns the app `name`: the SpinApp or Deployment itself, or a ReplicaSet/Pod named after it. */
export function eventConcernsApp(event: EventObject, name: string): boolean {
  const target = event.involvedObject?.name;
  if (!target) return false;
  if (target === name) return true;
  const kind = event.involvedObject?.kind;
  return (kind === 'Pod' || kind === 'ReplicaSet') && target.startsWith(`${name}-`);
}

/** The event's last time in milliseconds (0 when it has none). */
export function eventTime(event: EventObject): number {
  const stamp = event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp;
  const ms = stamp ? Date.parse(stamp) : NaN;
  return Number.isFinite(ms) ? ms : 0;
}
