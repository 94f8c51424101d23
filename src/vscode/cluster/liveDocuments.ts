// Read-only virtual documents for cluster objects (scheme `spinkube-k8s:`): the live YAML of an
// object, refreshed whenever the explorer sees it change, and a "describe" text with conditions
// and events. URIs: spinkube-k8s:/<context>/yaml/<api path>.yaml (tab `hello.yaml`) and
// spinkube-k8s:/<context>/describe/<api folder>/describe: <name> (tab `describe: hello`), both with
// the object's API path in the query.
import * as vscode from 'vscode';
import { ApiError } from '../../cluster/apiError';
import type { ClusterConnection } from '../../cluster/clusterConnection';
import type { KubeObject } from '../../cluster/kinds';
import { deletedObjectText, liveYamlText } from '../../cluster/liveYaml';
import { describeObject } from '../../clusterTree/describeText';

export const LIVE_SCHEME = 'spinkube-k8s';

export interface LiveTarget {
  /** The API path of the object, e.g. /apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/hello */
  readonly apiPath: string;
  readonly namespace?: string;
  readonly name: string;
}

export function liveUri(context: string, view: 'yaml' | 'describe', target: LiveTarget): vscode.Uri {
  const folder = target.apiPath.slice(0, target.apiPath.lastIndexOf('/'));
  const path =
    view === 'yaml'
      ? `/${encodeURIComponent(context)}/yaml${target.apiPath}.yaml`
      : `/${encodeURIComponent(context)}/describe${folder}/describe: ${target.name}`;
  return vscode.Uri.from({
    scheme: LIVE_SCHEME,
    path,
    query: new URLSearchParams({
      ns: target.namespace ?? '',
      name: target.name,
      api: target.apiPath,
    }).toString(),
  });
}

/** The API path a live URI shows (from its query; older URIs carry it in the path). */
export function liveApiPath(uri: vscode.Uri): string {
  const api = new URLSearchParams(uri.query).get('api');
  if (api) return api;
  const [, , , ...rest] = uri.path.split('/');
  return '/' + rest.join('/').replace(/\.(yaml|txt)$/, '');
}

export class LiveDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, vscode.Uri>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly connection: ClusterConnection) {
    this.subs.push(
      vscode.workspace.onDidCloseTextDocument((d) => this.open.delete(d.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('spinkube.explorer.showManagedFields')) {
          for (const uri of this.open.values()) this.changed.fire(uri);
        }
      }),
      this.changed,
    );
  }

  /** Tells open documents of an object (by name) that it changed. */
  touched(names: readonly string[]): void {
    if (this.open.size === 0) return;
    const wanted = new Set(names);
    for (const uri of this.open.values()) {
      const name = new URLSearchParams(uri.query).get('name') ?? '';
      if (wanted.has(name)) this.changed.fire(uri);
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    this.open.set(uri.toString(), uri);
    const session = this.connection.session;
    const view = uri.path.split('/')[2];
    const apiPath = liveApiPath(uri);
    const query = new URLSearchParams(uri.query);
    if (!session) return '# Not connected to a cluster.\n';
    try {
      const obj = await session.transport.request<KubeObject>({ path: apiPath });
      if (view === 'describe') {
        if (obj.metadata) delete obj.metadata.managedFields;
        return await describeObject(session.transport, obj, query.get('ns') || undefined);
      }
      const showManagedFields = vscode.workspace
        .getConfiguration('spinkube')
        .get<boolean>('explorer.showManagedFields', false);
      return `# Live from ${session.context} (read-only; refreshed when the object changes; Edit to change it)\n${liveYamlText(obj, { showManagedFields })}`;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'notFound') {
        return deletedObjectText(query.get('name') || apiPath, session.context);
      }
      return `# Could not read ${apiPath}: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
