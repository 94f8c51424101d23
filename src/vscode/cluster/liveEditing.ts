// Edit → Apply for live YAML: "Edit" on a live YAML document (or a tree item) opens the object as
// an editable manifest in an untitled `<name>.yaml` editor; "Apply Current YAML to Cluster" sends it
// back with server-side apply, where a field another manager owns is reported as a conflict with
// "Apply with Force".
import * as vscode from 'vscode';
import type { KubeObject } from '../../cluster/kinds';
import { editableYamlText } from '../../cluster/liveYaml';
import { isTreeElement, targetOf } from './targets';
import type { CommandFactory } from '../commands/deps';
import type { ClusterCommandDeps } from './commandDeps';
import { LIVE_SCHEME, liveApiPath } from './liveDocuments';

/** The API path and name of what Edit was invoked on: a live document's URI or a tree item. */
function editTarget(deps: ClusterCommandDeps, arg: unknown): { apiPath: string; name: string } | undefined {
  if (isTreeElement(arg)) {
    const target = targetOf(arg, deps.cluster);
    return target && { apiPath: target.apiPath, name: target.name };
  }
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (uri?.scheme !== LIVE_SCHEME) return undefined;
  const apiPath = liveApiPath(uri);
  return {
    apiPath,
    name: new URLSearchParams(uri.query).get('name') || apiPath.split('/').pop() || 'object',
  };
}

/** Opens the object as an editable manifest; resolves with the editor. */
async function editLive(deps: ClusterCommandDeps, arg: unknown): Promise<vscode.TextEditor | undefined> {
  const target = editTarget(deps, arg);
  if (!target) throw new Error('Open the live YAML of a cluster object first.');
  const session = deps.cluster.connection.session;
  if (!session) throw new Error('Not connected to a cluster: choose a kubeconfig context first.');
  const object = await session.transport.request<KubeObject>({ path: target.apiPath });
  const header =
    `# ${target.name} from ${session.context}: change it, then "Apply Current YAML to Cluster" (the cloud\n` +
    '# button above) sends it with server-side apply. Fields another manager owns are shown as conflicts.\n';
  const document = await vscode.workspace.openTextDocument(
    vscode.Uri.from({ scheme: 'untitled', path: `${target.name}.yaml` }),
  );
  const edit = new vscode.WorkspaceEdit();
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  edit.replace(document.uri, whole, header + editableYamlText(object));
  await vscode.workspace.applyEdit(edit);
  if (document.languageId !== 'yaml') await vscode.languages.setTextDocumentLanguage(document, 'yaml');
  return vscode.window.showTextDocument(document, { preview: false });
}

export const liveEditingCommands: Record<string, CommandFactory<ClusterCommandDeps>> = {
  'spinkube.cluster.editLive': (deps) => (arg) => editLive(deps, arg),
};
