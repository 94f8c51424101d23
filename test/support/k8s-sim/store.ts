// The object store: kind → namespace → name maps, a global resourceVersion counter, a bounded
// history window of changes (for watch resume and consistent paginated lists) and live watchers.
// Stored objects are never mutated in place; writers store a fresh object each time.
import { expired } from './apiErrors.js';
import type { KubeObject } from './types.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  readonly rv: number;
  readonly type: ChangeType;
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly object: KubeObject;
  /** The object before the change (MODIFIED, DELETED). */
  readonly previous?: KubeObject;
}

export type ChangeListener = (change: Change) => void;

type Collection = Map<string, Map<string, KubeObject>>;

export class ObjectStore {
  private rv = 1000;
  private readonly collections = new Map<string, Collection>();
  private readonly sortedCache = new Map<string, string[]>();
  private readonly history: Change[] = [];
  private historyStart = 0;
  /** Every change at or below this resourceVersion has left the history window. */
  private compactedRv = 1000;
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private readonly ownerIndex = new Map<string, Set<string>>();

  constructor(private readonly historyLimit = 20000) {}

  get currentRv(): number {
    return this.rv;
  }

  get oldestRetainedRv(): number {
    return this.compactedRv;
  }

  get(key: string, namespace: string, name: string): KubeObject | undefined {
    return this.collections.get(key)?.get(namespace)?.get(name);
  }

  count(key: string, namespace?: string): number {
    const c = this.collections.get(key);
    if (!c) return 0;
    if (namespace !== undefined) return c.get(namespace)?.size ?? 0;
    let n = 0;
    for (const m of c.values()) n += m.size;
    return n;
  }

  /** Stores `object` (whose metadata.resourceVersion is set here) and records the change. */
  put(
    key: string,
    namespace: string,
    name: string,
    object: KubeObject,
    options: { record?: boolean } = {},
  ): Change {
    const collection = this.collection(key);
    let byName = collection.get(namespace);
    if (!byName) {
      byName = new Map();
      collection.set(namespace, byName);
    }
    const previous = byName.get(name);
    const rv = ++this.rv;
    object.metadata.resourceVersion = String(rv);
    byName.set(name, object);
    if (!previous) this.sortedCache.delete(key);
    this.indexOwners(key, namespace, name, previous, object);
    const change: Change = previous
      ? { rv, type: 'MODIFIED', key, namespace, name, object, previous }
      : { rv, type: 'ADDED', key, namespace, name, object };
    if (options.record === false) {
      this.forgetHistory();
      return change;
    }
    this.record(change);
    return change;
  }

  remove(key: string, namespace: string, name: string): Change | undefined {
    const byName = this.collections.get(key)?.get(namespace);
    const previous = byName?.get(name);
    if (!byName || !previous) return undefined;
    byName.delete(name);
    this.sortedCache.delete(key);
    this.indexOwners(key, namespace, name, previous, undefined);
    const rv = ++this.rv;
    const object: KubeObject = {
      ...previous,
      metadata: { ...previous.metadata, resourceVersion: String(rv) },
    };
    const change: Change = { rv, type: 'DELETED', key, namespace, name, object, previous };
    this.record(change);
    return change;
  }

  /** Drops a whole collection (a CRD was deleted), with DELETED events for each object. */
  dropCollection(key: string): void {
    for (const k of [...this.sortedKeys(key)]) {
      const i = k.indexOf('\u0000');
      this.remove(key, k.slice(0, i), k.slice(i + 1));
    }
    this.collections.delete(key);
    this.sortedCache.delete(key);
  }

  /**
   * Keys `namespace\0name` of a collection in etcd key order (namespace, then name), cached until
   * an object is added or removed.
   */
  sortedKeys(key: string): readonly string[] {
    let cached = this.sortedCache.get(key);
    if (!cached) {
      cached = [];
      const c = this.collections.get(key);
      if (c) for (const [ns, m] of c) for (const name of m.keys()) cached.push(`${ns}\u0000${name}`);
      cached.sort();
      this.sortedCache.set(key, cached);
    }
    return cached;
  }

