// How pipeline outcomes reach the user: a notification with the next useful actions; failures
// with their one sentence, the evidence in the output channel, and Force for apply conflicts.
import * as vscode from 'vscode';
import { Kinds, APP_NAME_LABEL, resourcePath } from '../../cluster/kinds';
import { lastLogLines } from '../../pipeline/deploy/lookups';
import { PipelineError } from '../../pipeline/events';
import type { PipelineClusters } from './cluster';

export interface AppRef {
  readonly kind: 'SpinApp';
  readonly name: string;
  readonly namespace: string;
}

async function commandExists(id: string): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(id);
}

/** Shows a ready app with Open in Browser / Show Logs / Reveal in Explorer. Does not wait for the user. */
export function showDeployed(
  message: string,
  app: AppRef,
  clusters: PipelineClusters,
  output: vscode.LogOutputChannel,
): void {
  output.info(message);
  const actions = ['Open in Browser', 'Show Logs', 'Reveal in Explorer'];
  void vscode.window.showInformationMessage(message, ...actions).then(async (choice) => {
    if (choice === 'Open in Browser') await openInBrowser(app, output);
    else if (choice === 'Show Logs') await showLogs(app, clusters, output);
    else if (choice === 'Reveal in Explorer') await revealInExplorer(clusters);
  });
}

async function openInBrowser(app: AppRef, output: vscode.LogOutputChannel): Promise<void> {
  if (await commandExists('spinkube.cluster.portForward')) {
    await vscode.commands.executeCommand('spinkube.cluster.portForward', app);
    return;
  }
  output.warn('Port-forwarding is not available in this version.');
}

async function showLogs(
  app: AppRef,
  clusters: PipelineClusters,
  output: vscode.LogOutputChannel,
): Promise<void> {
  if (await commandExists('spinkube.cluster.followLogs')) {
    await vscode.commands.executeCommand('spinkube.cluster.followLogs', app);
    return;
  }
  const session = clusters.session();
  const pods = await session.transport.request<{ items?: { metadata?: { name?: string } }[] }>({
    path: resourcePath(Kinds.pod, app.namespace),
    query: { labelSelector: `${APP_NAME_LABEL}=${app.name}` },
  });
  for (const pod of pods?.items ?? []) {
    const name = pod.metadata?.name ?? '';
    const lines = await lastLogLines(session.transport, app.namespace, name, app.name, 50);
    output.info(`--- logs of pod ${name} ---`);
    for (const line of lines) output.info(line);
  }
  output.show(true);
}

async function revealInExplorer(clusters: PipelineClusters): Promise<void> {
  clusters.refreshExplorer();
  await vscode.commands.executeCommand('workbench.view.extension.spinkube');
}

/** SpinKube's installation guide, offered when the cluster does not serve SpinApp. */
const INSTALL_GUIDE = 'https://www.spinkube.dev/docs/install/';

/**
 * Reports a failure: the sentence as an error notification, the evidence in the output channel.
 * `retryWithForce` is offered for apply conflicts, the install guide when SpinKube is missing.
 * Cancellation is only logged.
 */
export function showPipelineFailure(
  error: unknown,
  output: vscode.LogOutputChannel,
  retryWithForce?: () => void,
): void {
  const failure = error instanceof PipelineError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (failure?.kind === 'cancelled') {
    output.info(`Cancelled: ${message}`);
    return;
  }
  output.error(message);
  for (const line of failure?.evidence ?? []) output.error(`  ${line}`);
  const actions =
    failure?.kind === 'apply-conflict' && retryWithForce
      ? ['Apply with Force', 'Show Details']
      : failure?.kind === 'spinkube-not-installed'
        ? ['How to Install SpinKube', 'Show Details']
        : ['Show Details'];
  void vscode.window.showErrorMessage(`SpinKube: ${message}`, ...actions).then((choice) => {
    if (choice === 'Apply with Force') retryWithForce?.();
    else if (choice === 'How to Install SpinKube') {
      void vscode.env.openExternal(vscode.Uri.parse(INSTALL_GUIDE));
    } else if (choice === 'Show Details') output.show(true);
  });
}

/** The plain-data form of a failure that commands return (so callers and tests can read it). */
export function failureResult(error: unknown): {
  state: 'failed' | 'cancelled';
  kind: string;
  message: string;
  evidence: readonly string[];
} {
  if (error instanceof PipelineError) {
    return {
      state: error.kind === 'cancelled' ? 'cancelled' : 'failed',
      kind: error.kind,
      message: error.message,
      evidence: error.evidence,
    };
  }
  return {
    state: 'failed',
    kind: 'internal',
    message: error instanceof Error ? error.message : String(error),
    evidence: [],
  };
}
