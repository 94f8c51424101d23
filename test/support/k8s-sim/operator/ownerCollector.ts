// The garbage collector of kube-controller-manager, as a client, for the kinds the SpinKube
// objects form chains of (SpinApp → Deployment → ReplicaSet → Pod, SpinApp → Service): an object
// whose owners are all gone (checked with a live GET, uid and all) is deleted in the background;
// an owner deleted with propagationPolicy Orphan or Foreground carries the `orphan` or
// `foregroundDeletion` finalizer, which is removed once its dependents are orphaned or gone.
// Only for a bare API server: a full cluster (or the simulator with its built-in collector)
// already does this.
import type { KubeObject, OwnerReference } from '../types.js';
import type { KubeClient, ResourcePath } from './kubeClient.js';
import { KubeRequestError } from './kubeClient.js';
import type { CacheName, SharedCaches } from './sharedCaches.js';
import { WorkQueue } from './workQueue.js';

const DEPENDENTS: CacheName[] = ['deployments', 'replicasets', 'pods', 'services'];
const OWNERS: CacheName[] = ['spinapps', 'deployments', 'replicasets'];

function pathOf(apiVersion: string, kind: string, namespace: string, name: string): ResourcePath | undefined {
  const plural: Record<string, string> = {
    SpinApp: 'spinapps',
    Deployment: 'deployments',
    ReplicaSet: 'replicasets',
    Pod: 'pods',
    Service: 'services',
  };
  const p = plural[kind];
  return p ? { apiVersion, plural: p, namespace, name } : undefined;
}

export class OwnerCollector {
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: KubeClient,
    private readonly caches: SharedCaches,
  ) {
    this.queue = new WorkQueue(() => this.sweep());
    for (const name of new Set([...DEPENDENTS, ...OWNERS])) caches.on(name, () => this.queue.add('sweep'));
  }

  stop(): void {
    this.queue.stop();
  }

  private async sweep(): Promise<void> {
    for (const name of OWNERS) {
      for (const owner of this.caches.list(name)) {
        if (owner.metadata.deletionTimestamp) await this.finishPropagation(owner);
      }
    }
    for (const name of DEPENDENTS) {
      for (const obj of this.caches.list(name)) {
        const refs = obj.metadata.ownerReferences ?? [];
        if (refs.length === 0 || obj.metadata.deletionTimestamp) continue;
        if (await this.anyOwnerAlive(obj, refs)) continue;
        await this.client.delete(this.selfPath(obj));
      }
    }
  }

  private selfPath(obj: KubeObject): ResourcePath {
    return pathOf(
      String(obj.apiVersion),
      String(obj.kind),
      obj.metadata.namespace ?? '',
      obj.metadata.name!,
    )!;
  }

  private async anyOwnerAlive(obj: KubeObject, refs: OwnerReference[]): Promise<boolean> {
    const cached: Record<string, CacheName> = {
      SpinApp: 'spinapps',
      Deployment: 'deployments',
      ReplicaSet: 'replicasets',
    };
    for (const ref of refs) {
      const path = pathOf(ref.apiVersion, ref.kind, obj.metadata.namespace ?? '', ref.name);
      if (!path) return true;
      const cache = cached[ref.kind];
      const known = cache ? this.caches.get(cache, path.namespace!, ref.name) : undefined;
      if (known?.metadata.uid === ref.uid) return true;
      // The cache may lag behind a new owner: only the server's answer counts.
      try {
        const owner = await this.client.request<KubeObject>('GET', this.url(path));
        if (owner.metadata.uid === ref.uid) return true;
      } catch (err) {
        if (!(err instanceof KubeRequestError && err.code === 404)) return true;
      }
    }
    return false;
  }

  private url(p: ResourcePath): string {
    const base = p.apiVersion.includes('/') ? `/apis/${p.apiVersion}` : `/api/${p.apiVersion}`;
    return `${base}/namespaces/${encodeURIComponent(p.namespace!)}/${p.plural}/${encodeURIComponent(p.name!)}`;
  }

  /** Orphan: drop the owner from its dependents. Foreground: delete them and wait. Then the finalizer goes. */
  private async finishPropagation(owner: KubeObject): Promise<void> {
    const finalizers = owner.metadata.finalizers ?? [];
    const mode = finalizers.includes('orphan')
      ? 'orphan'
      : finalizers.includes('foregroundDeletion')
        ? 'foregroundDeletion'
        : undefined;
    if (!mode) return;
    const uid = owner.metadata.uid;
    const dependents = DEPENDENTS.flatMap((n) => this.caches.list(n, owner.metadata.namespace)).filter((d) =>
      (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid),
    );
    for (const d of dependents) {
      if (mode === 'orphan') {
        const refs = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        await this.client.mergePatch(
          this.selfPath(d),
          { metadata: { ownerReferences: refs } },
          'garbage-collector',
        );
      } else if (!d.metadata.deletionTimestamp) await this.client.delete(this.selfPath(d));
    }
    if (mode === 'foregroundDeletion' && dependents.length > 0) return;
    await this.client.mergePatch(
      this.selfPath(owner),
      { metadata: { finalizers: finalizers.filter((f) => f !== mode) } },
      'garbage-collector',
    );
  }
}
