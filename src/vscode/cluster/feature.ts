// The "Cluster" view of the SpinKube container: the live tree over the current kubeconfig context,
// a status-bar item with context and namespaces, read-only live documents, and the cluster facts
// the language server uses. The watches run only while the view is visible.
import * as vscode from 'vscode';
import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterConnection } from '../../cluster/clusterConnection';
import type { Disposable } from '../../cluster/emitter';
import type { ClusterFacts } from '../../language/types';
import { ClusterTree } from '../../clusterTree/tree';
import { ClusterTreeProvider } from './treeProvider';
import { LIVE_SCHEME, LiveDocuments } from './liveDocuments';
import type { TreeElement } from '../../clusterTree/elements';

/** The "Cluster" view of the SpinKube container. */
export interface ClusterFeature {
  readonly view: vscode.TreeView<TreeElement>;
  /** The tree as plain data (what each item shows), for commands and in-host tests. */
  readonly tree: ClusterTree;
  readonly connection: ClusterConnection;
  readonly documents: LiveDocuments;
  /** Facts about the connected cluster for the language server; null when none is connected. */
  readonly onDidChangeFacts: vscode.Event<ClusterFacts | null>;
  refresh(): void;
  /** The context the explorer shows (for the pipeline). */
  current(): { kubeConfig: KubeConfig; context: string; namespace: string } | undefined;
}

function settings() {
  const config = vscode.workspace.getConfiguration('spinkube');
  return {
    kubeconfig: config.get<string>('kubeconfig', ''),
    namespaces: config.get<string[]>('explorer.namespaces', []),
    groupSize: config.get<number>('explorer.groupSize', 200),
  };
}

/** Where the explorer shows its tree: the view registered at activation, which takes the real provider. */
export interface ClusterViewHost {
  attach(provider: vscode.TreeDataProvider<TreeElement>): vscode.TreeView<TreeElement>;
}

export function createClusterFeature(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  viewHost: ClusterViewHost,
): ClusterFeature {
  const initial = settings();
  const connection = new ClusterConnection({
    source: { setting: initial.kubeconfig },
    namespaces: initial.namespaces,
    context: context.workspaceState.get<string>('spinkube.cluster.context'),
  });
  const tree = new ClusterTree(connection, { groupSize: initial.groupSize });
  const provider = new ClusterTreeProvider(tree);
  const view = viewHost.attach(provider);
  const documents = new LiveDocuments(connection);
  const facts = new vscode.EventEmitter<ClusterFacts | null>();
  const status = vscode.window.createStatusBarItem(
    'spinkube.cluster.context',
    vscode.StatusBarAlignment.Left,
    50,
  );
  status.name = 'SpinKube Cluster';

  let factsSub: Disposable | undefined;
  let lastFacts: ClusterFacts | null = null;
  const bindModel = (): void => {
    factsSub?.dispose();
    const model = connection.model;
    factsSub = model?.onDidChangeFacts.on((f) => {
      lastFacts = f;
      facts.fire(f);
    });
    const s = connection.status;
    const ns = connection.namespaces.length ? connection.namespaces.join(', ') : 'all namespaces';
    status.text = s.phase === 'connected' ? `$(cloud) ${s.context} · ${ns}` : '$(cloud) no cluster';
    status.tooltip = s.phase === 'connected' ? `SpinKube: ${s.server}\nClick to switch context` : s.message;
    status.command = 'spinkube.cluster.switchContext';
    status.show();
    if (s.phase === 'connected') output.info(`Cluster explorer: context ${s.context} (${ns})`);
    else output.info(`Cluster explorer: ${s.message}`);
  };
  const connSub = connection.onDidChange.on(() => {
    bindModel();
    if (!connection.model && lastFacts !== null && connection.status.phase !== 'connected') {
      lastFacts = null;
      facts.fire(null);
    }
  });
  const treeSub = tree.onDidChange.on((elements) => {
    const names = (elements ?? []).flatMap((e) =>
      e.kind === 'app' || e.kind === 'executor'
        ? [e.key.slice(e.key.indexOf('/') + 1)]
        : e.kind === 'node'
          ? [e.name]
          : [],
    );
    if (names.length) documents.touched(names);
  });
  bindModel();
  connection.setActive(view.visible);

  context.subscriptions.push(
    provider,
    documents,
    facts,
    status,
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, documents),
    view.onDidChangeVisibility((e) => connection.setActive(e.visible)),
    view.onDidCollapseElement((e) => tree.collapsed(e.element)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      const now = settings();
      if (e.affectsConfiguration('spinkube.kubeconfig')) connection.reload({ setting: now.kubeconfig });
      if (e.affectsConfiguration('spinkube.explorer.namespaces')) connection.setNamespaces(now.namespaces);
      if (e.affectsConfiguration('spinkube.explorer.groupSize')) {
        tree.groupSize = now.groupSize;
        tree.refreshAll();
      }
    }),
    {
      dispose: () => {
        factsSub?.dispose();
        connSub.dispose();
        treeSub.dispose();
        tree.dispose();
        connection.dispose();
      },
    },
  );

  return {
    view,
    tree,
    connection,
    documents,
    onDidChangeFacts: facts.event,
    refresh: () => {
      connection.reload();
      void connection.model?.refresh();
    },
    current: () => connection.current(),
  };
}
