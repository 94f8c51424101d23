// The options of `spin kube scaffold` with its defaults and its flag checks (same messages).
import { appNameFromImage } from './imageReference';

export type Autoscaler = 'hpa' | 'keda';

export interface ScaffoldOptions {
  /** `-f/--from`: the image reference (required). */
  readonly image: string;
  /** `-r/--replicas` (default 2); the minimum replica count when autoscaling. */
  readonly replicas?: number;
  /** `--max-replicas` (default 3). */
  readonly maxReplicas?: number;
  /** `--autoscaler`: none by default. */
  readonly autoscaler?: Autoscaler | string;
  /** `--autoscaler-target-cpu-utilization` (default 60). */
  readonly targetCpuUtilization?: number;
  /** `--autoscaler-target-memory-utilization` (default 60). */
  readonly targetMemoryUtilization?: number;
  /** `--executor` (default `containerd-shim-spin`). */
  readonly executor?: string;
  readonly cpuLimit?: string;
  readonly cpuRequest?: string;
  readonly memoryLimit?: string;
  readonly memoryRequest?: string;
  /** `--azure-identity`: adds the pod label `azure.workload.identity/use: "true"`. */
  readonly azureIdentity?: boolean;
  readonly serviceAccountName?: string;
  /** `-c/--runtime-config-file`: its content (the caller reads the file). */
  readonly runtimeConfig?: string;
  /** `-s/--image-pull-secret` (repeatable). */
  readonly imagePullSecrets?: readonly string[];
  /** `-v/--variable name=value` (emitted sorted by name, as Spin's template does). */
  readonly variables?: Readonly<Record<string, string>>;
  /** `--component` (repeatable): selective deployment. */
  readonly components?: readonly string[];
  /**
   * Variables the app requires (spin.toml `required = true`) that have no value in `variables`:
   * emitted with an empty value and a comment asking for one.
   */
  readonly requiredVariables?: readonly string[];
  /** SpinApp `metadata.name` instead of the one derived from the image. */
  readonly name?: string;
  /** `metadata.namespace` (not a `spin kube scaffold` flag; omitted by default). */
  readonly namespace?: string;
}

/** Options with every default applied and checked. */
export interface ResolvedScaffoldOptions extends ScaffoldOptions {
  readonly name: string;
  readonly replicas: number;
  readonly maxReplicas: number;
  readonly autoscaler?: Autoscaler;
  readonly targetCpuUtilization: number;
  readonly targetMemoryUtilization: number;
  readonly executor: string;
}

export const SCAFFOLD_DEFAULTS = {
  replicas: 2,
  maxReplicas: 3,
  targetCpuUtilization: 60,
  targetMemoryUtilization: 60,
  executor: 'containerd-shim-spin',
} as const;

/** A flag error, worded as `spin kube scaffold` words it. */
export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError';
}

/** Applies defaults and runs the checks of `spin kube scaffold`, in its order. */
export function resolveScaffoldOptions(options: ScaffoldOptions): ResolvedScaffoldOptions {
  const replicas = options.replicas ?? SCAFFOLD_DEFAULTS.replicas;
  const maxReplicas = options.maxReplicas ?? SCAFFOLD_DEFAULTS.maxReplicas;
  const cpu = options.targetCpuUtilization ?? SCAFFOLD_DEFAULTS.targetCpuUtilization;
  const memory = options.targetMemoryUtilization ?? SCAFFOLD_DEFAULTS.targetMemoryUtilization;

  if (replicas < 1) throw new ScaffoldError(`the minimum replica count (${replicas}) must be greater than 0`);
  const derivedName = appNameFromImage(options.image);
  if (derivedName === undefined) {
    throw new ScaffoldError(`invalid image reference provided: '${options.image}'`);
  }
  const autoscaler = options.autoscaler || undefined;
  if (autoscaler !== undefined) {
    if (autoscaler !== 'hpa' && autoscaler !== 'keda') {
      throw new ScaffoldError(
        `invalid autoscaler type '${autoscaler}'; the autoscaler type must be either 'hpa' or 'keda'`,
      );
    }
    if (maxReplicas < 0) {
      throw new ScaffoldError(
        `the maximum replica count (${maxReplicas}) must be equal to or greater than 0`,
      );
    }
    if (replicas > maxReplicas) {
      throw new ScaffoldError(
        `the minimum replica count (${replicas}) must be less than or equal to the maximum replica count (${maxReplicas})`,
      );
    }
    if (!options.cpuLimit) throw new ScaffoldError('cpu limits must be set when autoscaling is enabled');
    if (!options.memoryLimit) {
      throw new ScaffoldError('memory limits must be set when autoscaling is enabled');
    }
    if (cpu < 1 || cpu > 100) {
      throw new ScaffoldError(`target cpu utilization percentage (${cpu}) must be between 1 and 100`);
    }
    if (memory < 1 || memory > 100) {
      throw new ScaffoldError(`target memory utilization percentage (${memory}) must be between 1 and 100`);
    }
  }
  return {
    ...options,
    name: options.name || derivedName,
    replicas,
    maxReplicas,
    ...(autoscaler !== undefined ? { autoscaler } : { autoscaler: undefined }),
    targetCpuUtilization: cpu,
    targetMemoryUtilization: memory,
    executor: options.executor || SCAFFOLD_DEFAULTS.executor,
  };
}
