// A list-then-watch cache of one resource kind in one scope (all namespaces, one namespace, and/or
// label/field selectors), with secondary indexes and batched change events.
//
//   const pods = new WatchCache<Pod>(transport, Kinds.pod, {
//     scope: { labelSelector: APP_NAME_LABEL },
//     indexes: { app: (p) => [`${p.metadata?.namespace}/${p.metadata?.labels?.[APP_NAME_LABEL]}`] },
//   });
//   pods.onChange.on((changes) => …);   // CacheChange[] per tick: added / modified / deleted (+ previous)
//   pods.onState.on((state) => …);      // connecting → ready; reconnecting (attempt, retryInMs); error(kind, message)
//   pods.start();  await pods.ready();  pods.byIndex('app', 'ns/name');  pods.get('ns/name');  pods.stop();
//
// Behaviour: the list is paged (`limit`/`continue`); the watch resumes from the last resourceVersion
// (bookmarks on) whenever the server closes it; 410 Gone (on the watch or an expired continue token)
// relists and emits only the differences; 429, 5xx and connection errors back off exponentially
// (capped, Retry-After honoured) and retry while the state says `reconnecting`; 401, 403, 404 and
// other client errors stop with state `error` until start() is called again. `managedFields` are
// dropped to save memory. Nothing throws out of the cache.
// The objects and their indexes live in an IndexedStore; changes reach listeners through a
// ChangeBatcher (one batch per tick); this file holds the list/watch loop and its state.
import { Emitter } from './emitter';
import { ApiError, asApiError, errorFromResponse, retryable, type ApiErrorKind } from './apiError';
import { Backoff, type BackoffOptions } from './backoff';
import { ChangeBatcher } from './changeBatcher';
import { IndexedStore, type CacheChange, type IndexFunction } from './indexedStore';
import { objectKey, resourcePath, type KubeObject, type ResourceKind } from './kinds';
import { describeFailure } from './listFailure';
import type { KubeTransport } from './transport';

export type { CacheChange, IndexFunction } from './indexedStore';
export { describeFailure } from './listFailure';

export interface CacheScope {
  /** One namespace; undefined: all namespaces (or a cluster-scoped kind). */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export type CacheState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'connecting' }
  | { readonly phase: 'ready' }
  | {
      readonly phase: 'reconnecting';
      readonly attempt: number;
      readonly retryInMs: number;
      readonly reason: string;
    }
  | {
      readonly phase: 'error';
      readonly kind: ApiErrorKind;
      readonly message: string;
      /** The namespace of the list that failed; undefined: all namespaces or a cluster-scoped kind. */
      readonly namespace?: string;
    };

export interface WatchCacheOptions<T> {
  readonly scope?: CacheScope;
  readonly indexes?: Readonly<Record<string, IndexFunction<T>>>;
  /** Page size of the list (default 500). */
  readonly pageSize?: number;
  /** Server-side timeout of each watch request in seconds (default 240–360, random). */
  readonly watchTimeoutSeconds?: number;
  readonly backoff?: BackoffOptions;
}

interface WatchLine {
  type?: string;
  object?: KubeObject & { code?: number; message?: string };
}

interface ListBody<T> {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: T[];
}

export class WatchCache<T extends KubeObject> {
  readonly onChange = new Emitter<readonly CacheChange<T>[]>();
  readonly onState = new Emitter<CacheState>();
  readonly scope: CacheScope;
  private readonly store: IndexedStore<T>;
  private readonly changes = new ChangeBatcher<CacheChange<T>>(this.onChange);
  private current: CacheState = { phase: 'idle' };
  private resourceVersion: string | undefined;
  private generation = 0;
  private stream: { abort(): void } | undefined;
  private wake: (() => void) | undefined;
  private readonly backoff: Backoff;
  /** Counters, for tests and diagnostics. */
  readonly stats = { lists: 0, watches: 0, relists: 0, retries: 0 };

  constructor(
    private readonly transport: KubeTransport,
    readonly kind: ResourceKind,
    private readonly options: WatchCacheOptions<T> = {},
  ) {
    this.scope = options.scope ?? {};
    this.store = new IndexedStore(options.indexes);
    this.backoff = new Backoff(options.backoff);
  }

  get state(): CacheState {
    return this.current;
  }

  get size(): number {
    return this.store.size;
  }

  get lastResourceVersion(): string | undefined {
    return this.resourceVersion;
  }

  get running(): boolean {
    return this.current.phase !== 'idle' && this.current.phase !== 'error';
  }

  get(key: string): T | undefined {
    return this.store.get(key);
  }

  getByName(namespace: string | undefined, name: string): T | undefined {
    return this.store.get(namespace ? `${namespace}/${name}` : name);
  }

  values(): T[] {
    return this.store.values();
  }

  keys(): string[] {
    return this.store.keys();
  }

  /** Objects whose index function returned `value`. */
  byIndex(index: string, value: string): T[] {
    return this.store.byIndex(index, value);
  }

  /** How many objects an index value holds, without building a list. */
  countByIndex(index: string, value: string): number {
    return this.store.countByIndex(index, value);
  }

  indexValues(index: string): string[] {
    return this.store.indexValues(index);
  }

  /** Starts listing and watching (again, after stop() or an error). */
  start(): void {
    if (this.running) return;
    const gen = ++this.generation;
    this.backoff.reset();
    this.setState({ phase: 'connecting' });
    void this.run(gen);
  }

