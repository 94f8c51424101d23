// The namespace and service account controllers of kube-controller-manager, as clients, for a bare
// API server. A namespace being deleted (deletionTimestamp, `kubernetes` in spec.finalizers) is
// emptied: every namespaced resource the server lists in discovery is deleted in it; once nothing
// is left (graceful pods confirmed by their kubelet, finalizers done) `kubernetes` is removed
// through PUT …/finalize and the namespace deleted. Every live namespace gets its `default`
// ServiceAccount, which pods need.
import type { KubeObject } from '../types.js';
import type { KubeClient } from './kubeClient.js';
import { KubeRequestError } from './kubeClient.js';
import type { SharedCaches } from './sharedCaches.js';
import { WorkQueue } from './workQueue.js';

interface ApiResource {
  name: string;
  namespaced: boolean;
  verbs: string[];
}

function ignoreMissing(err: unknown): void {
  if (err instanceof KubeRequestError && (err.code === 404 || err.code === 409)) return;
  throw err;
}

export class NamespaceController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: KubeClient,
    private readonly caches: SharedCaches,
    private readonly retryMs: number,
  ) {
    this.queue = new WorkQueue((name) => this.reconcile(name));
    caches.on('namespaces', (event, ns) => {
      if (event !== 'deleted') this.queue.add(ns.metadata.name!);
    });
  }

  stop(): void {
    this.queue.stop();
  }

  private async reconcile(name: string): Promise<void | { requeueAfterMs: number }> {
    const ns = this.caches.get('namespaces', '', name);
    if (!ns) return;
    if (!ns.metadata.deletionTimestamp) return this.ensureServiceAccount(name);
    const finalizers = (ns.spec?.finalizers as string[] | undefined) ?? [];
    if (!finalizers.includes('kubernetes')) return;
    let remaining = 0;
    for (const path of await this.namespacedCollections(name)) {
      const list = await this.client.request<{ items: KubeObject[] }>('GET', path).catch((err: unknown) => {
        ignoreMissing(err);
        return { items: [] };
      });
      for (const item of list.items) {
        remaining++;
        if (item.metadata.deletionTimestamp) continue;
        const url = `${path}/${encodeURIComponent(item.metadata.name!)}?propagationPolicy=Background`;
        await this.client.request('DELETE', url).catch(ignoreMissing);
      }
    }
    if (remaining > 0) return { requeueAfterMs: this.retryMs };
    const body = { ...ns, spec: { ...ns.spec, finalizers: finalizers.filter((f) => f !== 'kubernetes') } };
    await this.client.request('PUT', `/api/v1/namespaces/${encodeURIComponent(name)}/finalize`, body);
    await this.client
      .request('DELETE', `/api/v1/namespaces/${encodeURIComponent(name)}`)
      .catch(ignoreMissing);
  }

  private async ensureServiceAccount(namespace: string): Promise<void> {
    const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts`;
    try {
      await this.client.request('GET', `${base}/default`);
    } catch (err) {
      if (!(err instanceof KubeRequestError && err.code === 404)) throw err;
      await this.client
        .request('POST', base, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } })
        .catch((e: unknown) => {
          // already there, or the namespace is going away
          if (!(e instanceof KubeRequestError && (e.code === 409 || e.code === 403))) throw e;
        });
    }
  }

  /** List URLs of every namespaced resource (preferred versions) the server serves in `namespace`. */
  private async namespacedCollections(namespace: string): Promise<string[]> {
    const ns = encodeURIComponent(namespace);
    const bases = ['/api/v1'];
    const groups = await this.client.request<{
      groups: { preferredVersion: { groupVersion: string } }[];
    }>('GET', '/apis');
    for (const g of groups.groups) bases.push(`/apis/${g.preferredVersion.groupVersion}`);
    const paths: string[] = [];
    for (const base of bases) {
      const list = await this.client.request<{ resources: ApiResource[] }>('GET', base).catch(() => ({
        resources: [] as ApiResource[],
      }));
      for (const r of list.resources) {
        if (!r.namespaced || r.name.includes('/')) continue;
        if (!r.verbs.includes('list') || !r.verbs.includes('delete')) continue;
        paths.push(`${base}/namespaces/${ns}/${r.name}`);
      }
    }
    return paths;
  }
}
