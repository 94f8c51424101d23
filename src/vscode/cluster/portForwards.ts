// Port-Forward and Open in Browser, and the forwards it leaves running: a status bar item
// (`$(radio-tower) 2 port-forwards`) whose list offers Open and Stop for each; a forward stops
// when its app is deleted from the cluster. The browser opens the app's first HTTP route, read from
// the workspace's spin.toml of that app.
import * as vscode from 'vscode';
import type { Disposable } from '../../cluster/emitter';
import { podHttpPort } from '../../cluster/podHttpPort';
import { startPortForward, type ActivePortForward } from '../../cluster/portForward';
import type { Pod } from '../../cluster/resources';
import type { ObjectTarget } from './targets';
import type { ClusterCommandDeps } from './commandDeps';
import { findManifest } from './revealManifest';
import { appManifestFromText } from '../../pipeline/appManifest';
import { firstRoutePath } from '../../pipeline/httpRoutes';

/** One running forward, as the list shows it. */
export interface ForwardEntry {
  /** `namespace/name` of what was forwarded (an app, or a pod). */
  readonly key: string;
  /** The SpinApp it belongs to (`namespace/name`), when known. */
  readonly appKey?: string;
  readonly pod: string;
  readonly port: number;
  /** What the browser opens: the local address and the app's first route. */
  readonly url: string;
  readonly forward: ActivePortForward;
}

const OPEN_BUTTON = { iconPath: new vscode.ThemeIcon('globe'), tooltip: 'Open in Browser' };
const STOP_BUTTON = { iconPath: new vscode.ThemeIcon('debug-stop'), tooltip: 'Stop' };

/** The path to open for an app: the first route of its spin.toml in the workspace, else `/`. */
export async function appBrowserPath(appName: string): Promise<string> {
  try {
    const manifest = await findManifest(appName);
    if (!manifest) return '/';
    const text = Buffer.from(await vscode.workspace.fs.readFile(manifest)).toString('utf8');
    return firstRoutePath(appManifestFromText(text, manifest.fsPath));
  } catch {
    return '/';
  }
}

export class PortForwards implements vscode.Disposable {
  private readonly entries = new Map<string, ForwardEntry>();
  private readonly status = vscode.window.createStatusBarItem(
    'spinkube.portForwards',
    vscode.StatusBarAlignment.Left,
    49,
  );
  private modelSub: Disposable | undefined;
  private readonly connectionSub: Disposable;

  constructor(private readonly deps: ClusterCommandDeps) {
    this.status.name = 'SpinKube Port-Forwards';
    this.status.command = 'spinkube.cluster.listPortForwards';
    const connection = deps.cluster.connection;
    const watchModel = (): void => {
      this.modelSub?.dispose();
      this.modelSub = connection.model?.onDidChange.on(() => void this.stopGone());
    };
    this.connectionSub = connection.onDidChange.on(() => {
      watchModel();
      void this.stopGone();
    });
    watchModel();
  }

  list(): readonly ForwardEntry[] {
    return [...this.entries.values()];
  }

  /** Forwards a free local port to a ready pod of the target and opens the app's first route. */
  async start(target: ObjectTarget, pods: readonly Pod[]): Promise<ForwardEntry> {
    const ready = pods.find(
      (p) => p.status?.phase === 'Running' && (p.status.containerStatuses ?? []).every((c) => c.ready),
    );
    if (!ready?.metadata?.name) {
      throw new Error(
        target.kind.kind === 'Pod'
          ? `Pod ${target.name} is not running and ready: nothing to forward to.`
          : `${target.name} has no ready pod to forward to.`,
      );
    }
    const session = this.deps.cluster.connection.session;
    if (!session) throw new Error('Not connected to a cluster: choose a kubeconfig context first.');
    const key = `${target.namespace}/${target.name}`;
    await this.stop(key);
    const port = podHttpPort(ready);
    const forward = await startPortForward(session.kubeConfig, {
      namespace: ready.metadata.namespace ?? 'default',
      pod: ready.metadata.name,
      port,
    });
    let shown = false;
    forward.onError = (e) => {
      this.deps.output.warn(`port-forward ${key}: ${e.message}`);
      // the browser only sees a reset connection: say why once, where the user looks
      if (!shown) void vscode.window.showWarningMessage(`SpinKube: ${e.message}`);
      shown = true;
    };
    const appName = target.appKey ? target.appKey.slice(target.appKey.indexOf('/') + 1) : target.name;
    const path = await appBrowserPath(appName);
    const entry: ForwardEntry = {
      key,
      ...(target.appKey ? { appKey: target.appKey } : {}),
      pod: ready.metadata.name,
      port,
      url: `http://127.0.0.1:${forward.localPort}${path}`,
      forward,
    };
    this.entries.set(key, entry);
    this.update();
    this.deps.output.info(`port-forward ${key}: ${entry.url} → pod ${entry.pod}:${port}`);
    await this.open(entry);
    return entry;
  }

  async open(entry: ForwardEntry): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(entry.url));
  }

  async stop(key: string): Promise<boolean> {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.update();
    await entry.forward.close();
    this.deps.output.info(`port-forward ${key}: stopped`);
    return true;
  }

  /** The list of forwards, each with Open and Stop buttons (choosing one opens it). */
  async showList(): Promise<void> {
    if (this.entries.size === 0) {
      void vscode.window.showInformationMessage('SpinKube: no port-forwards are running.');
      return;
    }
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { entry: ForwardEntry }>();
    const items = (): (vscode.QuickPickItem & { entry: ForwardEntry })[] =>
      this.list().map((entry) => ({
        label: entry.key,
        description: entry.url,
        detail: `pod ${entry.pod}:${entry.port}`,
        buttons: [OPEN_BUTTON, STOP_BUTTON],
        entry,
      }));
    pick.title = 'SpinKube port-forwards';
    pick.placeholder = 'Choose one to open it in the browser';
    pick.items = items();
    pick.onDidTriggerItemButton(async ({ item, button }) => {
      if (button === OPEN_BUTTON) await this.open(item.entry);
      else await this.stop(item.entry.key);
      pick.items = items();
      if (pick.items.length === 0) pick.hide();
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      pick.hide();
      if (chosen) void this.open(chosen.entry);
    });
    pick.onDidHide(() => pick.dispose());
    pick.show();
  }

  dispose(): void {
    this.modelSub?.dispose();
    this.connectionSub.dispose();
    this.status.dispose();
    for (const entry of this.entries.values()) void entry.forward.close();
    this.entries.clear();
  }

  /** Stops the forwards of apps the cluster no longer has (and all of them when disconnected). */
  private async stopGone(): Promise<void> {
    const connection = this.deps.cluster.connection;
    const model = connection.model;
    for (const entry of this.list()) {
      const gone =
        connection.status.phase !== 'connected' ||
        (entry.appKey !== undefined &&
          model !== undefined &&
          model.sectionState('apps').phase === 'ready' &&
          !model.app(entry.appKey));
      if (gone) {
        await this.stop(entry.key);
        const name = entry.appKey ?? entry.key;
        void vscode.window.setStatusBarMessage(
          `SpinKube: port-forward to ${name} stopped: the app is gone`,
          6000,
        );
      }
    }
  }

  private update(): void {
    const count = this.entries.size;
    if (count === 0) {
      this.status.hide();
      return;
    }
    this.status.text = `$(radio-tower) ${count} port-forward${count === 1 ? '' : 's'}`;
    this.status.tooltip = `SpinKube port-forwards:\n${this.list()
      .map((e) => `${e.key} → ${e.url}`)
      .join('\n')}\nClick to open or stop one`;
    this.status.show();
  }
}
