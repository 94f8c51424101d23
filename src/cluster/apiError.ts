// Errors from the Kubernetes API, classified so that callers can react (retry, relist, explain).
//   ApiError.kind: 'unauthorized' (401) | 'forbidden' (403) | 'notFound' (404) | 'conflict' (409)
//                | 'gone' (410) | 'invalid' (422 / 400) | 'tooManyRequests' (429) | 'server' (5xx)
//                | 'unreachable' (no connection) | 'other'
//   retryable(error) → whether backing off and trying again may help.

export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'gone'
  | 'invalid'
  | 'tooManyRequests'
  | 'server'
  | 'unreachable'
  | 'other';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    /** Seconds from a Retry-After header or `details.retryAfterSeconds`, when the server gave one. */
    readonly retryAfterSeconds?: number,
    /** The Status `reason` (e.g. `NotFound`, `Expired`). */
    readonly reason?: string,
    /** The Status `details.causes[0].reason` (e.g. `NamespaceTerminating`, `FieldValueRequired`). */
    readonly causeReason?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 410) return 'gone';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 429) return 'tooManyRequests';
  if (status >= 500) return 'server';
  return 'other';
}

interface StatusBody {
  message?: unknown;
  reason?: unknown;
  code?: unknown;
  details?: { retryAfterSeconds?: unknown; causes?: unknown };
}

/** Builds an ApiError from an HTTP status, its body (a `Status` object when the API server sent one) and headers. */
export function errorFromResponse(status: number, body: unknown, retryAfterHeader?: string): ApiError {
  const s = (typeof body === 'object' && body !== null ? body : {}) as StatusBody;
  const message =
    typeof s.message === 'string' && s.message ? s.message : `The API server answered ${status}.`;
  const reason = typeof s.reason === 'string' ? s.reason : undefined;
  let retryAfter: number | undefined;
  const header = Number(retryAfterHeader);
  if (retryAfterHeader !== undefined && Number.isFinite(header) && header >= 0) retryAfter = header;
  const detail = s.details?.retryAfterSeconds;
  if (retryAfter === undefined && typeof detail === 'number' && detail >= 0) retryAfter = detail;
  const causes = Array.isArray(s.details?.causes) ? (s.details.causes as { reason?: unknown }[]) : [];
  const cause = causes[0]?.reason;
  return new ApiError(
    kindOfStatus(status),
    message,
    status,
    retryAfter,
    reason,
    typeof cause === 'string' ? cause : undefined,
  );
}

export function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.kind === 'tooManyRequests' || error.kind === 'server' || error.kind === 'unreachable';
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('unreachable', message);
}
