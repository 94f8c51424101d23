// The SpinKube operator's admission webhook rules for SpinApps, with its own wording.
import {
  booleanOf,
  isMap,
  isScalar,
  keyName,
  pairOf,
  stringOf,
  valueOf,
  type YMap,
  type YNode,
} from '../yaml/ast';
import { CODES } from '../codes';
import { error, warning } from '../findings';
import { parseQuantity } from '../quantity';
import type { SpinKubeObject } from '../spinKubeObjects';
import { namespaceKey, type FileFacts } from './ruleContext';

export function checkSpinAppWebhook(app: SpinKubeObject, facts: FileFacts): void {
  const spec = app.spec;
  if (!spec || !app.specPair) return;
  checkExecutorSet(app, spec, facts);
  checkReplicas(app, spec, facts);
  checkAnnotations(app, spec, facts);
  checkInvocationLimits(spec, facts);
}

function allClusterExecutors(facts: FileFacts): string[] {
  const names = new Set<string>();
  for (const list of Object.values(facts.ctx.cluster?.executorsByNamespace ?? {})) {
    for (const n of list) names.add(n);
  }
  for (const byName of facts.executors.values()) for (const n of byName.keys()) names.add(n);
  return [...names].sort();
}

function checkExecutorSet(app: SpinKubeObject, spec: YMap, facts: FileFacts): void {
  if (stringOf(spec, 'executor') || (facts.partial && !pairOf(spec, 'executor'))) return;
  const pair = pairOf(spec, 'executor');
  const at = pair?.key ?? app.specPair?.key ?? app.apiVersion;
  const candidates = allClusterExecutors(facts);
  if (facts.ctx.cluster && candidates.length === 0) {
    facts.report(
      error(
        CODES.missingExecutor,
        at,
        'spec.executor: Invalid value: "": executor must be set, likely no default executor was set because you have no executors installed',
      ),
    );
    return;
  }
  const picked = candidates[0];
  facts.report(
    warning(
      CODES.missingExecutor,
      at,
      picked
        ? `spec.executor is not set: the operator will use "${picked}", the first SpinAppExecutor by name`
        : 'spec.executor is not set: the operator uses the first SpinAppExecutor by name in the cluster, and rejects the SpinApp if there is none',
      picked ? { executor: picked, ...insertionPoint(spec, pair === undefined, facts.text) } : undefined,
    ),
  );
}

/** Where a new `spec` field line goes: the start of the first field's line, with its indentation. */
function insertionPoint(spec: YMap, absent: boolean, text: string): { insertAt?: number; indent?: number } {
  const first = spec.pairs[0]?.key;
  if (!absent || !first) return {};
  const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  const indent = first.start - lineStart;
  if (text.slice(lineStart, first.start).trim() !== '') return {}; // a flow map: no line to insert
  return { insertAt: lineStart, indent };
}

function checkReplicas(app: SpinKubeObject, spec: YMap, facts: FileFacts): void {
  const autoscaling = valueOf(spec, 'enableAutoscaling');
  if (autoscaling && booleanOf(autoscaling) === undefined) return; // a type error, reported elsewhere
  const autoscale = booleanOf(autoscaling) === true;
  const replicasPair = pairOf(spec, 'replicas');
  const replicas = valueOf(spec, 'replicas');
  if (
    replicas &&
    !(isScalar(replicas) && typeof replicas.value === 'number' && Number.isInteger(replicas.value))
  ) {
    return;
  }
  const count = isScalar(replicas) && typeof replicas.value === 'number' ? replicas.value : 0;
  if (autoscale && count !== 0 && replicas && replicasPair) {
    const autoscalingPair = pairOf(spec, 'enableAutoscaling');
    facts.report(
      error(
        CODES.replicasWithAutoscaling,
        replicas,
        `spec.replicas: Invalid value: ${count}: replicas cannot be set when autoscaling is enabled`,
        {
          replicas: { start: replicasPair.key.start, end: replicas.end },
          ...(autoscalingPair && autoscaling
            ? { enableAutoscaling: { start: autoscalingPair.key.start, end: autoscaling.end } }
            : {}),
        },
      ),
    );
  } else if (!autoscale && count < 1 && !(facts.partial && !replicasPair)) {
    const at = replicas ?? replicasPair?.key ?? app.specPair?.key ?? app.apiVersion;
    const unset = replicas ? '' : ' (spec.replicas is not set and enableAutoscaling is not true)';
    facts.report(
      error(
        CODES.replicasNotPositive,
        at,
        `spec.replicas: Invalid value: ${count}: replicas must be > 0${unset}`,
      ),
    );
  }
}

