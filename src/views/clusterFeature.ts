import * as vscode from 'vscode';

/** The "Cluster" view of the SpinKube container. */
export interface ClusterFeature {
  readonly view: vscode.TreeView<unknown>;
  refresh(): void;
}

export function createClusterFeature(
  context: vscode.ExtensionContext,
  _output: vscode.LogOutputChannel,
): ClusterFeature {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.TreeDataProvider<unknown> = {
    onDidChangeTreeData: changed.event,
    getTreeItem: (element) => element as vscode.TreeItem,
    getChildren: () => [],
  };
  const view = vscode.window.createTreeView('spinkube.cluster', {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  context.subscriptions.push(view, changed);
  return { view, refresh: () => changed.fire() };
}
