// The SpinKube view of one cluster session: apps with their status, nodes with Spin capability,
// executors, runtime classes and health, kept live by watch caches, with fine-grained change events.
//
//   const model = new SpinKubeModel(session, { namespaces: [] /* all */ });
//   model.onDidChange.on(({ section, keys, structural }) => …);  // keys: the changed objects (undefined: all)
//   model.onDidChangeFacts.on((facts) => …);                       // for the language server
//   await model.start();   model.sectionState('apps')  → CacheState | { phase: 'notInstalled' }
//   model.appKeys(), model.app(key) → AppInfo, model.appPods(key), model.nodes(), model.nodePods(name),
//   model.executors(), model.runtimeClasses(), model.health(), model.facts();  model.stop();
// Pods are watched once (those labelled core.spinkube.dev/app-name) and indexed by app and by node,
// so expanding an app lists no pods and a node's Spin pods are counted without a request; the tree
// lists all the pods of an expanded node with a field selector (nodePods.ts).
import type { ClusterFacts } from '../language/types';
import { ApiError } from './apiError';
import { clusterFactsOf } from './clusterFacts';
import { appDescription, appStatus, type AppStatus } from './appStatus';
import { Backoff } from './backoff';
import { probeCertManager, probeOperator, probeSpinAppSchema } from './clusterProbe';
import { Emitter } from './emitter';
import { healthChecks, type HealthCheck, type OperatorInfo } from './health';
import { APP_NAME_LABEL, Kinds, objectKey, spinAppExecutorKind, spinAppKind } from './kinds';
import { nodeReady, nodeSpinCapability, podCapacity, type NodeSpinCapability } from './nodeCapability';
import type { Node, Pod, RuntimeClass, SpinApp, SpinAppExecutor } from './resources';
import { ScopedCaches } from './scopedCaches';
import type { ClusterSession } from './session';
import type { CacheChange, CacheState } from './watchCache';

export type Section = 'apps' | 'nodes' | 'executors' | 'runtimeClasses' | 'health';
export type SectionState = CacheState | { readonly phase: 'notInstalled'; readonly message: string };

export interface ModelChange {
  readonly section: Section;
  /** Keys of the objects that changed; undefined: the whole section (state or membership). */
  readonly keys?: readonly string[];
  /** Objects were added or removed (the section's children change, not just their look). */
  readonly structural: boolean;
}

export interface AppInfo {
  readonly key: string;
  readonly object: SpinApp;
  readonly status: AppStatus;
  readonly description: string;
}

export interface NodeInfo {
  readonly name: string;
  readonly object: Node;
  readonly ready: boolean;
  readonly kubeletVersion: string;
  readonly spin: NodeSpinCapability;
  readonly spinPods: number;
  readonly podCapacity: number | undefined;
}

export interface ModelOptions {
  /** Namespaces to show; empty: all. */
  readonly namespaces?: readonly string[];
}

const appIndex = (p: Pod): string[] => {
  const app = p.metadata?.labels?.[APP_NAME_LABEL];
  return app ? [`${p.metadata?.namespace ?? ''}/${app}`] : [];
};
const nodeIndex = (p: Pod): string[] => (p.spec?.nodeName ? [p.spec.nodeName] : []);

export class SpinKubeModel {
  readonly onDidChange = new Emitter<ModelChange>();
  readonly onDidChangeFacts = new Emitter<ClusterFacts | null>();
  readonly namespaces: readonly string[];
  private group: string | null | undefined;
  private groupError: ApiError | undefined;
  private apps: ScopedCaches<SpinApp> | undefined;
  private executorCaches: ScopedCaches<SpinAppExecutor> | undefined;
  private pods: ScopedCaches<Pod> | undefined;
  private nodeCache: ScopedCaches<Node> | undefined;
  private rcCache: ScopedCaches<RuntimeClass> | undefined;
  private operator: OperatorInfo | null | undefined;
  private certManager: boolean | undefined;
  private schema: unknown;
  private lastFacts = '';
  private stopped = false;
  private run = 0;
  private discovery: Promise<void> | undefined;

  constructor(
    readonly session: ClusterSession,
    options: ModelOptions = {},
  ) {
    this.namespaces = options.namespaces ?? [];
  }

  /** Starts the watches; resolves when discovery is done (the caches fill in on their own). */
  start(): Promise<void> {
    this.stopped = false;
    if (!this.nodeCache) {
      this.nodeCache = new ScopedCaches<Node>(this.session, Kinds.node, []);
      this.wire(this.nodeCache, 'nodes');
      this.rcCache = new ScopedCaches<RuntimeClass>(this.session, Kinds.runtimeClass, []);
      this.wire(this.rcCache, 'runtimeClasses', () => this.emit({ section: 'nodes', structural: false }));
    }
    this.discovery ??= this.discover(++this.run);
    return this.discovery;
  }

