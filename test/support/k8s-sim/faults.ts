// Fault injection: answer the next N matching requests with an error, add latency, drop open
// watches, take the listener down and back. Usable from code and over POST /__sim/faults.
import { ApiError } from './apiErrors.js';

export type FaultCode = 401 | 403 | 410 | 429 | 500 | 503;

export interface FaultRule {
  /** Kubernetes verb (get, list, watch, create, update, patch, delete) or HTTP method; any when absent. */
  verb?: string;
  /** A substring of the request path, or a regular expression; any when absent. */
  path?: string | RegExp;
  status: FaultCode;
  /** How many matching requests fail (default 1). */
  count?: number;
  retryAfterSeconds?: number;
  message?: string;
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

export interface FaultControls {
  inject(rule: FaultRule): void;
  setLatency(ms: number): void;
  dropWatches(): number;
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  clear(): void;
}

export function faultError(rule: FaultRule): ApiError {
  switch (rule.status) {
    case 401:
      return new ApiError(401, 'Unauthorized', rule.message ?? 'Unauthorized');
    case 403:
      return new ApiError(
        403,
        'Forbidden',
        rule.message ?? 'forbidden: User "system:anonymous" cannot perform this action',
      );
    case 410:
      return new ApiError(410, 'Gone', rule.message ?? 'the resource version is too old');
    case 429: {
      const retry = rule.retryAfterSeconds ?? 1;
      return new ApiError(
        429,
        'TooManyRequests',
        rule.message ?? 'Too many requests, please try again later.',
        {
          causes: [{ reason: 'TooManyRequests', message: 'the server is busy' }],
          retryAfterSeconds: retry,
        },
      );
    }
    case 503:
      return new ApiError(
        503,
        'ServiceUnavailable',
        rule.message ?? 'the server is currently unable to handle the request',
      );
    default:
      return new ApiError(500, 'InternalError', rule.message ?? 'Internal error occurred: injected fault');
  }
}

export class FaultTable {
  private rules: ActiveRule[] = [];
  latencyMs = 0;

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, remaining: rule.count ?? 1 });
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  /** The error to answer with for this request, consuming one use of the first matching rule. */
  take(verb: string, method: string, path: string): ApiError | undefined {
    const rule = this.rules.find((r) => {
      if (r.verb && r.verb.toLowerCase() !== verb && r.verb.toUpperCase() !== method) return false;
      if (r.path instanceof RegExp) return r.path.test(path);
      return r.path ? path.includes(r.path) : true;
    });
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return faultError(rule);
  }
}

/** A fault order posted to `/__sim/faults`. */
export interface FaultOrder {
  inject?: FaultRule & { pathRegex?: string };
  latencyMs?: number;
  dropWatches?: boolean;
  offlineForMs?: number;
  clear?: boolean;
}

/** Carries out a fault order; going offline happens after the answer is sent. */
export function applyFaultOrder(controls: FaultControls, order: FaultOrder): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (order.clear) controls.clear();
  if (order.inject) {
    const rule: FaultRule = { ...order.inject };
    if (order.inject.pathRegex) rule.path = new RegExp(order.inject.pathRegex);
    controls.inject(rule);
  }
  if (typeof order.latencyMs === 'number') controls.setLatency(order.latencyMs);
  if (order.dropWatches) result.droppedWatches = controls.dropWatches();
  if (typeof order.offlineForMs === 'number') {
    const ms = order.offlineForMs;
    setImmediate(() => {
      void controls.goOffline().then(() => setTimeout(() => void controls.goOnline(), ms));
    });
  }
  return result;
}
