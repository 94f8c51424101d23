// One session per kubeconfig context: API access and shared watch caches started on demand.
//
//   const session = new ClusterSession(kubeConfig, 'kind-spin');   // context defaults to the current one
//   session.context, session.defaultNamespace, session.server, session.transport (request / stream)
//   const lease = session.acquire<SpinApp>(spinAppKind(group), { namespace: 'default' }, { indexes });
//   lease.cache.onChange.on(…);  await lease.cache.ready();  …  lease.release();  // last release stops the watch
//   await session.spinKubeGroup()  → 'core.spinkube.dev' | 'core.spinoperator.dev' | undefined (not installed)
//   session.dispose()  stops every cache.
// Two consumers asking for the same kind, scope and index names share one cache (and one watch).
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError } from './apiError';
import { contextNamespace, forContext } from './kubeconfig';
import {
  LEGACY_SPINKUBE_GROUP,
  SPINKUBE_GROUP,
  SPINKUBE_VERSION,
  type KubeObject,
  type ResourceKind,
} from './kinds';
import { createTransport, type KubeTransport } from './transport';
import { WatchCache, type CacheScope, type IndexFunction } from './watchCache';
import type { BackoffOptions } from './backoff';

export interface CacheLease<T extends KubeObject> {
  readonly cache: WatchCache<T>;
  release(): void;
}

export interface AcquireOptions<T> {
  readonly indexes?: Readonly<Record<string, IndexFunction<T>>>;
  /** Do not start the watch yet (the caller calls cache.start()). */
  readonly deferStart?: boolean;
}

export interface SessionOptions {
  readonly backoff?: BackoffOptions;
  readonly pageSize?: number;
  readonly watchTimeoutSeconds?: number;
  /** Replaces the HTTP transport (tests). */
  readonly transport?: KubeTransport;
}

interface Entry {
  cache: WatchCache<KubeObject>;
  refs: number;
}

interface ApiResourceList {
  resources?: { name?: string }[];
}

export class ClusterSession {
  readonly kubeConfig: KubeConfig;
  readonly context: string;
  readonly defaultNamespace: string;
  readonly transport: KubeTransport;
  private readonly caches = new Map<string, Entry>();
  private groupLookup: Promise<string | undefined> | undefined;
  private disposed = false;

  constructor(
    kubeConfig: KubeConfig,
    context?: string,
    private readonly options: SessionOptions = {},
  ) {
    this.context = context ?? kubeConfig.getCurrentContext();
    this.kubeConfig = forContext(kubeConfig, this.context);
    this.defaultNamespace = contextNamespace(this.kubeConfig);
    this.transport = options.transport ?? createTransport(this.kubeConfig);
  }

  get server(): string {
    return this.transport.server;
  }

  acquire<T extends KubeObject>(
    kind: ResourceKind,
    scope: CacheScope = {},
    options: AcquireOptions<T> = {},
  ): CacheLease<T> {
    if (this.disposed) throw new ApiError('other', 'The cluster session was closed.');
    const key = cacheKey(kind, scope, Object.keys(options.indexes ?? {}));
    let entry = this.caches.get(key);
    if (!entry) {
      const cache = new WatchCache<T>(this.transport, kind, {
        scope,
        indexes: options.indexes,
        backoff: this.options.backoff,
        pageSize: this.options.pageSize,
        watchTimeoutSeconds: this.options.watchTimeoutSeconds,
      });
      entry = { cache: cache as unknown as WatchCache<KubeObject>, refs: 0 };
      this.caches.set(key, entry);
    }
    entry.refs++;
    const held = entry;
    if (!options.deferStart) held.cache.start();
    let released = false;
    return {
      cache: held.cache as unknown as WatchCache<T>,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs <= 0) {
          held.cache.stop();
          held.cache.onChange.clear();
          held.cache.onState.clear();
          if (this.caches.get(key) === held) this.caches.delete(key);
        }
      },
    };
  }

  /** Caches alive now (for diagnostics and tests). */
  activeCaches(): WatchCache<KubeObject>[] {
    return [...this.caches.values()].map((e) => e.cache);
  }

  /** Which SpinKube API group the cluster serves: the current one, else the legacy one, else undefined. */
  spinKubeGroup(refresh = false): Promise<string | undefined> {
    if (!this.groupLookup || refresh) {
      this.groupLookup = this.findGroup();
      this.groupLookup.catch(() => (this.groupLookup = undefined));
    }
    return this.groupLookup;
  }

  private async findGroup(): Promise<string | undefined> {
    let lastError: ApiError | undefined;
    for (const group of [SPINKUBE_GROUP, LEGACY_SPINKUBE_GROUP]) {
      try {
        const list = await this.transport.request<ApiResourceList>({
          path: `/apis/${group}/${SPINKUBE_VERSION}`,
        });
        if (list?.resources?.some((r) => r.name === 'spinapps')) return group;
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'notFound') continue;
        lastError = error instanceof ApiError ? error : new ApiError('unreachable', String(error));
        break;
      }
    }
    if (lastError) throw lastError;
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.caches.values()) {
      entry.cache.stop();
      entry.cache.onChange.clear();
      entry.cache.onState.clear();
    }
    this.caches.clear();
  }
}

function cacheKey(kind: ResourceKind, scope: CacheScope, indexNames: string[]): string {
  return [
    kind.group,
    kind.version,
    kind.plural,
    scope.namespace ?? '*',
    scope.labelSelector ?? '',
    scope.fieldSelector ?? '',
    [...indexNames].sort().join(','),
  ].join('|');
}
