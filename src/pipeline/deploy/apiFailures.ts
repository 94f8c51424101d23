// Turns Kubernetes API errors into pipeline errors with one clear sentence each.
import { ApiError, asApiError } from '../../cluster/apiError';
import { LEGACY_SPINKUBE_GROUP, SPINKUBE_GROUP } from '../../cluster/kinds';
import { PipelineError } from '../events';

export interface FieldConflict {
  /** The field manager that owns the field, e.g. `kubectl-client-side-apply`. */
  readonly manager: string;
  /** The field path, e.g. `.spec.replicas`. */
  readonly field: string;
}

/**
 * Reads the conflicts out of a server-side apply 409 message:
 * `Apply failed with 1 conflict: conflict with "m" using v1: .spec.replicas`, or for several
 * `Apply failed with 2 conflicts: conflicts with "m" using v1:\n- .spec.a\n- .spec.b`.
 */
export function parseApplyConflicts(message: string): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  let manager: string | undefined;
  for (const line of message.split('\n')) {
    const header = /conflicts? with "([^"]+)"(?: using [^:]+)?:\s*(\S.*)?$/.exec(line);
    if (header) {
      manager = header[1] ?? '';
      if (header[2]) conflicts.push({ manager, field: header[2].trim() });
      continue;
    }
    const item = /^\s*-\s+(\S.*)$/.exec(line);
    if (item && manager !== undefined) conflicts.push({ manager, field: (item[1] ?? '').trim() });
  }
  return conflicts;
}

/** Whether a failed write was refused by an admission webhook or validation (the user must change the object). */
function isAdmissionDenial(error: ApiError): boolean {
  return /admission webhook|denied the request|is invalid|is forbidden: .*(webhook|admission)/i.test(
    error.message,
  );
}

/** The object a failed request was about, to explain a 404. */
export interface FailedTarget {
  readonly apiVersion: string;
  readonly kind: string;
}

/** Maps an API failure of `action` (e.g. `apply SpinApp "hello"`) to a PipelineError. */
export function pipelineErrorFromApi(error: unknown, action: string, target?: FailedTarget): PipelineError {
  if (error instanceof PipelineError) return error;
  const api = asApiError(error);
  switch (api.kind) {
    case 'unreachable':
      return new PipelineError(
        'cluster-unreachable',
        `Cannot reach the cluster to ${action}: ${api.message}`,
      );
    case 'unauthorized':
      return new PipelineError(
        'cluster-forbidden',
        `The cluster did not accept your credentials to ${action}: ${api.message}`,
      );
    case 'forbidden':
      if (api.causeReason === 'NamespaceTerminating') return namespaceTerminating(api, action);
      if (isAdmissionDenial(api)) return admissionDenied(api, action);
      return new PipelineError('cluster-forbidden', `You are not allowed to ${action}: ${api.message}`);
    case 'conflict': {
      const conflicts = parseApplyConflicts(api.message);
      if (conflicts.length > 0) {
        const fields = conflicts.map((c) => `${c.field} (owned by ${c.manager})`);
        return new PipelineError(
          'apply-conflict',
          `Cannot ${action}: ${conflicts.length === 1 ? 'a field is' : `${conflicts.length} fields are`} managed by another tool: ${fields.join(', ')}. Apply again with force to take them over.`,
          fields,
        );
      }
      return new PipelineError('apply-conflict', `Cannot ${action}: ${api.message}`);
    }
    case 'invalid':
      return admissionDenied(api, action);
    case 'notFound':
      return notFoundFailure(api, action, target);
    case 'server':
      return webhookUnreachable(api, action) ?? unreachable(api, action);
    default:
      return unreachable(api, action);
  }
}

function unreachable(api: ApiError, action: string): PipelineError {
  return new PipelineError('cluster-unreachable', `Cannot ${action}: ${api.message}`);
}

/**
 * The API server could not call an admission webhook (`failed calling webhook "x"`): for SpinKube's
 * webhooks the spin-operator is not running or not ready (its webhook certificate comes from
 * cert-manager). The object itself may be fine.
 */
function webhookUnreachable(api: ApiError, action: string): PipelineError | undefined {
  const webhook = /failed calling webhook "([^"]+)"/.exec(api.message)?.[1];
  if (webhook === undefined) return undefined;
  const spinKube = /spin-?operator|spinkube/i.test(api.message);
  const check = spinKube
    ? 'the spin-operator is not running or not ready yet (check `kubectl get pods -n spin-operator`; its webhook certificate needs cert-manager). Deploy again once it runs.'
    : 'the service behind it is not running or not ready. Deploy again once it runs.';
  return new PipelineError(
    'cluster-unreachable',
    `Cannot ${action}: the cluster could not call the admission webhook "${webhook}": ${check}`,
    [api.message],
  );
}

/** What to do when SpinKube is missing on the cluster. */
const INSTALL_SPINKUBE_HINT =
  'Install SpinKube on this cluster (https://www.spinkube.dev/docs/install/), or at least its CRDs: `kubectl apply -f spin-operator.crds.yaml` from the spin-operator release.';

/**
 * A 404 on an apply is never "no such object" (apply creates it): either the namespace is missing
 * (`namespaces "x" not found`) or the cluster does not serve the kind (its CRD is not installed).
 * Without a target (reads, watches) only the missing namespace is told apart.
 */
function notFoundFailure(api: ApiError, action: string, target: FailedTarget | undefined): PipelineError {
  const namespace = /\bnamespaces "([^"]+)" not found/.exec(api.message)?.[1];
  if (namespace !== undefined) {
    return new PipelineError(
      'namespace-not-found',
      `Cannot ${action}: namespace "${namespace}" does not exist on this cluster. Create it (\`kubectl create namespace ${namespace}\`) or deploy to another namespace.`,
      [api.message],
    );
  }
  if (target && isSpinKubeKind(target)) {
    return new PipelineError(
      'spinkube-not-installed',
      `Cannot ${action}: SpinKube's CRDs are not installed on this cluster (it does not serve ${target.kind} in ${target.apiVersion}). ${INSTALL_SPINKUBE_HINT}`,
      [api.message],
    );
  }
  if (!target) return new PipelineError('cluster-unreachable', `Cannot ${action}: ${api.message}`);
  return new PipelineError(
    'kind-not-served',
    `Cannot ${action}: the cluster does not serve ${target.kind} in ${target.apiVersion}. Install the CRD (or the add-on) that defines it.`,
    [api.message],
  );
}

/** A 403 because the namespace is being deleted: no right is missing, the namespace is going away. */
function namespaceTerminating(api: ApiError, action: string): PipelineError {
  const name = /namespace "?([^\s"]+)"? (?:because it )?is being terminated/.exec(api.message)?.[1];
  const which = name ? `namespace "${name}"` : 'the namespace';
  return new PipelineError(
    'namespace-terminating',
    `Cannot ${action}: ${which} is being deleted. Deploy to another namespace, or wait until it is gone and create it again.`,
    [api.message],
  );
}

function isSpinKubeKind(target: FailedTarget): boolean {
  const group = target.apiVersion.includes('/')
    ? target.apiVersion.slice(0, target.apiVersion.indexOf('/'))
    : '';
  return group === SPINKUBE_GROUP || group === LEGACY_SPINKUBE_GROUP;
}

function admissionDenied(api: ApiError, action: string): PipelineError {
  return new PipelineError('admission-denied', `The cluster refused to ${action}: ${api.message}`);
}
