// Exit codes of the `spinkube` CLI: one per kind of failure, so CI scripts can tell them apart.
import type { PipelineErrorKind } from '../../pipeline/events';

export const ExitCode = {
  ok: 0,
  /** Unexpected internal error. */
  internal: 1,
  usage: 2,
  manifest: 3,
  build: 4,
  registry: 5,
  cluster: 6,
  rolloutFailed: 7,
  timeout: 8,
  /** The cluster does not serve SpinApp: SpinKube's CRDs are not installed. */
  spinKubeNotInstalled: 9,
  cancelled: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The table printed by `--help` and documented in docs/cli.md. */
export const EXIT_CODE_TABLE = `Exit codes:
  0    success
  1    internal error (a bug: please report it)
  2    usage error (unknown command or option, missing argument, invalid flag value)
  3    manifest error (spin.toml, SpinApp YAML or runtime config unreadable or invalid)
  4    build failed (a build command failed, untrusted folder, component not a Wasm file)
  5    registry error (unauthorized, denied, not found, unreachable)
  6    cluster error (unreachable, forbidden, missing namespace, kind not served, apply conflict,
       admission webhook denial)
  7    rollout failed (the SpinApp did not come up; the reason is printed)
  8    timeout (the SpinApp was not available in time)
  9    SpinKube not installed (the cluster does not serve SpinApp: install SpinKube or its CRDs)
  130  cancelled (Ctrl+C)`;

export function exitCodeFor(kind: PipelineErrorKind): ExitCodeValue {
  switch (kind) {
    case 'usage':
      return ExitCode.usage;
    case 'manifest':
      return ExitCode.manifest;
    case 'untrusted':
    case 'build-failed':
    case 'not-wasm':
      return ExitCode.build;
    case 'registry-unauthorized':
    case 'registry-denied':
    case 'registry-not-found':
    case 'registry-unreachable':
    case 'registry-error':
      return ExitCode.registry;
    case 'cluster-unreachable':
    case 'cluster-forbidden':
    case 'namespace-not-found':
    case 'kind-not-served':
    case 'apply-conflict':
    case 'admission-denied':
      return ExitCode.cluster;
    case 'rollout-failed':
      return ExitCode.rolloutFailed;
    case 'timeout':
      return ExitCode.timeout;
    case 'spinkube-not-installed':
      return ExitCode.spinKubeNotInstalled;
    case 'cancelled':
      return ExitCode.cancelled;
  }
}
