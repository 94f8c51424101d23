// The objects of one watch cache by key, with secondary indexes kept in step. Each write returns
// the changes it made (added / modified / deleted, with the previous object), so the caller decides
// how to announce them.
//
//   const store = new IndexedStore<Pod>({ node: (p) => [p.spec?.nodeName ?? ''] });
//   store.upsert(pod) → CacheChange;  store.remove(key, last);  store.replaceAll(map) → changes
//   store.get(key), store.byIndex('node', 'n1'), store.countByIndex('node', 'n1')
import { objectKey, type KubeObject } from './kinds';

export interface CacheChange<T> {
  readonly type: 'added' | 'modified' | 'deleted';
  readonly key: string;
  readonly object: T;
  readonly previous?: T;
}

export type IndexFunction<T> = (obj: T) => readonly string[];

export class IndexedStore<T extends KubeObject> {
  private objects = new Map<string, T>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly indexFns: [string, IndexFunction<T>][];

  constructor(indexes: Readonly<Record<string, IndexFunction<T>>> = {}) {
    this.indexFns = Object.entries(indexes);
    for (const [name] of this.indexFns) this.indexes.set(name, new Map());
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  values(): T[] {
    return [...this.objects.values()];
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  /** Objects whose index function returned `value`. */
  byIndex(index: string, value: string): T[] {
    const keys = this.indexes.get(index)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const key of keys) {
      const obj = this.objects.get(key);
      if (obj) out.push(obj);
    }
    return out;
  }

  /** How many objects an index value holds, without building a list. */
  countByIndex(index: string, value: string): number {
    return this.indexes.get(index)?.get(value)?.size ?? 0;
  }

  indexValues(index: string): string[] {
    return [...(this.indexes.get(index)?.keys() ?? [])];
  }

  /** Adds or replaces an object. */
  upsert(obj: T): CacheChange<T> {
    const key = objectKey(obj);
    const previous = this.objects.get(key);
    if (previous) this.unindex(key, previous);
    this.objects.set(key, obj);
    this.index(key, obj);
    return previous ? { type: 'modified', key, object: obj, previous } : { type: 'added', key, object: obj };
  }

  /** Removes an object; `last` is its final state as the server reported it. Undefined: it was not held. */
  remove(key: string, last: T): CacheChange<T> | undefined {
    const previous = this.objects.get(key);
    if (!previous) return undefined;
    this.unindex(key, previous);
    this.objects.delete(key);
    return { type: 'deleted', key, object: last, previous };
  }

  /** Swaps in a fresh list; returns only what differs from what the store held. */
  replaceAll(next: Map<string, T>): CacheChange<T>[] {
    const old = this.objects;
    const changes: CacheChange<T>[] = [];
    this.objects = next;
    for (const map of this.indexes.values()) map.clear();
    for (const [key, obj] of next) {
      this.index(key, obj);
      const previous = old.get(key);
      if (!previous) changes.push({ type: 'added', key, object: obj });
      else if (previous.metadata?.resourceVersion !== obj.metadata?.resourceVersion) {
        changes.push({ type: 'modified', key, object: obj, previous });
      }
    }
    for (const [key, previous] of old) {
      if (!next.has(key)) changes.push({ type: 'deleted', key, object: previous, previous });
    }
    return changes;
  }

  private index(key: string, obj: T): void {
    for (const [name, fn] of this.indexFns) {
      const map = this.indexes.get(name);
      if (!map) continue;
      for (const value of safeIndex(fn, obj)) {
        let keys = map.get(value);
        if (!keys) map.set(value, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexFns) {
      const map = this.indexes.get(name);
      if (!map) continue;
      for (const value of safeIndex(fn, obj)) {
        const keys = map.get(value);
        keys?.delete(key);
        if (keys && keys.size === 0) map.delete(value);
      }
    }
  }
}

/** An index function that throws indexes nothing (a consumer's bug must not break the cache). */
function safeIndex<T>(fn: IndexFunction<T>, obj: T): readonly string[] {
  try {
    return fn(obj);
  } catch {
    return [];
  }
}