  private async discover(run: number): Promise<void> {
    const backoff = new Backoff({ initialMs: 500, maxMs: 30_000 });
    const current = (): boolean => !this.stopped && run === this.run;
    while (current()) {
      try {
        this.group = (await this.session.spinKubeGroup(true)) ?? null;
        this.groupError = undefined;
        break;
      } catch (error) {
        const err = error instanceof ApiError ? error : new ApiError('unreachable', String(error));
        this.groupError = err;
        this.emit({ section: 'apps', structural: true });
        this.emit({ section: 'executors', structural: true });
        if (err.kind !== 'unreachable' && err.kind !== 'server' && err.kind !== 'tooManyRequests') return;
        await new Promise((r) => setTimeout(r, backoff.next(err.retryAfterSeconds)));
      }
    }
    if (!current()) return;
    if (this.group && !this.apps) this.startSpinCaches(this.group);
    this.emit({ section: 'apps', structural: true });
    this.emit({ section: 'executors', structural: true });
    void this.probe();
  }

  private startSpinCaches(group: string): void {
    this.apps = new ScopedCaches<SpinApp>(this.session, spinAppKind(group), this.namespaces);
    this.wire(this.apps, 'apps');
    this.executorCaches = new ScopedCaches<SpinAppExecutor>(
      this.session,
      spinAppExecutorKind(group),
      this.namespaces,
    );
    this.wire(this.executorCaches, 'executors', (changes) => {
      const names = new Set(changes.map((c) => c.key));
      const keys = (this.apps?.values() ?? [])
        .filter((a) => names.has(`${a.metadata?.namespace ?? ''}/${a.spec?.executor ?? ''}`))
        .map(objectKey);
      if (keys.length) this.emit({ section: 'apps', keys, structural: false });
      this.publishFacts();
    });
    this.pods = new ScopedCaches<Pod>(this.session, Kinds.pod, this.namespaces, {
      labelSelector: APP_NAME_LABEL,
      indexes: { app: appIndex, node: nodeIndex },
    });
    this.pods.onChange.on((changes) => this.onPods(changes));
    this.pods.onState.on(() => this.emit({ section: 'apps', structural: false }));
  }

  /** Re-asks the one-shot questions (operator, cert-manager, CRD schema) and restarts failed watches. */
  async refresh(): Promise<void> {
    for (const c of [this.apps, this.executorCaches, this.pods, this.nodeCache, this.rcCache]) c?.retry();
    if (this.groupError || this.group === null) {
      this.discovery = undefined;
      await this.start();
    } else await this.probe();
  }

  private async probe(): Promise<void> {
    const t = this.session.transport;
    const [operator, certManager, schema] = await Promise.all([
      probeOperator(t),
      probeCertManager(t),
      this.group ? probeSpinAppSchema(t, this.group) : Promise.resolve(undefined),
    ]);
    if (this.stopped) return;
    this.operator = operator;
    this.certManager = certManager;
    this.schema = schema;
    this.emit({ section: 'health', structural: true });
    this.publishFacts();
  }

  private wire<T>(
    caches: ScopedCaches<T & object>,
    section: Section,
    also?: (changes: readonly CacheChange<T & object>[]) => void,
  ): void {
    caches.onChange.on((changes) => {
      const structural = changes.some((c) => c.type !== 'modified');
      this.emit({ section, keys: changes.map((c) => c.key), structural });
      if (structural) this.emit({ section: 'health', structural: false });
      also?.(changes);
    });
    caches.onState.on(() => {
      this.emit({ section, structural: true });
      this.emit({ section: 'health', structural: false });
    });
  }

  private onPods(changes: readonly CacheChange<Pod>[]): void {
    const apps = new Set<string>();
    const nodes = new Set<string>();
    for (const c of changes) {
      for (const p of [c.object, c.previous]) {
        if (!p) continue;
        for (const k of appIndex(p)) apps.add(k);
        for (const n of nodeIndex(p)) nodes.add(n);
      }
    }
    if (apps.size) this.emit({ section: 'apps', keys: [...apps], structural: false });
    if (nodes.size) this.emit({ section: 'nodes', keys: [...nodes], structural: false });
  }

  private emit(change: ModelChange): void {
    if (!this.stopped) this.onDidChange.fire(change);
  }

