// When a rollout that has not failed is ready: the SpinApp generation we applied has been realised.
// The operator has updated the Deployment since our apply (its generation advanced, or its pod
// template and replicas are what the SpinApp asks for), the Deployment controller has seen that
// (observedGeneration), every replica is updated and available, and no pod of the previous
// version still runs or terminates. An apply that changed nothing needs no action of the operator.
import { deploymentRealisesApp, isTerminating, podRunsTemplate } from '../../cluster/spinAppRealisation';
import { conditionTrue, findCondition, type DeploymentObject, type PodObject } from './objects';
import type { RolloutSnapshot } from './rolloutSnapshot';

export type Readiness =
  | { readonly state: 'ready'; readonly message: string; readonly readyReplicas: number }
  | {
      readonly state: 'progressing';
      readonly message: string;
      /** The operator has not acted on our change yet (no Deployment, or the one from before the apply). */
      readonly waitingForOperator?: boolean;
    };

/** Whether the operator has acted on what we applied (see the header). */
export function operatorActed(s: RolloutSnapshot): boolean {
  const { deployment, spinApp } = s;
  if (!deployment || !spinApp) return false;
  if (s.baseline && !s.baseline.changed) return true;
  const before = s.baseline?.deploymentGeneration;
  const generation = deployment.metadata?.generation;
  if (before === null) return true; // the operator created it after our apply
  if (before !== undefined && generation !== undefined && generation > before) return true;
  return deploymentRealisesApp(deployment, spinApp);
}

/** Whether the Deployment controller has seen the Deployment's current spec. */
export function deploymentObserved(deployment: DeploymentObject): boolean {
  const generation = deployment.metadata?.generation;
  const observed = deployment.status?.observedGeneration;
  return generation === undefined || observed === undefined || observed >= generation;
}

export function readiness(s: RolloutSnapshot): Readiness {
  const { deployment } = s;
  if (!deployment) {
    return {
      state: 'progressing',
      message: `Waiting for the operator to create Deployment "${s.name}"`,
      waitingForOperator: true,
    };
  }
  if (!operatorActed(s)) {
    return {
      state: 'progressing',
      message: `Waiting for spin-operator to apply the change to Deployment "${s.name}"`,
      waitingForOperator: true,
    };
  }
  const app = s.spinApp;
  const wanted = deployment.spec?.replicas ?? 1;
  const desired = app?.spec?.enableAutoscaling ? wanted : Math.max(1, app?.spec?.replicas ?? 1);
  const status = deployment.status ?? {};
  const available = status.availableReplicas ?? 0;
  const previous = s.pods.filter((p) => isTerminating(p) || !podRunsTemplate(p, deployment));
  const done =
    deploymentObserved(deployment) &&
    wanted === desired &&
    (status.updatedReplicas ?? 0) === wanted &&
    (status.replicas ?? 0) === wanted &&
    available === wanted &&
    previous.length === 0 &&
    conditionTrue(app?.status?.conditions, 'Available');
  if (done) {
    return {
      state: 'ready',
      readyReplicas: available,
      message: `SpinApp "${s.name}" is available: ${available}/${desired} ready.`,
    };
  }
  const ready = status.readyReplicas ?? 0;
  return { state: 'progressing', message: progressLine(s, ready, desired, previous.length) };
}

function progressLine(s: RolloutSnapshot, ready: number, desired: number, previous: number): string {
  const progressing = findCondition(s.spinApp?.status?.conditions, 'Progressing');
  const pods = s.pods.map((p) => podPhase(p)).filter((x) => x);
  const podText = pods.length > 0 ? `; pods: ${pods.join(', ')}` : '';
  const reason = progressing?.message ? ` (${trimDot(progressing.message)})` : '';
  const old =
    previous > 0
      ? `; ${previous} pod${previous === 1 ? '' : 's'} of the previous version still running or terminating`
      : '';
  return `${ready}/${desired} ready${reason}${podText}${old}`;
}

/** A pod's state in one word, as kubectl's STATUS column shows it. */
export function podPhase(pod: PodObject): string {
  if (isTerminating(pod)) return 'Terminating';
  const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting?.reason;
  return waiting ?? pod.status?.phase ?? 'Pending';
}

export function trimDot(text: string): string {
  return text.trim().replace(/\.+$/, '');
}