  /** The object stored under a `namespace\0name` key. */
  getByKey(key: string, compositeKey: string): KubeObject | undefined {
    const i = compositeKey.indexOf('\u0000');
    return this.get(key, compositeKey.slice(0, i), compositeKey.slice(i + 1));
  }

  /** Objects of one collection (optionally one namespace) in key order, as of now. */
  *objects(key: string, namespace?: string): Generator<KubeObject> {
    const c = this.collections.get(key);
    if (!c) return;
    if (namespace !== undefined) {
      const byName = c.get(namespace);
      if (!byName) return;
      for (const name of [...byName.keys()].sort()) yield byName.get(name)!;
      return;
    }
    for (const k of this.sortedKeys(key)) {
      const o = this.getByKey(key, k);
      if (o) yield o;
    }
  }

  /**
   * The collection as it was at resourceVersion `rv`, rebuilt from the current state by undoing the
   * recorded changes after it. Throws 410 Expired when `rv` is older than the history window.
   */
  snapshotAt(key: string, rv: number, message: string): Map<string, KubeObject> {
    if (rv < this.compactedRv) throw expired(message);
    const snapshot = new Map<string, KubeObject>();
    const c = this.collections.get(key);
    if (c) for (const [ns, m] of c) for (const [name, o] of m) snapshot.set(`${ns}\u0000${name}`, o);
    for (let i = this.history.length - 1; i >= this.historyStart; i--) {
      const ch = this.history[i]!;
      if (ch.rv <= rv) break;
      if (ch.key !== key) continue;
      const k = `${ch.namespace}\u0000${ch.name}`;
      if (ch.type === 'ADDED') snapshot.delete(k);
      else snapshot.set(k, ch.previous!);
    }
    return snapshot;
  }

  /** Recorded changes of `key` after `rv`; throws 410 Expired when they are no longer all retained. */
  changesSince(key: string, rv: number): Change[] {
    if (rv < this.compactedRv) {
      throw expired(`too old resource version: ${rv} (${this.compactedRv + 1})`);
    }
    const out: Change[] = [];
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length; i++) {
      const ch = this.history[i]!;
      if (ch.key === key) out.push(ch);
    }
    return out;
  }

  subscribe(key: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Keys `key\0namespace\0name` of the objects that list `uid` in their ownerReferences. */
  dependentsOf(uid: string): string[] {
    return [...(this.ownerIndex.get(uid) ?? [])];
  }

  /** Shrinks the history window (for tests of 410 Gone): keep only the last `keep` changes. */
  compact(keep = 0): void {
    const live = this.history.length - this.historyStart;
    const drop = Math.max(0, live - keep);
    const last = drop > 0 ? this.history[this.historyStart + drop - 1] : undefined;
    this.historyStart += drop;
    this.compactedRv = last ? last.rv : this.compactedRv;
    if (keep === 0) this.compactedRv = this.rv;
    this.trim();
  }

  private forgetHistory(): void {
    this.history.length = 0;
    this.historyStart = 0;
    this.compactedRv = this.rv;
  }

  private record(change: Change): void {
    this.history.push(change);
    if (this.history.length - this.historyStart > this.historyLimit) {
      this.compactedRv = this.history[this.historyStart]!.rv;
      this.historyStart++;
      this.trim();
    }
    const set = this.listeners.get(change.key);
    if (set) for (const l of [...set]) l(change);
  }

  private trim(): void {
    if (this.historyStart > 4096 && this.historyStart * 2 > this.history.length) {
      this.history.splice(0, this.historyStart);
      this.historyStart = 0;
    }
  }

  private collection(key: string): Collection {
    let c = this.collections.get(key);
    if (!c) {
      c = new Map();
      this.collections.set(key, c);
    }
    return c;
  }

  private indexOwners(key: string, ns: string, name: string, before?: KubeObject, after?: KubeObject): void {
    const id = `${key}\u0000${ns}\u0000${name}`;
    for (const ref of before?.metadata.ownerReferences ?? []) this.ownerIndex.get(ref.uid)?.delete(id);
    for (const ref of after?.metadata.ownerReferences ?? []) {
      let set = this.ownerIndex.get(ref.uid);
      if (!set) {
        set = new Set();
        this.ownerIndex.set(ref.uid, set);
      }
      set.add(id);
    }
  }
}
