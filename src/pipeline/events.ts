// What every pipeline step reports while it runs. The VS Code layer turns these into a progress
// notification, the status bar and the output channel; the CLI prints them (or JSON lines).

export type PipelineStep = 'build' | 'push' | 'scaffold' | 'apply' | 'wait' | 'undeploy';

export type PipelineEvent =
  /** A step (or a sub-task of it, e.g. one component's build) started. */
  | { readonly type: 'start'; readonly step: PipelineStep; readonly message: string }
  /** Progress within a step; `fraction` in 0..1 when known, `id` names a sub-task (e.g. a layer digest). */
  | {
      readonly type: 'progress';
      readonly step: PipelineStep;
      readonly message: string;
      readonly fraction?: number;
      readonly id?: string;
    }
  /** A line of output from a process (build commands) or a status change (rollout). */
  | {
      readonly type: 'output';
      readonly step: PipelineStep;
      readonly line: string;
      readonly stream?: 'stdout' | 'stderr';
      /** The directory the process that wrote the line runs in (build commands). */
      readonly cwd?: string;
    }
  /** The step finished. */
  | { readonly type: 'done'; readonly step: PipelineStep; readonly message: string };

export type PipelineListener = (event: PipelineEvent) => void;

/** A pipeline failure with a kind that the CLI maps to an exit code and the UI to actions. */
export class PipelineError extends Error {
  constructor(
    readonly kind: PipelineErrorKind,
    message: string,
    /** Evidence for the user: log lines, event messages, the registry's answer. */
    readonly evidence: readonly string[] = [],
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

export type PipelineErrorKind =
  | 'usage'
  | 'manifest'
  | 'untrusted'
  | 'build-failed'
  | 'cancelled'
  | 'registry-unauthorized'
  | 'registry-denied'
  | 'registry-not-found'
  | 'registry-unreachable'
  | 'registry-error'
  | 'not-wasm'
  | 'cluster-unreachable'
  | 'cluster-forbidden'
  /** The cluster does not serve SpinApp: SpinKube (its CRDs) is not installed there. */
  | 'spinkube-not-installed'
  /** The namespace to deploy to does not exist on the cluster. */
  | 'namespace-not-found'
  /** The namespace is being deleted: nothing can be created in it until it is gone. */
  | 'namespace-terminating'
  /** The cluster does not serve a (non-SpinKube) kind of the YAML, e.g. KEDA's ScaledObject. */
  | 'kind-not-served'
  | 'apply-conflict'
  | 'admission-denied'
  | 'rollout-failed'
  | 'timeout';
