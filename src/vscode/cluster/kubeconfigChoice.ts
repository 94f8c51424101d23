// "Choose Kubeconfig File…": a file picker (or a path given by a caller) that sets
// `spinkube.kubeconfig`. The setting is machine-scoped, so it is written to the user settings of
// the machine the extension runs on (ConfigurationTarget.Global: in code-server and remote windows
// VS Code writes machine-scoped settings to the remote user settings), never to the workspace.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandFactory } from '../commands/deps';
import type { ClusterCommandDeps } from './commandDeps';

/** Whether the Cluster view has no kubeconfig to show (its welcome content is shown then). */
export const NO_KUBECONFIG_CONTEXT = 'spinkube.cluster.noKubeconfig';

/** Where kubectl keeps its kubeconfig; the picker starts there when it exists. */
const KUBE_DIR = path.join(os.homedir(), '.kube');

async function pickKubeconfig(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Choose a kubeconfig file',
    openLabel: 'Use this kubeconfig',
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    ...(existsSync(KUBE_DIR) ? { defaultUri: vscode.Uri.file(KUBE_DIR) } : {}),
  });
  return picked?.[0]?.fsPath;
}

async function chooseKubeconfig(deps: ClusterCommandDeps, arg: unknown): Promise<string | undefined> {
  const file = typeof arg === 'string' && arg ? arg : await pickKubeconfig();
  if (!file) return undefined;
  await vscode.workspace
    .getConfiguration('spinkube')
    .update('kubeconfig', file, vscode.ConfigurationTarget.Global);
  // The configuration listener reloads the connection; say so when the file cannot be used.
  deps.cluster.connection.reload({ setting: file });
  const status = deps.cluster.connection.status;
  if (status.phase !== 'connected') {
    void vscode.window.showWarningMessage(`SpinKube: ${file} cannot be used: ${status.message}`);
  } else {
    deps.output.info(`Cluster explorer: kubeconfig ${file}`);
  }
  return file;
}

export const kubeconfigCommands: Record<string, CommandFactory<ClusterCommandDeps>> = {
  'spinkube.cluster.chooseKubeconfig': (deps) => (arg) => chooseKubeconfig(deps, arg),
};
