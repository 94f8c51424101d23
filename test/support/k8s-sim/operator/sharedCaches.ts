// The watch caches the simulated controllers share, one reflector per resource.
import type { KubeObject } from '../types.js';
import type { KubeClient, ResourcePath } from './kubeClient.js';
import type { ReflectorEvent } from './reflector.js';
import { Reflector } from './reflector.js';

export type CacheName =
  | 'spinapps'
  | 'executors'
  | 'deployments'
  | 'replicasets'
  | 'pods'
  | 'nodes'
  | 'runtimeclasses'
  | 'services'
  | 'namespaces';
type Listener = (event: ReflectorEvent, obj: KubeObject) => void;

export class SharedCaches {
  private readonly reflectors = new Map<CacheName, Reflector>();
  private readonly listeners = new Map<CacheName, Listener[]>();
  /** Listeners hear nothing until every cache has synced, then an `added` for each object. */
  private synced = false;

  constructor(client: KubeClient, spinGroupVersion: string, names: readonly CacheName[]) {
    const paths: Record<CacheName, ResourcePath> = {
      spinapps: { apiVersion: spinGroupVersion, plural: 'spinapps' },
      executors: { apiVersion: spinGroupVersion, plural: 'spinappexecutors' },
      deployments: { apiVersion: 'apps/v1', plural: 'deployments' },
      replicasets: { apiVersion: 'apps/v1', plural: 'replicasets' },
      pods: { apiVersion: 'v1', plural: 'pods' },
      nodes: { apiVersion: 'v1', plural: 'nodes' },
      runtimeclasses: { apiVersion: 'node.k8s.io/v1', plural: 'runtimeclasses' },
      services: { apiVersion: 'v1', plural: 'services' },
      namespaces: { apiVersion: 'v1', plural: 'namespaces' },
    };
    for (const name of names) {
      this.reflectors.set(
        name,
        new Reflector(client, paths[name], (event, obj) => {
          if (this.synced) for (const l of this.listeners.get(name) ?? []) l(event, obj);
        }),
      );
    }
  }

  on(name: CacheName, listener: Listener): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  get(name: CacheName, namespace: string, objName: string): KubeObject | undefined {
    return this.reflectors.get(name)?.get(namespace, objName);
  }

  list(name: CacheName, namespace?: string): KubeObject[] {
    return this.reflectors.get(name)?.list(namespace) ?? [];
  }

  async start(): Promise<void> {
    for (const r of this.reflectors.values()) r.start();
    await Promise.all([...this.reflectors.values()].map((r) => r.ready));
    this.synced = true;
    for (const [name, r] of this.reflectors) {
      for (const obj of r.list()) for (const l of this.listeners.get(name) ?? []) l('added', obj);
    }
  }

  stop(): void {
    for (const r of this.reflectors.values()) r.stop();
  }
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

export function objectKey(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}
