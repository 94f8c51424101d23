// Namespace deletion as kube-apiserver and the namespace controller carry it out: DELETE marks the
// namespace Terminating (deletionTimestamp, status.phase) and it stays while `spec.finalizers`
// holds `kubernetes`; nothing new may be created in it (403, cause NamespaceTerminating); the
// namespace controller deletes its content, waits until it is gone (graceful pods, finalizers),
// then clears `spec.finalizers` through PUT …/namespaces/<name>/finalize and deletes it again.
// On a bare API server the namespace controller is a client (operator/namespaceController.ts);
// otherwise the simulator runs the built-in one below.
import { ApiError, conflict } from './apiErrors.js';
import type { ObjectStore } from './store.js';
import type { TypeRegistry } from './typeRegistry.js';
import type { KubeObject, ResourceType } from './types.js';
import { qualifiedResource, typeKey } from './types.js';

const NS_KEY = '/namespaces';

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** 403 for a create in a namespace being deleted (the NamespaceLifecycle admission plugin). */
export function namespaceTerminating(type: ResourceType, namespace: string, name: string): ApiError {
  const details = {
    name,
    ...(type.group ? { group: type.group } : {}),
    kind: type.plural,
    causes: [
      {
        reason: 'NamespaceTerminating',
        message: `namespace ${namespace} is being terminated`,
        field: 'metadata.namespace',
      },
    ],
  };
  return new ApiError(
    403,
    'Forbidden',
    `${qualifiedResource(type)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    details,
  );
}

export class NamespaceLifecycle {
  constructor(
    private readonly store: ObjectStore,
    private readonly types: TypeRegistry,
    /** Deletes one object with API semantics (graceful pods, finalizers). */
    private readonly deleteOne: (type: ResourceType, namespace: string, name: string) => void,
    /** Run the namespace controller here (false on a bare API server). */
    private readonly builtinController: boolean,
  ) {}

  /** DELETE of a namespace. */
  delete(type: ResourceType, live: KubeObject): KubeObject {
    const name = live.metadata.name!;
    const specFinalizers = ((live.spec?.finalizers as string[] | undefined) ?? []).length;
    if (live.metadata.deletionTimestamp) {
      if (specFinalizers > 0) {
        throw conflict(
          type,
          name,
          'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
        );
      }
      if ((live.metadata.finalizers ?? []).length > 0) return live;
      return this.store.remove(NS_KEY, '', name)!.object;
    }
    if (specFinalizers === 0 && (live.metadata.finalizers ?? []).length === 0) {
      return this.store.remove(NS_KEY, '', name)!.object;
    }
    const marked = structuredClone(live);
    marked.metadata.deletionTimestamp = timestamp();
    marked.metadata.deletionGracePeriodSeconds = 0;
    marked.status = { ...marked.status, phase: 'Terminating' };
    this.store.put(NS_KEY, '', name, marked);
    if (this.builtinController) this.emptyLater(type, name);
    return marked;
  }

  /** PUT …/namespaces/<name>/finalize: only spec.finalizers changes. */
  finalize(live: KubeObject, body: KubeObject): KubeObject {
    const next = structuredClone(live);
    const finalizers = (body.spec?.finalizers as string[] | undefined) ?? [];
    next.spec = { ...next.spec, finalizers };
    this.store.put(NS_KEY, '', live.metadata.name!, next);
    return next;
  }

  /** The built-in namespace controller: deletes the content, waits for it, finalizes, deletes. */
  private emptyLater(type: ResourceType, name: string): void {
    const step = (): void => {
      const ns = this.store.get(NS_KEY, '', name);
      if (!ns || !ns.metadata.deletionTimestamp) return;
      let remaining = 0;
      for (const t of this.types.all()) {
        if (!t.namespaced) continue;
        for (const o of [...this.store.objects(typeKey(t.group, t.plural), name)]) {
          remaining++;
          if (o.metadata.deletionTimestamp) continue;
          try {
            this.deleteOne(t, name, o.metadata.name!);
          } catch {
            // gone meanwhile
          }
        }
      }
      if (remaining > 0) {
        setTimeout(step, 20).unref();
        return;
      }
      const finalized = this.finalize(ns, {
        metadata: {},
        spec: { finalizers: ((ns.spec?.finalizers as string[]) ?? []).filter((f) => f !== 'kubernetes') },
      });
      try {
        this.delete(type, finalized);
      } catch {
        // another finalizer still holds it
      }
    };
    setImmediate(step);
  }
}
