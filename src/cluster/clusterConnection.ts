// The explorer's connection to "the current cluster": which kubeconfig, which context, which
// namespaces, and whether the watches run (only while someone looks). No VS Code here.
//
//   const conn = new ClusterConnection({ source: { setting }, namespaces: [] });
//   conn.onDidChange.on(() => …)      // kubeconfig reloaded, context or namespaces switched, model replaced
//   conn.status  → { phase: 'noKubeconfig' | 'invalidKubeconfig' | 'noContext', message } | { phase: 'connected' }
//   conn.contexts(), conn.useContext(name), conn.setNamespaces([...]), conn.setActive(visible)
//   conn.model (SpinKubeModel, while active), conn.session, conn.current() → { kubeConfig, context, namespace }
//   conn.reload(source?)  (settings changed), conn.dispose()
import type { KubeConfig } from '@kubernetes/client-node';
import { Emitter } from './emitter';
import { loadKubeconfig, type ContextSummary, type KubeconfigSource } from './kubeconfig';
import { ClusterSession, type SessionOptions } from './session';
import { SpinKubeModel } from './spinKubeModel';

export type ConnectionStatus =
  | { readonly phase: 'noKubeconfig' | 'invalidKubeconfig' | 'noContext'; readonly message: string }
  | { readonly phase: 'connected'; readonly context: string; readonly server: string };

export interface ConnectionOptions {
  readonly source?: KubeconfigSource;
  readonly context?: string;
  readonly namespaces?: readonly string[];
  readonly session?: SessionOptions;
}

export interface CurrentCluster {
  readonly kubeConfig: KubeConfig;
  readonly context: string;
  readonly namespace: string;
}

export class ClusterConnection {
  readonly onDidChange = new Emitter<void>();
  private source: KubeconfigSource;
  private kubeConfig: KubeConfig | undefined;
  private contextList: readonly ContextSummary[] = [];
  private chosenContext: string | undefined;
  private namespaceScope: readonly string[];
  private currentSession: ClusterSession | undefined;
  private currentModel: SpinKubeModel | undefined;
  private active = false;
  private problem: ConnectionStatus | undefined;

  constructor(private readonly options: ConnectionOptions = {}) {
    this.source = options.source ?? {};
    this.chosenContext = options.context;
    this.namespaceScope = options.namespaces ?? [];
    this.load();
  }

  get status(): ConnectionStatus {
    if (this.problem) return this.problem;
    const s = this.currentSession;
    return s
      ? { phase: 'connected', context: s.context, server: s.server }
      : { phase: 'noContext', message: 'No context.' };
  }

  get session(): ClusterSession | undefined {
    return this.currentSession;
  }

  get model(): SpinKubeModel | undefined {
    return this.currentModel;
  }

  get namespaces(): readonly string[] {
    return this.namespaceScope;
  }

  get isActive(): boolean {
    return this.active;
  }

  contexts(): readonly ContextSummary[] {
    return this.contextList;
  }

  current(): CurrentCluster | undefined {
    const s = this.currentSession;
    return s ? { kubeConfig: s.kubeConfig, context: s.context, namespace: s.defaultNamespace } : undefined;
  }

  /** Reads the kubeconfig again (the setting or KUBECONFIG changed, or the user asked). */
  reload(source?: KubeconfigSource): void {
    if (source) this.source = source;
    this.teardown();
    this.load();
    if (this.active) this.startModel();
    this.onDidChange.fire();
  }

  useContext(name: string): void {
    if (!this.contextList.some((c) => c.name === name)) {
      throw new Error(`The kubeconfig has no context named "${name}".`);
    }
    this.chosenContext = name;
    this.reload();
  }

  setNamespaces(namespaces: readonly string[]): void {
    this.namespaceScope = [...new Set(namespaces.filter((n) => n.trim()))];
    this.stopModel();
    if (this.active) this.startModel();
    this.onDidChange.fire();
  }

  /** Starts the watches when the view becomes visible, stops them when it is hidden. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    if (active) this.startModel();
    else this.stopModel();
    this.onDidChange.fire();
  }

  private load(): void {
    this.problem = undefined;
    const result = loadKubeconfig(this.source);
    if (!result.ok) {
      this.kubeConfig = undefined;
      this.contextList = [];
      this.problem = {
        phase: result.reason === 'none' ? 'noKubeconfig' : 'invalidKubeconfig',
        message: result.message,
      };
      return;
    }
    this.kubeConfig = result.kubeConfig;
    this.contextList = result.contexts;
    const wanted =
      this.chosenContext && result.contexts.some((c) => c.name === this.chosenContext)
        ? this.chosenContext
        : (result.currentContext ?? result.contexts[0]?.name);
    if (!wanted) {
      this.problem = { phase: 'noContext', message: 'The kubeconfig defines no context.' };
      return;
    }
    try {
      this.currentSession = new ClusterSession(result.kubeConfig, wanted, this.options.session);
    } catch (error) {
      this.problem = {
        phase: 'invalidKubeconfig',
        message: `Context "${wanted}" cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  private startModel(): void {
    if (this.currentModel || !this.currentSession) return;
    this.currentModel = new SpinKubeModel(this.currentSession, { namespaces: this.namespaceScope });
    void this.currentModel.start();
  }

  private stopModel(): void {
    this.currentModel?.stop();
    this.currentModel?.onDidChange.clear();
    this.currentModel = undefined;
  }

  private teardown(): void {
    this.stopModel();
    this.currentSession?.dispose();
    this.currentSession = undefined;
  }

  dispose(): void {
    this.teardown();
    this.onDidChange.clear();
  }
}
