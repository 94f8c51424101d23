// Status error bodies worded as the Kubernetes API server words them.
import type { ResourceType } from './types.js';
import { qualifiedResource } from './types.js';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'Unauthorized'
  | 'Gone'
  | 'Expired'
  | 'TooManyRequests'
  | 'InternalError'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'ServiceUnavailable'
  | 'Timeout';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: StatusReason | '';
  details?: StatusDetails;
  code: number;
}

/** An error that the HTTP layer answers with a Status body. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = this.details;
    return body;
  }
}

function resourceDetails(type: ResourceType, name: string): StatusDetails {
  const details: StatusDetails = { name, kind: type.plural };
  if (type.group) details.group = type.group;
  return details;
}

export function notFound(type: ResourceType, name: string): ApiError {
  return new ApiError(
    404,
    'NotFound',
    `${qualifiedResource(type)} "${name}" not found`,
    resourceDetails(type, name),
  );
}

export function alreadyExists(type: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(type)} "${name}" already exists`,
    resourceDetails(type, name),
  );
}

export function conflict(type: ResourceType, name: string, why: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": ${why}`,
    resourceDetails(type, name),
  );
}

export const MODIFIED_CONFLICT =
  'the object has been modified; please apply your changes to the latest version and try again';

export interface FieldError {
  field: string;
  /** The full `field: Invalid value: …: detail` text. */
  message: string;
  reason?: string;
}

/** 422 Invalid: `Kind.group "name" is invalid: <err>` or `…: [err1, err2]`. */
export function invalid(type: ResourceType, name: string, errors: readonly FieldError[]): ApiError {
  const kind = type.group ? `${type.kind}.${type.group}` : type.kind;
  const text = errors.length === 1 ? errors[0]!.message : `[${errors.map((e) => e.message).join(', ')}]`;
  const details: StatusDetails = {
    name,
    kind: type.kind,
    causes: errors.map((e) => ({
      reason: e.reason ?? 'FieldValueInvalid',
      message: e.message.startsWith(e.field + ': ') ? e.message.slice(e.field.length + 2) : e.message,
      field: e.field,
    })),
  };
  if (type.group) details.group = type.group;
  return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${text}`, details);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(verb: string): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource`,
    {
      causes: [{ reason: 'MethodNotAllowed', message: `${verb} is not supported` }],
    },
  );
}

export function notFoundPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`,
  );
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ reason: 'UnexpectedServerResponse', message }],
  });
}

/**
 * 422 for invalid PatchOptions, as ValidatePatchOptions words it: `force` on a non-apply patch
 * (FieldValueForbidden), apply without `fieldManager` (FieldValueRequired).
 */
export function invalidPatchOptions(apply: boolean): ApiError {
  const [field, reason, detail] = apply
    ? ['fieldManager', 'FieldValueRequired', 'Required value: is required for apply patch']
    : ['force', 'FieldValueForbidden', 'Forbidden: may not be specified for non-apply patch'];
  return new ApiError(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: ${field}: ${detail}`, {
    group: 'meta.k8s.io',
    kind: 'PatchOptions',
    causes: [{ reason, message: detail, field }],
  });
}
