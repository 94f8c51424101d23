// Read-only virtual documents for cluster objects (scheme `spinkube-k8s:`): the live YAML of an
// object, refreshed whenever the explorer sees it change, and a "describe" text with conditions
// and events. URIs: spinkube-k8s:/<context>/yaml/<api path>.yaml, spinkube-k8s:/<context>/describe/<api path>.txt
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import type { ClusterConnection } from '../../cluster/clusterConnection';
import type { KubeObject } from '../../cluster/kinds';
import { describeObject } from '../../clusterTree/describeText';

export const LIVE_SCHEME = 'spinkube-k8s';

export interface LiveTarget {
  /** The API path of the object, e.g. /apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/hello */
  readonly apiPath: string;
  readonly namespace?: string;
  readonly name: string;
}

export function liveUri(context: string, view: 'yaml' | 'describe', target: LiveTarget): vscode.Uri {
  const ext = view === 'yaml' ? 'yaml' : 'txt';
  return vscode.Uri.from({
    scheme: LIVE_SCHEME,
    path: `/${encodeURIComponent(context)}/${view}${target.apiPath}.${ext}`,
    query: new URLSearchParams({ ns: target.namespace ?? '', name: target.name }).toString(),
  });
}

export class LiveDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, vscode.Uri>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly connection: ClusterConnection) {
    this.subs.push(
      vscode.workspace.onDidCloseTextDocument((d) => this.open.delete(d.uri.toString())),
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
    const [, , view, ...rest] = uri.path.split('/');
    const apiPath = '/' + rest.join('/').replace(/\.(yaml|txt)$/, '');
    if (!session) return '# Not connected to a cluster.\n';
    try {
      const obj = await session.transport.request<KubeObject>({ path: apiPath });
      if (obj.metadata) delete obj.metadata.managedFields;
      if (view === 'describe') {
        const query = new URLSearchParams(uri.query);
        return await describeObject(session.transport, obj, query.get('ns') || undefined);
      }
      return `# Live from ${session.context} (read-only; refreshed when the object changes)\n${stringify(obj)}`;
    } catch (error) {
      return `# Could not read ${apiPath}: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
