// One logical cache over several namespaces: a lease per namespace (or one for all namespaces),
// read as a union, with merged change events and a combined state (the worst of its parts).
//   const apps = new ScopedCaches<SpinApp>(session, spinAppKind(group), ['a', 'b'] /* [] = all */, { indexes });
//   apps.onChange.on(…); apps.onState.on(…); apps.values(); apps.get(key); apps.byIndex(i, v); apps.release();
import { Emitter, type Disposable } from './emitter';
import type { KubeObject, ResourceKind } from './kinds';
import type { CacheLease, ClusterSession } from './session';
import type { CacheChange, CacheState, IndexFunction, WatchCache } from './watchCache';

const RANK: Record<CacheState['phase'], number> = {
  ready: 0,
  idle: 1,
  connecting: 2,
  reconnecting: 3,
  error: 4,
};

export class ScopedCaches<T extends KubeObject> {
  readonly onChange = new Emitter<readonly CacheChange<T>[]>();
  readonly onState = new Emitter<CacheState>();
  private readonly leases: CacheLease<T>[];
  private readonly subs: Disposable[] = [];

  constructor(
    session: ClusterSession,
    readonly kind: ResourceKind,
    namespaces: readonly string[],
    options: {
      labelSelector?: string;
      fieldSelector?: string;
      indexes?: Readonly<Record<string, IndexFunction<T>>>;
    } = {},
  ) {
    const scopes =
      kind.namespaced && namespaces.length ? namespaces.map((namespace) => ({ namespace })) : [{}];
    this.leases = scopes.map((scope) =>
      session.acquire<T>(
        kind,
        { ...scope, labelSelector: options.labelSelector, fieldSelector: options.fieldSelector },
        { indexes: options.indexes, deferStart: true },
      ),
    );
    for (const lease of this.leases) {
      this.subs.push(lease.cache.onChange.on((c) => this.onChange.fire(c)));
      this.subs.push(lease.cache.onState.on(() => this.onState.fire(this.state)));
    }
    for (const lease of this.leases) lease.cache.start();
  }

  get caches(): WatchCache<T>[] {
    return this.leases.map((l) => l.cache);
  }

  get state(): CacheState {
    let worst: CacheState = { phase: 'ready' };
    for (const lease of this.leases) {
      const s = lease.cache.state;
      if (RANK[s.phase] > RANK[worst.phase]) worst = s;
    }
    return worst;
  }

  get size(): number {
    return this.leases.reduce((n, l) => n + l.cache.size, 0);
  }

  get(key: string): T | undefined {
    for (const lease of this.leases) {
      const found = lease.cache.get(key);
      if (found) return found;
    }
    return undefined;
  }

  values(): T[] {
    return this.leases.length === 1
      ? (this.leases[0]?.cache.values() ?? [])
      : this.leases.flatMap((l) => l.cache.values());
  }

  keys(): string[] {
    return this.leases.length === 1
      ? (this.leases[0]?.cache.keys() ?? [])
      : this.leases.flatMap((l) => l.cache.keys());
  }

  byIndex(index: string, value: string): T[] {
    return this.leases.flatMap((l) => l.cache.byIndex(index, value));
  }

  countByIndex(index: string, value: string): number {
    return this.leases.reduce((n, l) => n + l.cache.countByIndex(index, value), 0);
  }

  ready(): Promise<void> {
    return Promise.all(this.leases.map((l) => l.cache.ready())).then(() => undefined);
  }

  /** Restarts parts that stopped on an error (after the user fixed credentials, for instance). */
  retry(): void {
    for (const lease of this.leases) if (lease.cache.state.phase === 'error') lease.cache.start();
  }

  release(): void {
    for (const sub of this.subs) sub.dispose();
    for (const lease of this.leases) lease.release();
    this.onChange.clear();
    this.onState.clear();
  }
}
