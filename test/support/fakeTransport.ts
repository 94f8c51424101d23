// An in-memory KubeTransport for unit tests of the cluster core: lists answer from a store per
// path, watches are kept open until the test closes them, and faults are queued per request.
import { ApiError, errorFromResponse } from '../../src/cluster/apiError';
import type { KubeObject } from '../../src/cluster/kinds';
import type { KubeTransport, LineStream, RequestOptions } from '../../src/cluster/transport';
import { waitFor } from './waitFor';

interface OpenWatch {
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  send(type: string, object: unknown): void;
  close(): void;
  fail(error: Error): void;
}

export interface Fault {
  readonly status: number;
  readonly message?: string;
  readonly retryAfter?: number;
  readonly unreachable?: boolean;
}

export class FakeTransport implements KubeTransport {
  readonly server = 'http://fake.invalid';
  private rv = 100;
  readonly objects = new Map<string, Map<string, KubeObject>>();
  readonly watches: OpenWatch[] = [];
  readonly requests: RequestOptions[] = [];
  private readonly faults: Fault[] = [];
  private readonly watchFaults: Fault[] = [];

  /** Puts an object under a list path (e.g. '/api/v1/pods'), as ADDED/MODIFIED to open watches. */
  put(path: string, obj: KubeObject): KubeObject {
    const copy = structuredClone(obj);
    copy.metadata = { ...copy.metadata, resourceVersion: String(++this.rv) };
    let items = this.objects.get(path);
    if (!items) this.objects.set(path, (items = new Map()));
    const key = `${copy.metadata.namespace ?? ''}/${copy.metadata.name ?? ''}`;
    const existed = items.has(key);
    items.set(key, copy);
    for (const w of this.watches.filter((x) => x.path === path)) w.send(existed ? 'MODIFIED' : 'ADDED', copy);
    return copy;
  }

  remove(path: string, namespace: string | undefined, name: string): void {
    const items = this.objects.get(path);
    const key = `${namespace ?? ''}/${name}`;
    const obj = items?.get(key);
    if (!obj || !items) return;
    items.delete(key);
    const gone = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
    for (const w of this.watches.filter((x) => x.path === path)) w.send('DELETED', gone);
  }

  /** The next request (list or plain) fails with this status. */
  failNext(fault: Fault): void {
    this.faults.push(fault);
  }

  /** The next watch request fails with this status. */
  failNextWatch(fault: Fault): void {
    this.watchFaults.push(fault);
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  async request<T>(options: RequestOptions): Promise<T> {
    this.requests.push(options);
    await Promise.resolve();
    const fault = this.faults.shift();
    if (fault) throw toError(fault);
    const items = [...(this.objects.get(options.path)?.values() ?? [])];
    const limit = Number(options.query?.['limit'] ?? 0);
    const start = Number(options.query?.['continue'] ?? 0);
    const page = limit ? items.slice(start, start + limit) : items;
    const next = limit && start + limit < items.length ? String(start + limit) : undefined;
    return {
      metadata: { resourceVersion: String(this.rv), continue: next },
      items: structuredClone(page),
    } as T;
  }

  stream(options: RequestOptions, onLine: (line: string) => void): LineStream {
    this.requests.push(options);
    let finish: () => void = () => undefined;
    let reject: (e: Error) => void = () => undefined;
    let connect: () => void = () => undefined;
    let refuse: (e: Error) => void = () => undefined;
    const connected = new Promise<void>((res, rej) => {
      connect = res;
      refuse = rej;
    });
    connected.catch(() => undefined);
    const done = new Promise<void>((res, rej) => {
      finish = res;
      reject = rej;
    });
    const fault = this.watchFaults.shift();
    const watch: OpenWatch = {
      path: options.path,
      query: options.query ?? {},
      send: (type, object) => onLine(JSON.stringify({ type, object })),
      close: () => {
        this.drop(watch);
        finish();
      },
      fail: (error) => {
        this.drop(watch);
        reject(error);
      },
    };
    setImmediate(() => {
      if (fault) {
        const error = toError(fault);
        refuse(error);
        reject(error);
        return;
      }
      this.watches.push(watch);
      connect();
    });
    return { done, connected, abort: () => watch.close() };
  }

  private drop(watch: OpenWatch): void {
    const i = this.watches.indexOf(watch);
    if (i >= 0) this.watches.splice(i, 1);
  }
}

function toError(fault: Fault): ApiError {
  if (fault.unreachable) return new ApiError('unreachable', fault.message ?? 'connect ECONNREFUSED');
  return errorFromResponse(
    fault.status,
    { kind: 'Status', code: fault.status, message: fault.message ?? `status ${fault.status}` },
    fault.retryAfter === undefined ? undefined : String(fault.retryAfter),
  );
}

/** Waits until `check` holds (polling on the event loop), or fails after `ms`. */
export async function until(check: () => boolean, what = 'condition', ms = 20_000): Promise<void> {
  await waitFor(what, check, { timeoutMs: ms, intervalMs: 5 });
}
