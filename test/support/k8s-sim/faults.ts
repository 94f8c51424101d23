// Fault injection: answer the next N matching requests with an error, add latency, drop open
// watches, take the listener down and back, answer `429 storage is (re)initializing` for a while
// (now, or after each CRD is created, as kube-apiserver does while its watch cache for the new
// resource starts). Usable from code and over POST /__sim/faults.
import { ApiError } from './apiErrors.js';
import type { KubeObject } from './types.js';

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
  /** `details.causes` of the Status (e.g. `[{ reason: 'NamespaceTerminating', … }]`). */
  causes?: { reason: string; message: string; field?: string }[];
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

/** A time during which the matching requests answer `429 storage is (re)initializing`. */
export interface StorageWindow {
  /** How long from now (ms). */
  forMs: number;
  /** A substring of the request path, or a regular expression; every request when absent. */
  path?: string | RegExp;
}

export interface FaultControls {
  inject(rule: FaultRule): void;
  /** Answer the matching requests `429 storage is (re)initializing` (Retry-After: 1) for a while. */
  storageInitializing(window: StorageWindow): void;
  /** After each CRD is created, answer requests for its resource so for `ms` (0: off, the default). */
  storageInitializingAfterCrdCreate(ms: number): void;
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
        rule.causes ? { causes: rule.causes } : undefined,
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

/** What kube-apiserver answers while the storage (watch cache) of a resource is not ready. */
export function storageInitializingError(): ApiError {
  return new ApiError(429, 'TooManyRequests', 'storage is (re)initializing', { retryAfterSeconds: 1 });
}

function matches(path: string, pattern: string | RegExp | undefined): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  return pattern ? path.includes(pattern) : true;
}

export class FaultTable {
  private rules: ActiveRule[] = [];
  private windows: { path?: string | RegExp; until: number }[] = [];
  private afterCrdMs = 0;
  latencyMs = 0;

  addStorageWindow(window: StorageWindow): void {
    this.windows.push({ path: window.path, until: Date.now() + window.forMs });
  }

  setStorageAfterCrd(ms: number): void {
    this.afterCrdMs = ms;
  }

  /** A CRD was created: its resource's storage initialises for a while, when that mode is on. */
  crdCreated(crd: KubeObject): void {
    const spec = crd.spec as { group?: string; names?: { plural?: string } } | undefined;
    if (this.afterCrdMs <= 0 || !spec?.group || !spec.names?.plural) return;
    const group = spec.group.replace(/\./g, '\\.');
    this.addStorageWindow({
      forMs: this.afterCrdMs,
      path: new RegExp(`^/apis/${group}/[^/]+/(namespaces/[^/]+/)?${spec.names.plural}(/|$)`),
    });
  }

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, remaining: rule.count ?? 1 });
  }

  clear(): void {
    this.rules = [];
    this.windows = [];
    this.afterCrdMs = 0;
    this.latencyMs = 0;
  }

  /** The error to answer with for this request, consuming one use of the first matching rule. */
  take(verb: string, method: string, path: string): ApiError | undefined {
    const now = Date.now();
    this.windows = this.windows.filter((w) => w.until > now);
    if (this.windows.some((w) => matches(path, w.path))) return storageInitializingError();
    const rule = this.rules.find((r) => {
      if (r.verb && r.verb.toLowerCase() !== verb && r.verb.toUpperCase() !== method) return false;
      return matches(path, r.path);
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
  /** `429 storage is (re)initializing` for every request, for this long (ms). */
  storageInitializingMs?: number;
  /** The same for each CRD's resource after the CRD is created (0: off). */
  storageInitializingAfterCrdMs?: number;
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
  if (typeof order.storageInitializingMs === 'number') {
    controls.storageInitializing({ forMs: order.storageInitializingMs });
  }
  if (typeof order.storageInitializingAfterCrdMs === 'number') {
    controls.storageInitializingAfterCrdCreate(order.storageInitializingAfterCrdMs);
  }
  if (order.dropWatches) result.droppedWatches = controls.dropWatches();
  if (typeof order.offlineForMs === 'number') {
    const ms = order.offlineForMs;
    setImmediate(() => {
      void controls.goOffline().then(() => setTimeout(() => void controls.goOnline(), ms));
    });
  }
  return result;
}
