// Deletion as the API server and the garbage collector carry it out: dependents found through
// ownerReferences are deleted (Background, Foreground) or orphaned; objects whose owners are all
// gone are collected. On a bare API server (`builtin` false) the server only records the request,
// as kube-apiserver does: Background deletes the owner alone, Foreground and Orphan add the
// `foregroundDeletion` / `orphan` finalizer; a client garbage collector does the rest.
import type { ObjectStore } from './store.js';
import type { TypeRegistry } from './typeRegistry.js';
import type { KubeObject, ResourceType } from './types.js';
import { typeKey } from './types.js';

export type DeletePropagation = 'Orphan' | 'Background' | 'Foreground';

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export class GarbageCollector {
  constructor(
    private readonly store: ObjectStore,
    private readonly types: TypeRegistry,
    /** Deletes one object through the API semantics (finalizers, further dependents). */
    private readonly deleteOne: (
      type: ResourceType,
      namespace: string,
      name: string,
      policy: DeletePropagation,
    ) => void,
    private readonly builtin = true,
  ) {}

  private key(type: ResourceType): string {
    return typeKey(type.group, type.plural);
  }

  finishDelete(type: ResourceType, namespace: string, name: string, policy: DeletePropagation): KubeObject {
    const live = this.store.get(this.key(type), namespace, name)!;
    if (!this.builtin) return this.recordOnly(type, live, policy);
    const uid = live.metadata.uid!;
    const dependents = this.store.dependentsOf(uid);
    if (policy === 'Orphan') {
      for (const id of dependents) this.orphan(id, uid);
    } else if (policy === 'Foreground') {
      for (const id of dependents) this.deleteById(id, 'Foreground');
    }
    const change = this.store.remove(this.key(type), namespace, name)!;
    if (policy === 'Background' && dependents.length > 0) {
      // The garbage collector removes dependents shortly after their owner is gone.
      setImmediate(() => {
        for (const id of this.store.dependentsOf(uid)) this.deleteById(id, 'Background');
      });
    }
    return change.object;
  }

  /** The garbage collector deletes a new object whose owners are all gone (e.g. created in a race with their deletion). */
  collectIfOwnerless(type: ResourceType, namespace: string, obj: KubeObject): void {
    if (!this.builtin) return;
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const alive = refs.some((ref) => {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
      const ownerType = this.types.byKind(group, ref.kind);
      if (!ownerType) return true;
      const owner = this.store.get(this.key(ownerType), ownerType.namespaced ? namespace : '', ref.name);
      return owner !== undefined && owner.metadata.uid === ref.uid;
    });
    if (!alive) {
      setImmediate(() =>
        this.deleteById(`${this.key(type)}\u0000${namespace}\u0000${obj.metadata.name}`, 'Background'),
      );
    }
  }

  private deleteById(id: string, policy: DeletePropagation): void {
    const [key, ns, name] = id.split('\u0000') as [string, string, string];
    const t = this.types.byKey(key);
    if (!t || !this.store.get(key, ns, name)) return;
    try {
      this.deleteOne(t, ns, name, policy);
    } catch {
      // already gone
    }
  }

  private orphan(id: string, ownerUid: string): void {
    const [key, ns, name] = id.split('\u0000') as [string, string, string];
    const obj = this.store.get(key, ns, name);
    if (!obj) return;
    const next = structuredClone(obj);
    next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
    this.store.put(key, ns, name, next);
  }

  private recordOnly(type: ResourceType, live: KubeObject, policy: DeletePropagation): KubeObject {
    const namespace = live.metadata.namespace ?? '';
    const name = live.metadata.name!;
    const finalizer = policy === 'Orphan' ? 'orphan' : policy === 'Foreground' ? 'foregroundDeletion' : '';
    if (!finalizer || (live.metadata.finalizers ?? []).includes(finalizer)) {
      return this.store.remove(this.key(type), namespace, name)!.object;
    }
    const marked = structuredClone(live);
    marked.metadata.finalizers = [...(marked.metadata.finalizers ?? []), finalizer];
    marked.metadata.deletionTimestamp ??= timestamp();
    marked.metadata.deletionGracePeriodSeconds ??= 0;
    this.store.put(this.key(type), namespace, name, marked);
    return marked;
  }
}
