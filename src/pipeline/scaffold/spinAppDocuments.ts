// The YAML `spin kube scaffold` writes: a SpinApp, then (with a runtime config) its Secret, or
// (with an autoscaler) an HPA or KEDA ScaledObject, in the same keys, order and quoting.
import { Document, Scalar, YAMLMap, YAMLSeq, isMap, isSeq } from 'yaml';
import { IndentedSeq } from './indentedSeq';
import { resolveScaffoldOptions, type ResolvedScaffoldOptions, type ScaffoldOptions } from './options';

export const SPINAPP_API_VERSION = 'core.spinkube.dev/v1alpha1';
const REQUIRED_VARIABLE_COMMENT = ' required by the app: set its value';

/** One scaffolded object, its plain data and its YAML text. */
export interface ScaffoldedObject {
  readonly kind: 'SpinApp' | 'Secret' | 'HorizontalPodAutoscaler' | 'ScaledObject';
  readonly object: Record<string, unknown>;
}

export interface ScaffoldResult {
  /** The SpinApp name (from the image unless given). */
  readonly name: string;
  readonly objects: readonly ScaffoldedObject[];
  /** Every object as one multi-document YAML text. */
  readonly yaml: string;
}

/** Scaffolds a SpinApp (and companions) as `spin kube scaffold` does. Throws ScaffoldError on bad flags. */
export function scaffoldSpinApp(options: ScaffoldOptions): ScaffoldResult {
  const resolved = resolveScaffoldOptions(options);
  const documents = [spinAppDocument(resolved)];
  if (resolved.runtimeConfig !== undefined) documents.push(runtimeConfigSecret(resolved));
  if (resolved.autoscaler === 'hpa') documents.push(new Document(horizontalPodAutoscaler(resolved)));
  if (resolved.autoscaler === 'keda') documents.push(new Document(kedaScaledObject(resolved)));
  const yaml = documents.map((doc) => doc.toString({ indentSeq: false, lineWidth: 0 })).join('---\n');
  const objects = documents.map((doc) => {
    const object = doc.toJS() as Record<string, unknown>;
    return { kind: object.kind as ScaffoldedObject['kind'], object };
  });
  return { name: resolved.name, objects, yaml };
}

function spinAppDocument(o: ResolvedScaffoldOptions): Document {
  const spec: Record<string, unknown> = { image: o.image, executor: o.executor };
  if (o.autoscaler) spec.enableAutoscaling = true;
  else spec.replicas = o.replicas;
  if (o.azureIdentity) spec.podLabels = { 'azure.workload.identity/use': 'true' };
  if (o.serviceAccountName) spec.serviceAccountName = o.serviceAccountName;
  const variables = variableEntries(o);
  if (variables.length > 0) spec.variables = variables.map(({ name, value }) => ({ name, value }));
  if (o.components && o.components.length > 0) spec.components = [...o.components];
  const resources = resourcesOf(o);
  if (resources) spec.resources = resources;
  if (o.imagePullSecrets && o.imagePullSecrets.length > 0) {
    spec.imagePullSecrets = o.imagePullSecrets.map((name) => ({ name }));
  }
  if (o.runtimeConfig !== undefined) spec.runtimeConfig = { loadFromSecret: `${o.name}-runtime-config` };

  const metadata: Record<string, unknown> = { name: o.name };
  if (o.namespace) metadata.namespace = o.namespace;
  const doc = new Document({ apiVersion: SPINAPP_API_VERSION, kind: 'SpinApp', metadata, spec });
  const image = doc.getIn(['spec', 'image'], true);
  if (image instanceof Scalar) image.type = Scalar.QUOTE_DOUBLE;
  const secrets = doc.getIn(['spec', 'imagePullSecrets'], true);
  if (isSeq(secrets)) {
    const indented = new IndentedSeq(doc.schema);
    indented.items = secrets.items;
    doc.setIn(['spec', 'imagePullSecrets'], indented);
  }
  markRequiredVariables(doc, variables);
  return doc;
}

interface VariableEntry {
  readonly name: string;
  readonly value: string;
  readonly required: boolean;
}

/** Given variables sorted by name (as Go's template ranges a map), then required ones without a value. */
function variableEntries(o: ResolvedScaffoldOptions): VariableEntry[] {
  const given = Object.entries(o.variables ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value, required: false }));
  const known = new Set(given.map((v) => v.name));
  const missing = [...new Set(o.requiredVariables ?? [])]
    .filter((name) => !known.has(name))
    .map((name) => ({ name, value: '', required: true }));
  return [...given, ...missing];
}

function markRequiredVariables(doc: Document, variables: readonly VariableEntry[]): void {
  const seq = doc.getIn(['spec', 'variables'], true);
  if (!(seq instanceof YAMLSeq)) return;
  variables.forEach((variable, index) => {
    const item = seq.items[index];
    if (!variable.required || !isMap(item)) return;
    const value = (item as YAMLMap).get('value', true);
    if (value instanceof Scalar) value.comment = REQUIRED_VARIABLE_COMMENT;
  });
}

/** `resources` only when a limit is given; requests only inside that block. */
function resourcesOf(o: ResolvedScaffoldOptions): Record<string, unknown> | undefined {
  if (!o.cpuLimit && !o.memoryLimit) return undefined;
  const limits: Record<string, string> = {};
  if (o.cpuLimit) limits.cpu = o.cpuLimit;
  if (o.memoryLimit) limits.memory = o.memoryLimit;
  const resources: Record<string, unknown> = { limits };
  if (o.cpuRequest || o.memoryRequest) {
    const requests: Record<string, string> = {};
    if (o.cpuRequest) requests.cpu = o.cpuRequest;
    if (o.memoryRequest) requests.memory = o.memoryRequest;
    resources.requests = requests;
  }
  return resources;
}

function runtimeConfigSecret(o: ResolvedScaffoldOptions): Document {
  return new Document({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `${o.name}-runtime-config` },
    type: 'Opaque',
    data: { 'runtime-config.toml': Buffer.from(o.runtimeConfig ?? '', 'utf8').toString('base64') },
  });
}

function scaleTarget(o: ResolvedScaffoldOptions): Record<string, string> {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: o.name };
}

function horizontalPodAutoscaler(o: ResolvedScaffoldOptions): Record<string, unknown> {
  const metric = (name: string, utilization: number) => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization: utilization } },
  });
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: `${o.name}-autoscaler` },
    spec: {
      scaleTargetRef: scaleTarget(o),
      minReplicas: o.replicas,
      maxReplicas: o.maxReplicas,
      metrics: [metric('cpu', o.targetCpuUtilization), metric('memory', o.targetMemoryUtilization)],
    },
  };
}

function kedaScaledObject(o: ResolvedScaffoldOptions): Record<string, unknown> {
  const trigger = (type: string, utilization: number) => ({
    type,
    metricType: 'Utilization',
    metadata: { value: String(utilization) },
  });
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: `${o.name}-autoscaler` },
    spec: {
      scaleTargetRef: scaleTarget(o),
      minReplicaCount: o.replicas,
      maxReplicaCount: o.maxReplicas,
      triggers: [trigger('cpu', o.targetCpuUtilization), trigger('memory', o.targetMemoryUtilization)],
    },
  };
}
