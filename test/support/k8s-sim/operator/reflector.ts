// List-then-watch cache of one resource, resuming from the last resourceVersion, relisting on
// 410 and retrying with back-off on errors; calls back on every change.
import type { KubeObject } from '../types.js';
import type { KubeClient, ResourcePath } from './kubeClient.js';
import { resourceUrl } from './kubeClient.js';

export type ReflectorEvent = 'added' | 'modified' | 'deleted';
export type ReflectorListener = (event: ReflectorEvent, obj: KubeObject) => void;

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export class Reflector {
  private readonly items = new Map<string, KubeObject>();
  private resourceVersion = '';
  private abort: { abort(): void } | undefined;
  private stopped = false;
  private retryMs = 100;
  private readyResolve!: () => void;
  readonly ready: Promise<void> = new Promise((r) => (this.readyResolve = r));

  constructor(
    private readonly client: KubeClient,
    private readonly path: ResourcePath,
    private readonly listener: ReflectorListener,
  ) {}

  get(namespace: string, name: string): KubeObject | undefined {
    return this.items.get(`${namespace}/${name}`);
  }

  list(namespace?: string): KubeObject[] {
    const all = [...this.items.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    try {
      if (!this.resourceVersion) await this.relist();
      await this.watch();
    } catch {
      if (this.stopped) return;
      setTimeout(() => void this.run(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    }
  }

  private async relist(): Promise<void> {
    const list = await this.client.list(this.path);
    const seen = new Set<string>();
    for (const item of list.items) {
      const full = item;
      const key = keyOf(full);
      seen.add(key);
      const had = this.items.has(key);
      this.items.set(key, full);
      this.listener(had ? 'modified' : 'added', full);
    }
    for (const [key, obj] of [...this.items]) {
      if (!seen.has(key)) {
        this.items.delete(key);
        this.listener('deleted', obj);
      }
    }
    this.resourceVersion = list.metadata.resourceVersion ?? '';
    this.readyResolve();
  }

  private watch(): Promise<void> {
    return new Promise((resolve, reject) => {
      void this.client.watcher
        .watch(
          resourceUrl(this.path),
          { resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
          (type: string, obj: KubeObject) => {
            this.retryMs = 100;
            if (type === 'ERROR') {
              const code = (obj as unknown as { code?: number }).code;
              if (code === 410) this.resourceVersion = '';
              return;
            }
            const rv = obj?.metadata?.resourceVersion;
            if (rv) this.resourceVersion = rv;
            if (type === 'BOOKMARK') return;
            const key = keyOf(obj);
            if (type === 'DELETED') {
              this.items.delete(key);
              this.listener('deleted', obj);
            } else {
              const had = this.items.has(key);
              this.items.set(key, obj);
              this.listener(had ? 'modified' : 'added', obj);
            }
          },
          (err: unknown) => {
            if (this.stopped) return resolve();
            if ((err as { statusCode?: number } | null)?.statusCode === 410) this.resourceVersion = '';
            if (err) reject(err instanceof Error ? err : new Error(String(err)));
            else setTimeout(() => void this.run(), 0);
            resolve();
          },
        )
        .then((controller) => {
          this.abort = controller;
          if (this.stopped) controller.abort();
        }, reject);
    });
  }
}
