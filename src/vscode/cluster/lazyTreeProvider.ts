import * as vscode from 'vscode';

/**
 * The Cluster view's data provider as registered at activation: it loads the explorer the first
 * time the view asks for items, then forwards everything to the real provider. Activation stays
 * cheap; the cluster code loads only when somebody looks at the cluster.
 */
export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private delegate: vscode.TreeDataProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<T | T[] | null | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;

  /** `load` must attach the real provider (synchronously) before it returns. */
  constructor(private readonly load: () => void) {}

  attach(delegate: vscode.TreeDataProvider<T>): void {
    this.forwarding?.dispose();
    this.delegate = delegate;
    this.forwarding = delegate.onDidChangeTreeData?.((e) => this.changed.fire(e));
    this.changed.fire(undefined);
  }

  private real(): vscode.TreeDataProvider<T> | undefined {
    if (!this.delegate) this.load();
    return this.delegate;
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    const real = this.real();
    if (!real) throw new Error('the cluster explorer did not load');
    return real.getTreeItem(element);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.real()?.getChildren(element) ?? [];
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.real()?.getParent?.(element);
  }

  resolveTreeItem(
    item: vscode.TreeItem,
    element: T,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<vscode.TreeItem> {
    const real = this.real();
    return real?.resolveTreeItem ? real.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
