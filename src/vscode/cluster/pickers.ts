// Quick picks of the cluster explorer: switch kubeconfig context, choose the namespaces shown.
import * as vscode from 'vscode';
import { Kinds, resourcePath } from '../../cluster/kinds';
import type { ClusterCommandDeps } from './commandDeps';

export async function switchContext(deps: ClusterCommandDeps): Promise<void> {
  const connection = deps.cluster.connection;
  connection.reload();
  const contexts = connection.contexts();
  if (!contexts.length) {
    const choice = await vscode.window.showWarningMessage(
      `SpinKube: ${connection.status.phase === 'connected' ? 'no contexts' : connection.status.message}`,
      'Set spinkube.kubeconfig',
    );
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'spinkube.kubeconfig');
    return;
  }
  const current = connection.current()?.context;
  const picked = await vscode.window.showQuickPick(
    contexts.map((c) => ({
      label: c.name,
      description: `${c.server ?? ''} · ${c.namespace}`,
      detail: c.name === current ? 'current' : undefined,
      picked: c.name === current,
    })),
    { placeHolder: 'Kubernetes context for the SpinKube explorer' },
  );
  if (!picked) return;
  connection.useContext(picked.label);
  await deps.context.workspaceState.update('spinkube.cluster.context', picked.label);
}

export async function chooseNamespaces(deps: ClusterCommandDeps): Promise<void> {
  const connection = deps.cluster.connection;
  const session = connection.session;
  if (!session) throw new Error('Not connected to a cluster: choose a kubeconfig context first.');
  let names: string[] = [];
  try {
    const list = await session.transport.request<{ items?: { metadata?: { name?: string } }[] }>({
      path: resourcePath(Kinds.namespace),
    });
    names = (list?.items ?? [])
      .map((n) => n.metadata?.name ?? '')
      .filter(Boolean)
      .sort();
  } catch {
    // not allowed to list namespaces: ask for names instead
  }
  const chosen = new Set(connection.namespaces);
  let result: string[] | undefined;
  if (names.length) {
    const picks = await vscode.window.showQuickPick(
      names.map((n) => ({ label: n, picked: chosen.has(n) })),
      { canPickMany: true, placeHolder: 'Namespaces to show (none selected: all namespaces)' },
    );
    result = picks?.map((p) => p.label);
  } else {
    const text = await vscode.window.showInputBox({
      prompt: 'Namespaces to show, separated by commas (empty: all namespaces)',
      value: [...chosen].join(', '),
    });
    result = text
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (result === undefined) return;
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('spinkube').update('explorer.namespaces', result, target);
  connection.setNamespaces(result);
}
