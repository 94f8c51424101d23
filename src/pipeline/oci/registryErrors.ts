// Registry answers and network failures as PipelineErrors that name the cause.
import { PipelineError } from '../events';

interface DistributionErrorBody {
  errors?: { code?: string; message?: string; detail?: unknown }[];
}

/** The registry's own error codes and messages from a distribution error body, if any. */
function registryMessages(body: Buffer): { codes: string[]; messages: string[] } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as DistributionErrorBody;
    const errors = parsed.errors ?? [];
    return {
      codes: errors.map((e) => e.code ?? '').filter((c) => c !== ''),
      messages: errors.map((e) => [e.code, e.message].filter(Boolean).join(': ')).filter((m) => m !== ''),
    };
  } catch {
    const text = body.toString('utf8').trim().slice(0, 300);
    return { codes: [], messages: text === '' ? [] : [text] };
  }
}

/** Failures that may pass (the registry busy or restarting, a connection reset): worth a retry. */
const transient = new WeakSet<PipelineError>();

export function isTransient(error: unknown): boolean {
  return error instanceof PipelineError && transient.has(error);
}

const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

function markTransient(error: PipelineError): PipelineError {
  transient.add(error);
  return error;
}

export function errorForStatus(
  status: number,
  body: Buffer,
  what: string,
  registry: string,
  hadCredentials: boolean,
): PipelineError {
  const { codes, messages } = registryMessages(body);
  const evidence = [`${status} from ${registry}`, ...messages];
  if (status === 401) {
    return new PipelineError(
      'registry-unauthorized',
      hadCredentials
        ? `${registry} rejected the credentials (${what}). Check the user name and password or token.`
        : `${registry} requires credentials (${what}). Log in with docker login or set registry credentials.`,
      evidence,
    );
  }
  if (status === 403 || codes.includes('DENIED')) {
    return new PipelineError('registry-denied', `${registry} denied access (${what}).`, evidence);
  }
  if (status === 413) {
    return new PipelineError(
      'registry-error',
      `${registry} refused ${what} as too large: the registry, or a proxy in front of it, limits request bodies (e.g. nginx client_max_body_size, often 1 MB by default). Raise that limit.`,
      evidence,
    );
  }
  // A 404 names the repository only when the registry says so (or says nothing); a lost upload
  // session (BLOB_UPLOAD_UNKNOWN) or blob is another cause.
  if (codes.includes('NAME_UNKNOWN') || (status === 404 && codes.length === 0)) {
    return new PipelineError(
      'registry-not-found',
      `${registry} does not know the repository (${what}).`,
      evidence,
    );
  }
  const answer = codes.length > 0 ? `: ${messages.join('; ')}` : '.';
  const error = new PipelineError(
    'registry-error',
    `${registry} answered ${status} (${what})${answer}`,
    evidence,
  );
  return TRANSIENT_STATUSES.has(status) ? markTransient(error) : error;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
]);

/** A network-level failure (or cancel) as a PipelineError. */
export function errorForNetwork(error: unknown, registry: string, signal?: AbortSignal): PipelineError {
  if (error instanceof PipelineError) return error;
  const e = error as NodeJS.ErrnoException;
  if (signal?.aborted || e?.name === 'AbortError') {
    return new PipelineError('cancelled', 'The push was cancelled.');
  }
  const code = e?.code ?? '';
  const detail = code !== '' ? code : (e?.message ?? String(error));
  if (UNREACHABLE_CODES.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT')) {
    const unreachable = new PipelineError(
      'registry-unreachable',
      `Cannot reach the registry ${registry} (${detail}).`,
      [e?.message ?? detail],
    );
    return TRANSIENT_CODES.has(code) ? markTransient(unreachable) : unreachable;
  }
  return new PipelineError('registry-error', `Talking to ${registry} failed: ${e?.message ?? detail}`);
}
