import * as path from 'node:path';
import * as vscode from 'vscode';
import { isManifestDocument } from './manifestDocuments';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClusterFacts } from '../../language/types';
import {
  CheckWorkspaceRequest,
  ClusterFactsNotification,
  SERVER_EXEC_ARGV,
  serverEnvironment,
  type CheckWorkspaceResult,
  type ClusterFactsParams,
} from '../../server/protocol';

/** The language client, started the first time a spin.toml or YAML document is open. */
export interface LanguageFeature {
  /** Starts the server if it is not running, and resolves once it answers. */
  ensureStarted(): Promise<LanguageClient>;
  restart(): Promise<void>;
  readonly isRunning: boolean;
  /**
   * The connected cluster's facts (null: disconnected), for cluster-aware checks. Remembered and
   * sent again whenever the server (re)starts.
   */
  setClusterFacts(facts: ClusterFacts | null): void;
  /** Validates every spin.toml and YAML file in the workspace (diagnostics go to Problems). */
  checkWorkspace(token?: vscode.CancellationToken): Promise<CheckWorkspaceResult>;
}

const SELECTOR = [
  { scheme: 'file', language: 'spin-toml' },
  { scheme: 'file', pattern: '**/spin.toml' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
];

export function createLanguageFeature(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageFeature {
  let client: LanguageClient | undefined;
  let starting: Promise<LanguageClient> | undefined;
  let clusterFacts: ClusterFacts | null = null;

  const sendFacts = (c: LanguageClient): void => {
    const params: ClusterFactsParams = { facts: clusterFacts };
    c.sendNotification(ClusterFactsNotification, params).catch((e: unknown) =>
      output.warn(`Could not send the cluster facts to the language server: ${String(e)}`),
    );
  };

  const start = async (): Promise<LanguageClient> => {
    const { LanguageClient, State, TransportKind } = await import('vscode-languageclient/node');
    const module = context.asAbsolutePath(path.join('dist', 'server.js'));
    const env = serverEnvironment(process.env, path.join(context.globalStorageUri.fsPath, 'server-cache'));
    const run = { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV], env } };
    // The client id `spinkube` makes the library honour the `spinkube.trace.server` setting.
    const c = new LanguageClient(
      'spinkube',
      'SpinKube Language Server',
      {
        run,
        debug: { ...run, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6010'], env } },
      },
      { documentSelector: SELECTOR, outputChannel: output, diagnosticCollectionName: 'spinkube' },
    );
    // Facts are state on the server side: send them again after every (re)start.
    context.subscriptions.push(
      c.onDidChangeState((e) => {
        if (e.newState === State.Running && clusterFacts) sendFacts(c);
      }),
    );
    client = c;
    await c.start();
    return c;
  };

  const feature: LanguageFeature = {
    ensureStarted: () => (starting ??= start()),
    async restart() {
      if (client) await client.restart();
      else await feature.ensureStarted();
    },
    get isRunning() {
      return client?.isRunning() ?? false;
    },
    setClusterFacts(facts) {
      clusterFacts = facts;
      if (client?.isRunning()) sendFacts(client);
    },
    async checkWorkspace(token) {
      const c = await feature.ensureStarted();
      return c.sendRequest<CheckWorkspaceResult>(CheckWorkspaceRequest, {}, token);
    },
  };

  const maybeStart = (doc: vscode.TextDocument): void => {
    if (!starting && isManifestDocument(doc)) {
      feature
        .ensureStarted()
        .catch((e: unknown) => output.error(`Language server did not start: ${String(e)}`));
    }
  };
  vscode.workspace.textDocuments.forEach(maybeStart);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(maybeStart), {
    dispose: () => void client?.stop(),
  });
  return feature;
}
