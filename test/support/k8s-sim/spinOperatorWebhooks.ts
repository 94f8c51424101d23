// THE SPIN OPERATOR'S ADMISSION WEBHOOKS, as spin-operator installs them in a cluster (it is the
// operator's code, not the API server's; switch them off with `spinWebhooks: false` or
// `admission.setEnabled(name, false)`). Rules and wording: spin-operator internal/webhook.
//   mspinapp.kb.io          defaults spec.executor to the alphabetically first executor (any namespace)
//   vspinapp.kb.io          validates SpinApps
//   vspinappexecutor.kb.io  validates SpinAppExecutors
import type { AdmissionPlugin, AdmissionRequest } from './admission.js';
import type { FieldError } from './apiErrors.js';
import { invalid } from './apiErrors.js';

/** Where the webhooks look executors up: the simulator's store, or a snapshot read from a cluster. */
export interface ExecutorLookup {
  get(key: string, namespace: string, name: string): KubeObject | undefined;
  objects(key: string): Iterable<KubeObject>;
}
import type { KubeObject } from './types.js';

const GROUPS = ['core.spinkube.dev', 'core.spinoperator.dev'];

function isKind(req: AdmissionRequest, kind: string): boolean {
  return GROUPS.includes(req.type.group) && req.type.kind === kind && req.subresource === undefined;
}

export function executorKey(group: string): string {
  return `${group}/spinappexecutors`;
}

const UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  m: 1e-3,
};

/** Bytes of a Kubernetes quantity (`128Mi`, `1G`, `1e3`), or undefined if it does not parse. */
export function parseQuantity(text: unknown): number | undefined {
  const s = typeof text === 'number' ? String(text) : typeof text === 'string' ? text.trim() : '';
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)|[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  return n * UNITS[m[2] ?? '']!;
}

function goValue(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}

export function spinAppErrors(
  app: KubeObject,
  store: ExecutorLookup,
  group: string,
  namespace: string,
): FieldError[] {
  const spec = (app.spec ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const executorName = typeof spec.executor === 'string' ? spec.executor : '';
  let executor: KubeObject | undefined;
  if (executorName === '') {
    errors.push({
      field: 'spec.executor',
      message:
        'spec.executor: Invalid value: "": executor must be set, likely no default executor was set because you have no executors installed',
    });
  } else {
    executor = store.get(executorKey(group), namespace, executorName);
    if (!executor) {
      errors.push({
        field: 'spec.executor',
        message: `spec.executor: Invalid value: "${executorName}": executor does not exist in namespace`,
      });
    }
  }
  const autoscaling = spec.enableAutoscaling === true;
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 0;
  if (autoscaling && replicas !== 0) {
    errors.push({
      field: 'spec.replicas',
      message: `spec.replicas: Invalid value: ${replicas}: replicas cannot be set when autoscaling is enabled`,
    });
  }
  if (!autoscaling && replicas < 1) {
    errors.push({
      field: 'spec.replicas',
      message: `spec.replicas: Invalid value: ${replicas}: replicas must be > 0`,
    });
  }
  if (executor && (executor.spec as { createDeployment?: boolean } | undefined)?.createDeployment === false) {
    for (const field of ['deploymentAnnotations', 'podAnnotations']) {
      const value = spec[field];
      if (value && typeof value === 'object' && Object.keys(value).length > 0) {
        errors.push({
          field: `spec.${field}`,
          message: `spec.${field}: Invalid value: ${goValue(value)}: ${field} can't be set when the executor does not use operator deployments`,
        });
      }
    }
  }
  const limits = spec.invocationLimits as Record<string, unknown> | undefined;
  if (limits && limits.memory !== undefined) {
    const field = 'spec.invocationLimits[memory]';
    const value = String(limits.memory);
    const bytes = parseQuantity(value);
    if (bytes === undefined) {
      errors.push({
        field,
        message: `${field}: Invalid value: "${value}": memory limit must be a valid memory quantity (e.g. 128Mi, 1Gi)`,
      });
    } else {
      const resources = spec.resources as
        { limits?: Record<string, unknown>; requests?: Record<string, unknown> } | undefined;
      const limit = resources?.limits?.memory;
      const request = resources?.requests?.memory;
      const bound = limit ?? request;
      const boundBytes = bound !== undefined ? parseQuantity(bound) : undefined;
      if (boundBytes !== undefined && bytes > boundBytes) {
        errors.push({
          field,
          message: `${field}: Invalid value: "${value}": invocation limit quantity cannot be greater than the memory ${limit !== undefined ? 'limit' : 'request'} (${String(bound)})`,
        });
      }
    }
  }
  return errors;
}

export function executorErrors(executor: KubeObject): FieldError[] {
  const config = (
    executor.spec as { deploymentConfig?: { runtimeClassName?: string; spinImage?: string } } | undefined
  )?.deploymentConfig;
  if (!config) return [];
  const field = 'spec.deploymentConfig.runtimeClassName';
  const rc = config.runtimeClassName ?? '';
  if (rc && config.spinImage) {
    return [
      {
        field,
        message: `${field}: Invalid value: "${rc}": runtimeClassName and spinImage are mutually exclusive`,
      },
    ];
  }
  if (!rc && !config.spinImage) {
    return [
      { field, message: `${field}: Invalid value: "null": either runtimeClassName or spinImage must be set` },
    ];
  }
  return [];
}

export function spinOperatorWebhooks(store: ExecutorLookup): AdmissionPlugin[] {
  return [
    {
      name: 'mspinapp.kb.io',
      mutating: true,
      appliesTo: (req) => isKind(req, 'SpinApp'),
      admit: (req) => {
        const spec = (req.object.spec ??= {});
        if (typeof spec.executor === 'string' && spec.executor !== '') return;
        const names = [...store.objects(executorKey(req.type.group))].map((e) => e.metadata.name!).sort();
        if (names.length > 0) spec.executor = names[0];
      },
    },
    {
      name: 'vspinapp.kb.io',
      mutating: false,
      appliesTo: (req) => isKind(req, 'SpinApp'),
      admit: (req) => {
        const errors = spinAppErrors(req.object, store, req.type.group, req.namespace);
        if (errors.length > 0) throw invalid(req.type, req.name, errors);
      },
    },
    {
      name: 'vspinappexecutor.kb.io',
      mutating: false,
      appliesTo: (req) => isKind(req, 'SpinAppExecutor'),
      admit: (req) => {
        const errors = executorErrors(req.object);
        if (errors.length > 0) throw invalid(req.type, req.name, errors);
      },
    },
  ];
}