  /** Stops the watch; the cached objects stay readable until start() relists. */
  stop(): void {
    this.generation++;
    this.stream?.abort();
    this.stream = undefined;
    this.wake?.();
    this.resourceVersion = undefined;
    if (this.current.phase !== 'error') this.setState({ phase: 'idle' });
  }

  /** Resolves once the first list is in; rejects with the ApiError if the cache stops on an error. */
  ready(): Promise<void> {
    if (this.current.phase === 'ready') return Promise.resolve();
    if (this.current.phase === 'error') {
      return Promise.reject(new ApiError(this.current.kind, this.current.message));
    }
    return new Promise((resolve, reject) => {
      const sub = this.onState.on((s) => {
        if (s.phase === 'ready') {
          sub.dispose();
          resolve();
        } else if (s.phase === 'error') {
          sub.dispose();
          reject(new ApiError(s.kind, s.message));
        } else if (s.phase === 'idle') {
          sub.dispose();
          reject(new ApiError('other', 'The cache was stopped.'));
        }
      });
    });
  }

  private setState(state: CacheState): void {
    this.current = state;
    this.onState.fire(state);
  }

  private active(gen: number): boolean {
    return gen === this.generation;
  }

  private async run(gen: number): Promise<void> {
    while (this.active(gen)) {
      try {
        if (this.resourceVersion === undefined) {
          await this.list(gen);
          if (!this.active(gen)) return;
          this.backoff.reset();
          if (this.current.phase !== 'ready') this.setState({ phase: 'ready' });
        }
        const started = Date.now();
        const events = await this.watch(gen);
        // a server that closes watches at once, again and again, must not make us spin
        if (events === 0 && Date.now() - started < 1000 && this.active(gen)) {
          await this.sleep(this.backoff.next());
        }
      } catch (error) {
        if (!this.active(gen)) return;
        const err = asApiError(error);
        if (err.kind === 'gone') {
          this.resourceVersion = undefined;
          this.stats.relists++;
          continue;
        }
        if (!retryable(err)) {
          this.setState({
            phase: 'error',
            kind: err.kind,
            message: describeFailure(err, this.kind, this.scope),
            namespace: this.kind.namespaced ? this.scope.namespace : undefined,
          });
          return;
        }
        this.stats.retries++;
        const delay = this.backoff.next(err.retryAfterSeconds);
        this.setState({
          phase: 'reconnecting',
          attempt: this.backoff.attempts,
          retryInMs: delay,
          reason: err.message,
        });
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private baseQuery(): Record<string, string | number | undefined> {
    return { labelSelector: this.scope.labelSelector, fieldSelector: this.scope.fieldSelector };
  }

  private async list(gen: number): Promise<void> {
    this.stats.lists++;
    const path = resourcePath(this.kind, this.scope.namespace);
    const next = new Map<string, T>();
    let token: string | undefined;
    let version: string | undefined;
    do {
      const body = await this.transport.request<ListBody<T>>({
        path,
        query: { ...this.baseQuery(), limit: this.options.pageSize ?? 500, continue: token },
        retry: false, // this cache backs off on its own, and says it is reconnecting meanwhile
      });
      if (!this.active(gen)) return;
      for (const item of body?.items ?? []) {
        const obj = strip(item);
        next.set(objectKey(obj), obj);
      }
      token = body?.metadata?.continue || undefined;
      version = body?.metadata?.resourceVersion;
    } while (token);
    for (const change of this.store.replaceAll(next)) this.changes.add(change);
    this.resourceVersion = version ?? '0';
  }

  /** Watches until the server closes the stream; returns how many events came. */
  private async watch(gen: number): Promise<number> {
    this.stats.watches++;
    let events = 0;
    const timeout = this.options.watchTimeoutSeconds ?? 240 + Math.floor(Math.random() * 120);
    let failure: ApiError | undefined;
    const stream = this.transport.stream(
      {
        path: resourcePath(this.kind, this.scope.namespace),
        query: {
          ...this.baseQuery(),
          watch: 1,
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: timeout,
        },
      },
      (line) => {
        if (failure || !this.active(gen)) return;
        events++;
        failure = this.onWatchLine(line);
        if (failure) stream.abort();
      },
    );
    this.stream = stream;
    void stream.connected.then(
      () => {
        if (!this.active(gen)) return;
        this.backoff.reset();
        if (this.current.phase !== 'ready') this.setState({ phase: 'ready' });
      },
      () => undefined,
    );
    await stream.done;
    if (failure) throw failure;
    return events;
  }

  /** Applies one watch event; returns an error that must end this watch. */
  private onWatchLine(line: string): ApiError | undefined {
    let event: WatchLine;
    try {
      event = JSON.parse(line) as WatchLine;
    } catch {
      return undefined;
    }
    const obj = event.object;
    if (!obj) return undefined;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.changes.add(this.store.upsert(strip(obj as T)));
        break;
      case 'DELETED':
        this.changes.add(this.store.remove(objectKey(obj), strip(obj as T)));
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR':
        return errorFromResponse(obj.code ?? 500, obj);
      default:
        return undefined;
    }
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    return undefined;
  }
}

/** Drops `managedFields`, which the explorer never reads, to save memory. */
function strip<T extends KubeObject>(obj: T): T {
  if (obj.metadata?.managedFields) delete obj.metadata.managedFields;
  return obj;
}
