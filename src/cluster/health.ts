// SpinKube health checks: pure verdicts from what the explorer knows about a cluster. Each failing
// check says what to do.
//   healthChecks(inputs) → HealthCheck[] (crds, operator, cert-manager, runtime class, executor, node)
import { LEGACY_SPINKUBE_GROUP } from './kinds';
import { isSpinRuntimeClass } from './nodeCapability';
import type { RuntimeClass } from './resources';

export type CheckResult = 'pass' | 'fail' | 'unknown';

export interface HealthCheck {
  readonly id: 'crds' | 'operator' | 'certManager' | 'runtimeClass' | 'executor' | 'spinNode';
  readonly title: string;
  readonly result: CheckResult;
  /** What was found. */
  readonly detail: string;
  /** What to do when the check fails or cannot tell. */
  readonly fix?: string;
}

export interface OperatorInfo {
  readonly namespace: string;
  readonly name: string;
  readonly ready: boolean;
  readonly readyReplicas: number;
  readonly replicas: number;
  readonly version?: string;
}

export interface HealthInputs {
  /** The SpinKube API group served, null when none is, undefined when it could not be checked. */
  readonly apiGroup: string | null | undefined;
  /** The operator Deployment, null when none was found, undefined when it could not be checked. */
  readonly operator: OperatorInfo | null | undefined;
  /** Whether cert-manager's API is served; undefined when unknown. */
  readonly certManager: boolean | undefined;
  /** undefined while the RuntimeClass list is not available. */
  readonly runtimeClasses: readonly RuntimeClass[] | undefined;
  /** Executors in scope; undefined while unknown. */
  readonly executorCount: number | undefined;
  /** Nodes that can run Spin; undefined while unknown. */
  readonly spinNodeCount: number | undefined;
  readonly nodeCount: number | undefined;
  /** Why an input is unknown (e.g. "forbidden"), shown in place of a verdict. */
  readonly unknownReason?: string;
}

const QUICKSTART = 'https://www.spinkube.dev/docs/install/quickstart/';

export function healthChecks(input: HealthInputs): HealthCheck[] {
  const unknown = input.unknownReason ?? 'could not be checked';
  return [crdsCheck, operatorCheck, certManagerCheck, runtimeClassCheck, executorCheck, spinNodeCheck].map(
    (check) => check(input, unknown),
  );
}

function crdsCheck(input: HealthInputs, unknown: string): HealthCheck {
  return input.apiGroup === undefined
    ? { id: 'crds', title: 'SpinKube CRDs', result: 'unknown', detail: unknown }
    : input.apiGroup === null
      ? {
          id: 'crds',
          title: 'SpinKube CRDs',
          result: 'fail',
          detail: 'SpinApp and SpinAppExecutor CRDs are not installed',
          fix: `Install the spin-operator CRDs (kubectl apply -f spin-operator.crds.yaml from a spin-operator release); see ${QUICKSTART}`,
        }
      : input.apiGroup === LEGACY_SPINKUBE_GROUP
        ? {
            id: 'crds',
            title: 'SpinKube CRDs',
            result: 'pass',
            detail: `installed with the legacy group ${LEGACY_SPINKUBE_GROUP}`,
            fix: 'Upgrade spin-operator: current releases use core.spinkube.dev',
          }
        : { id: 'crds', title: 'SpinKube CRDs', result: 'pass', detail: `installed (${input.apiGroup})` };
}

function operatorCheck(input: HealthInputs, unknown: string): HealthCheck {
  const op = input.operator;
  return op === undefined
    ? { id: 'operator', title: 'spin-operator', result: 'unknown', detail: unknown }
    : op === null
      ? {
          id: 'operator',
          title: 'spin-operator',
          result: 'fail',
          detail: 'no spin-operator Deployment found',
          fix: `Install spin-operator with Helm (helm install spin-operator oci://ghcr.io/spinframework/charts/spin-operator); see ${QUICKSTART}`,
        }
      : op.ready
        ? {
            id: 'operator',
            title: 'spin-operator',
            result: 'pass',
            detail: `${op.namespace}/${op.name} ready ${op.readyReplicas}/${op.replicas}${op.version ? ` · ${op.version}` : ''}`,
          }
        : {
            id: 'operator',
            title: 'spin-operator',
            result: 'fail',
            detail: `${op.namespace}/${op.name} not ready (${op.readyReplicas}/${op.replicas})`,
            fix: `Look at its pods: kubectl -n ${op.namespace} describe deployment ${op.name}`,
          };
}

function certManagerCheck(input: HealthInputs, unknown: string): HealthCheck {
  return input.certManager === undefined
    ? { id: 'certManager', title: 'cert-manager', result: 'unknown', detail: unknown }
    : input.certManager
      ? { id: 'certManager', title: 'cert-manager', result: 'pass', detail: 'installed' }
      : {
          id: 'certManager',
          title: 'cert-manager',
          result: 'fail',
          detail: 'cert-manager.io API not served',
          fix: "Install cert-manager: spin-operator's admission webhooks need its certificates",
        };
}

function runtimeClassCheck(input: HealthInputs, unknown: string): HealthCheck {
  const spinClasses = input.runtimeClasses?.filter(isSpinRuntimeClass);
  return spinClasses === undefined
    ? { id: 'runtimeClass', title: 'Spin RuntimeClass', result: 'unknown', detail: unknown }
    : spinClasses.length
      ? {
          id: 'runtimeClass',
          title: 'Spin RuntimeClass',
          result: 'pass',
          detail: spinClasses
            .map((rc) => `${rc.metadata?.name ?? '?'} (handler ${rc.handler ?? '?'})`)
            .join(', '),
        }
      : {
          id: 'runtimeClass',
          title: 'Spin RuntimeClass',
          result: 'fail',
          detail: 'no RuntimeClass has a Spin shim handler',
          fix: 'Create the RuntimeClass wasmtime-spin-v2 with handler spin (spin-operator release spin-operator.runtime-class.yaml)',
        };
}

function executorCheck(input: HealthInputs, unknown: string): HealthCheck {
  return countCheck('executor', 'SpinAppExecutor', input.executorCount, unknown, {
    pass: (n) => `${n} in scope`,
    fail: 'no executor in the namespaces shown',
    fix: 'Create the containerd-shim-spin executor (spin-operator release spin-operator.shim-executor.yaml) in the namespace of your apps',
  });
}

function spinNodeCheck(input: HealthInputs, unknown: string): HealthCheck {
  return countCheck('spinNode', 'Spin-capable node', input.spinNodeCount, unknown, {
    pass: (n) => `${n} of ${input.nodeCount ?? '?'} nodes`,
    fail: `none of ${input.nodeCount ?? 0} nodes can run Spin`,
    fix: 'Install the shim on nodes: with runtime-class-manager, kubectl label node --all spin=true',
  });
}

/** A check that passes when at least one of something exists. */
function countCheck(
  id: HealthCheck['id'],
  title: string,
  count: number | undefined,
  unknown: string,
  say: { readonly pass: (count: number) => string; readonly fail: string; readonly fix: string },
): HealthCheck {
  if (count === undefined) return { id, title, result: 'unknown', detail: unknown };
  if (count > 0) return { id, title, result: 'pass', detail: say.pass(count) };
  return { id, title, result: 'fail', detail: say.fail, fix: say.fix };
}
