// The VS Code side of the cluster tree: turns ClusterTree's plain nodes into TreeItems, resolves
// tooltips only when hovered, and forwards the tree's coalesced changes (just the changed items).
import * as vscode from 'vscode';
import type { ClusterTree } from '../../clusterTree/tree';
import type { TreeElement, TreeNode } from '../../clusterTree/elements';

const COLLAPSIBLE: Record<TreeNode['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, COLLAPSIBLE[node.collapsible]);
  item.id = node.id;
  item.description = node.description;
  item.contextValue = node.contextValue;
  if (node.icon) {
    item.iconPath = new vscode.ThemeIcon(
      node.icon.id,
      node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined,
    );
  }
  if (node.command) {
    const args = (node.command.arguments ?? []).map((a) =>
      node.command?.command === 'vscode.open' && typeof a === 'string' ? vscode.Uri.parse(a) : a,
    );
    item.command = { command: node.command.command, title: node.command.title, arguments: args };
  }
  if (node.tooltip) item.tooltip = node.tooltip;
  item.accessibilityInformation = {
    label: [node.label, node.description, node.state].filter(Boolean).join(', '),
  };
  return item;
}

export class ClusterTreeProvider implements vscode.TreeDataProvider<TreeElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeElement | TreeElement[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: { dispose(): void };

  constructor(private readonly tree: ClusterTree) {
    this.sub = tree.onDidChange.on((elements) => this.changed.fire(elements ? [...elements] : undefined));
  }

  getChildren(element?: TreeElement): TreeElement[] {
    try {
      return this.tree.children(element);
    } catch {
      return [];
    }
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    const item = toTreeItem(this.tree.node(element));
    // the full tooltip is built in resolveTreeItem, when the user hovers
    if (element.kind === 'app' || element.kind === 'pod' || element.kind === 'node') item.tooltip = undefined;
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, element: TreeElement): vscode.TreeItem {
    const text = this.tree.tooltip(element);
    if (text) item.tooltip = new vscode.MarkdownString(text);
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
