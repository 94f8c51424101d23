// A small JSON client for the controllers: requests go through @kubernetes/client-node's
// KubeConfig (auth, TLS) and its Watch, so the same code runs against any API server.
import { KubeConfig, Watch } from '@kubernetes/client-node';
import fetch from 'node-fetch';
import type { RequestInit } from 'node-fetch';
import type { KubeObject } from '../types.js';

export class KubeRequestError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ResourcePath {
  /** `v1` or `group/version`. */
  apiVersion: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function resourceUrl(p: ResourcePath): string {
  const base = p.apiVersion.includes('/') ? `/apis/${p.apiVersion}` : `/api/${p.apiVersion}`;
  const ns = p.namespace ? `/namespaces/${encodeURIComponent(p.namespace)}` : '';
  const name = p.name ? `/${encodeURIComponent(p.name)}` : '';
  const sub = p.subresource ? `/${p.subresource}` : '';
  return `${base}${ns}/${p.plural}${name}${sub}`;
}

export interface ObjectList {
  metadata: { resourceVersion?: string; continue?: string };
  items: KubeObject[];
}

export class KubeClient {
  readonly watcher: Watch;

  constructor(readonly config: KubeConfig) {
    this.watcher = new Watch(config);
  }

  static fromFile(path: string): KubeClient {
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    return new KubeClient(kc);
  }

  private get server(): string {
    const cluster = this.config.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    return cluster.server.replace(/\/+$/, '');
  }

  /** Auth and TLS options from the kubeconfig, refreshed every 30 s (tokens may rotate). */
  private async fetchOptions(): Promise<{ agent: unknown; headers: Record<string, string> }> {
    if (!this.cached || Date.now() - this.cached.at > 30_000) {
      const init = await this.config.applyToFetchOptions({});
      const headers: Record<string, string> = {};
      (init.headers as unknown as { forEach(f: (v: string, k: string) => void): void }).forEach(
        (v, k) => (headers[k] = v),
      );
      this.cached = { at: Date.now(), agent: init.agent, headers };
    }
    return this.cached;
  }

  private cached: { at: number; agent: unknown; headers: Record<string, string> } | undefined;

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const options = await this.fetchOptions();
    const headers: Record<string, string> = {
      ...options.headers,
      Accept: 'application/json',
      'User-Agent': 'spinkube-sim-operator/0.1',
    };
    const init: RequestInit = { method, headers, agent: options.agent as RequestInit['agent'] };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      headers['Content-Type'] = contentType;
    }
    const res = await fetch(this.server + path, init);
    const text = await res.text();
    if (res.status >= 400) {
      let reason = '';
      let message = text;
      try {
        const status = JSON.parse(text) as { reason?: string; message?: string };
        reason = status.reason ?? '';
        message = status.message ?? text;
      } catch {
        // not a Status body
      }
      throw new KubeRequestError(res.status, reason, message);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  list(p: ResourcePath, query = ''): Promise<ObjectList> {
    return this.request<ObjectList>('GET', resourceUrl(p) + (query ? `?${query}` : ''));
  }

  create(p: ResourcePath, body: KubeObject): Promise<KubeObject> {
    return this.request<KubeObject>('POST', resourceUrl(p), body);
  }

  mergePatch(p: ResourcePath, patch: unknown, fieldManager = 'spinkube-sim-operator'): Promise<KubeObject> {
    return this.request<KubeObject>(
      'PATCH',
      `${resourceUrl(p)}?fieldManager=${fieldManager}`,
      patch,
      'application/merge-patch+json',
    );
  }

  apply(p: ResourcePath, body: KubeObject, fieldManager: string): Promise<KubeObject> {
    return this.request<KubeObject>(
      'PATCH',
      `${resourceUrl(p)}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`,
      body,
      'application/apply-patch+yaml',
    );
  }

  async delete(p: ResourcePath, propagationPolicy = 'Background'): Promise<void> {
    try {
      await this.request('DELETE', `${resourceUrl(p)}?propagationPolicy=${propagationPolicy}`);
    } catch (err) {
      if (!(err instanceof KubeRequestError && err.code === 404)) throw err;
    }
  }
}
