// Deploy = server-side apply of a SpinApp (and its companions), then — when asked — follow it
// until it is available. The SpinApp is the first SpinApp among the objects.
import {
  Kinds,
  LEGACY_SPINKUBE_GROUP,
  SPINKUBE_GROUP,
  resourcePath,
  spinAppKind,
  type KubeObject,
} from '../../cluster/kinds';
import { PipelineError, type PipelineListener } from '../events';
import { applyObjects, type AppliedObject } from './apply';
import type { DeployCluster } from './clusterAccess';
import { FIELD_MANAGER } from './ownership';
import { followRollout, type RolloutResult } from './followRollout';
import { readGeneration } from './lookups';
import type { RolloutBaseline } from './rolloutSnapshot';
import { applyWouldChangeNothing } from './unchangedApply';

export interface DeployOptions {
  /** Namespace for objects that name none (default: the context's namespace). */
  readonly namespace?: string;
  readonly force?: boolean;
  /** Follow the rollout until available (default true). */
  readonly wait?: boolean;
  readonly timeoutMs?: number;
  /** How long spin-operator may take to act on a changed SpinApp before the wait says so (default 30 s). */
  readonly operatorTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: PipelineListener;
  /** Skip the apply when a dry run says it would change nothing (default false). */
  readonly skipUnchanged?: boolean;
}

export interface DeployResult {
  readonly name: string;
  readonly namespace: string;
  /** Empty when the apply was skipped as unchanged. */
  readonly applied: readonly AppliedObject[];
  /** The cluster already had the objects as given: nothing was applied. */
  readonly unchanged: boolean;
  /** Undefined when not waiting. */
  readonly rollout?: RolloutResult;
}

export async function deploySpinApp(
  cluster: DeployCluster,
  objects: readonly KubeObject[],
  options: DeployOptions = {},
): Promise<DeployResult> {
  const spinApp = objects.find((o) => o.kind === 'SpinApp');
  if (!spinApp?.metadata?.name) {
    throw new PipelineError('manifest', 'The manifest holds no SpinApp with a metadata.name.');
  }
  const namespace = spinApp.metadata.namespace || options.namespace || cluster.defaultNamespace;
  const name = spinApp.metadata.name;
  const { onEvent, signal } = options;
  const startedLocally = Date.now() - 1_000;
  const group = await cluster.spinKubeGroup().catch(() => undefined);
  const served = applyOrder(group ? objects.map((o) => inGroup(o, group)) : objects);
  // What runs before our apply: ready must then mean the operator has acted on what we changed.
  const before =
    options.wait === false
      ? undefined
      : await Promise.all([
          readGeneration(cluster.transport, resourcePath(spinAppKind(group ?? undefined), namespace, name)),
          readGeneration(cluster.transport, resourcePath(Kinds.deployment, namespace, name)),
        ]);
  onEvent?.({
    type: 'start',
    step: 'apply',
    message: `Applying SpinApp "${name}" to namespace ${namespace}`,
  });
  const unchanged =
    options.skipUnchanged === true &&
    options.force !== true &&
    (await applyWouldChangeNothing(cluster, served, namespace, signal));
  const applied = unchanged
    ? []
    : await applyObjects(cluster, served, {
        namespace,
        ...(options.force !== undefined && { force: options.force }),
        ...(signal && { signal }),
        ...(onEvent && { onEvent }),
      });
  const done = unchanged ? `SpinApp "${name}" is unchanged` : `Applied SpinApp "${name}"`;
  onEvent?.({ type: 'done', step: 'apply', message: done });
  // Events before this are history. The cluster's clock says when it took our apply; this
  // machine's clock may be minutes off (virtual machines, WSL after a sleep).
  const appliedApp = applied.find((a) => a.kind === 'SpinApp')?.object;
  const since = (appliedApp && clusterApplyTime(appliedApp)) ?? startedLocally;
  if (options.wait === false || !before) return { name, namespace, applied, unchanged };
  const [appGeneration, deploymentGeneration] = before;
  const appliedGeneration = appliedApp?.metadata?.generation;
  const baseline: RolloutBaseline = {
    changed: !unchanged && (typeof appGeneration !== 'number' || appliedGeneration !== appGeneration),
    deploymentGeneration,
  };
  onEvent?.({ type: 'start', step: 'wait', message: `Waiting for SpinApp "${name}" to become available` });
  const rollout = await followRollout(cluster, {
    name,
    namespace,
    since,
    baseline,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.operatorTimeoutMs !== undefined && { operatorTimeoutMs: options.operatorTimeoutMs }),
    ...(signal && { signal }),
    ...(onEvent && { onEvent }),
  });
  onEvent?.({ type: 'done', step: 'wait', message: rollout.message });
  return { name, namespace, applied, unchanged, rollout };
}

/** When the API server recorded our last apply of the object that changed it (its clock, seconds). */
function clusterApplyTime(object: KubeObject): number | undefined {
  const fields = object.metadata?.managedFields;
  const entries = Array.isArray(fields) ? (fields as { manager?: unknown; time?: unknown }[]) : [];
  const ours = entries.find((e) => e.manager === FIELD_MANAGER && typeof e.time === 'string');
  const time = typeof ours?.time === 'string' ? Date.parse(ours.time) : NaN;
  return Number.isFinite(time) ? time : undefined;
}

/** Kinds the others refer to, applied first (namespaces, then what pods mount or run as). */
const APPLIED_FIRST = ['Namespace', 'Secret', 'ConfigMap', 'ServiceAccount'];

/**
 * The objects in the order they are applied: what the SpinApp's pods use before the SpinApp, so
 * that no pod starts without its (optional) runtime-config Secret, and a refused Secret leaves no
 * app behind. Otherwise the order given.
 */
function applyOrder(objects: readonly KubeObject[]): KubeObject[] {
  const rank = (o: KubeObject): number => {
    const index = APPLIED_FIRST.indexOf(o.kind ?? '');
    return index < 0 ? APPLIED_FIRST.length : index;
  };
  return [...objects].sort((a, b) => rank(a) - rank(b));
}

/** SpinKube objects moved to the API group the cluster serves (the legacy `core.spinoperator.dev` on old installs). */
function inGroup(object: KubeObject, group: string): KubeObject {
  const version = object.apiVersion ?? '';
  const legacy = version.startsWith(`${LEGACY_SPINKUBE_GROUP}/`);
  const current = version.startsWith(`${SPINKUBE_GROUP}/`);
  if (!legacy && !current) return object;
  return { ...object, apiVersion: `${group}/${version.slice(version.indexOf('/') + 1)}` };
}