function goMapText(map: YMap): string {
  const entries = map.pairs.map(
    (p) => `${JSON.stringify(keyName(p))}:${JSON.stringify(isScalar(p.value) ? p.value.value : null)}`,
  );
  return `{${entries.join(',')}}`;
}

/**
 * The `createDeployment` of the executor a SpinApp names: from its definition in this file, else
 * from the cluster's executors in the SpinApp's namespace; undefined when unknown.
 */
function executorCreatesDeployment(name: string, namespace: string, facts: FileFacts): boolean | undefined {
  const inFile = facts.executors.get(namespace)?.get(name);
  if (inFile) return booleanOf(valueOf(inFile.spec, 'createDeployment'));
  const inCluster = facts.ctx.cluster?.executorSettings?.[namespace]?.[name];
  return typeof inCluster?.createDeployment === 'boolean' ? inCluster.createDeployment : undefined;
}

function checkAnnotations(app: SpinKubeObject, spec: YMap, facts: FileFacts): void {
  const executorName = stringOf(spec, 'executor');
  if (!executorName) return;
  if (executorCreatesDeployment(executorName, namespaceKey(app, facts.ctx), facts) !== false) return;
  for (const field of ['deploymentAnnotations', 'podAnnotations'] as const) {
    const pair = pairOf(spec, field);
    if (!pair || !isMap(pair.value) || pair.value.pairs.length === 0) continue;
    facts.report(
      error(
        CODES.annotationsWithoutDeployment,
        pair.key,
        `spec.${field}: Invalid value: ${goMapText(pair.value)}: ${field} can't be set when the executor does not use operator deployments`,
      ),
    );
  }
}

function memoryOf(node: YNode | undefined): { text: string; value: number } | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') return undefined;
  const value = parseQuantity(node.value);
  return value === undefined ? undefined : { text: String(node.value), value };
}

function checkInvocationLimits(spec: YMap, facts: FileFacts): void {
  const memoryNode = valueOf(valueOf(spec, 'invocationLimits'), 'memory');
  if (!isScalar(memoryNode) || typeof memoryNode.value !== 'string') return; // type errors reported elsewhere
  const raw = memoryNode.value;
  const limit = memoryOf(memoryNode);
  if (!limit) {
    facts.report(
      error(
        CODES.invalidMemoryLimit,
        memoryNode,
        `spec.invocationLimits[memory]: Invalid value: ${JSON.stringify(raw)}: memory limit must be a valid memory quantity (e.g. 128Mi, 1Gi)`,
      ),
    );
    return;
  }
  const resources = valueOf(spec, 'resources');
  const containerLimit = memoryOf(valueOf(valueOf(resources, 'limits'), 'memory'));
  const containerRequest = memoryOf(valueOf(valueOf(resources, 'requests'), 'memory'));
  const bound = containerLimit
    ? { what: 'memory limit', ...containerLimit }
    : containerRequest
      ? { what: 'memory request', ...containerRequest }
      : undefined;
  if (bound && limit.value > bound.value) {
    facts.report(
      error(
        CODES.invocationLimitExceedsMemory,
        memoryNode,
        `spec.invocationLimits[memory]: Invalid value: ${JSON.stringify(raw)}: invocation limit quantity cannot be greater than the ${bound.what} (${bound.text})`,
      ),
    );
  }
}