  sectionState(section: Section): SectionState {
    if (section === 'nodes') return this.nodeCache?.state ?? { phase: 'idle' };
    if (section === 'runtimeClasses') return this.rcCache?.state ?? { phase: 'idle' };
    if (section === 'health') return { phase: 'ready' };
    if (this.groupError) {
      const e = this.groupError;
      if (e.kind === 'unreachable' || e.kind === 'server' || e.kind === 'tooManyRequests') {
        return { phase: 'reconnecting', attempt: 1, retryInMs: 0, reason: e.message };
      }
      return { phase: 'error', kind: e.kind, message: e.message };
    }
    if (this.group === null) {
      return {
        phase: 'notInstalled',
        message: 'SpinKube is not installed: the cluster serves no SpinApp CRD.',
      };
    }
    const caches = section === 'apps' ? this.apps : this.executorCaches;
    const state = caches?.state ?? { phase: 'connecting' };
    // an app's status needs its pods: the apps section is ready once both lists are in
    const pods = this.pods?.state;
    if (
      section === 'apps' &&
      state.phase === 'ready' &&
      pods &&
      pods.phase !== 'ready' &&
      pods.phase !== 'error'
    ) {
      return pods;
    }
    return state;
  }

  get apiGroup(): string | null | undefined {
    return this.group;
  }

  appKeys(): string[] {
    return this.apps?.keys() ?? [];
  }

  appCount(): number {
    return this.apps?.size ?? 0;
  }

  app(key: string): AppInfo | undefined {
    const object = this.apps?.get(key);
    if (!object) return undefined;
    const ns = object.metadata?.namespace ?? '';
    const executorReady = this.executorCaches?.state.phase === 'ready';
    const executorExists = executorReady
      ? !!this.executorCaches?.get(`${ns}/${object.spec?.executor ?? ''}`)
      : undefined;
    // pods that cannot be listed (403) say nothing about the app: its status alone decides then
    const podsPhase = this.pods?.state.phase;
    const podsKnown = podsPhase === 'ready' || podsPhase === 'reconnecting';
    const status = appStatus(object, { executorExists, ...(podsKnown && { pods: this.appPods(key) }) });
    return { key, object, status, description: appDescription(object, status) };
  }

  appPods(key: string): Pod[] {
    return this.pods?.byIndex('app', key) ?? [];
  }

  nodes(): NodeInfo[] {
    return (this.nodeCache?.values() ?? []).map((n) => this.nodeInfo(n));
  }

  node(name: string): NodeInfo | undefined {
    const n = this.nodeCache?.get(name);
    return n ? this.nodeInfo(n) : undefined;
  }

  private nodeInfo(object: Node): NodeInfo {
    const name = object.metadata?.name ?? '';
    return {
      name,
      object,
      ready: nodeReady(object),
      kubeletVersion: object.status?.nodeInfo?.kubeletVersion ?? '',
      spin: nodeSpinCapability(object, this.runtimeClasses()),
      spinPods: this.pods?.countByIndex('node', name) ?? 0,
      podCapacity: podCapacity(object),
    };
  }

  /** The Spin pods on a node, from the index (the tree shows all of a node's pods: nodePods.ts). */
  nodePods(name: string): Pod[] {
    return this.pods?.byIndex('node', name) ?? [];
  }

  executors(): SpinAppExecutor[] {
    return this.executorCaches?.values() ?? [];
  }

  executor(key: string): SpinAppExecutor | undefined {
    return this.executorCaches?.get(key);
  }

  runtimeClasses(): RuntimeClass[] {
    return this.rcCache?.values() ?? [];
  }

  health(): HealthCheck[] {
    const known = (s: SectionState): boolean => s.phase === 'ready';
    const nodes = known(this.sectionState('nodes')) ? this.nodes() : undefined;
    return healthChecks({
      apiGroup: this.groupError ? undefined : this.group,
      operator: this.operator,
      certManager: this.certManager,
      runtimeClasses: known(this.sectionState('runtimeClasses')) ? this.runtimeClasses() : undefined,
      executorCount: known(this.sectionState('executors')) ? this.executors().length : undefined,
      spinNodeCount: nodes?.filter((n) => n.spin.capable === 'yes').length,
      nodeCount: nodes?.length,
      unknownReason: this.groupError?.message,
    });
  }

  facts(): ClusterFacts | null {
    if (!this.group) return null;
    return clusterFactsOf({
      defaultNamespace: this.session.defaultNamespace,
      apiGroup: this.group,
      executors: this.executors(),
      spinAppSchema: this.schema,
    });
  }

  private publishFacts(): void {
    const facts = this.facts();
    const text = JSON.stringify(facts);
    if (text === this.lastFacts) return;
    this.lastFacts = text;
    this.onDidChangeFacts.fire(facts);
  }

  /** Stops every watch of this model (the session may go on serving others). */
  stop(): void {
    this.stopped = true;
    for (const c of [this.apps, this.executorCaches, this.pods, this.nodeCache, this.rcCache]) c?.release();
    this.apps = this.executorCaches = this.pods = undefined;
    this.nodeCache = this.rcCache = undefined;
    this.discovery = undefined;
  }
}
