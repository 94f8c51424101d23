import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The language client, started the first time a spin.toml or YAML document is open. */
export interface LanguageFeature {
  /** Starts the server if it is not running, and resolves once it answers. */
  ensureStarted(): Promise<LanguageClient>;
  restart(): Promise<void>;
  readonly isRunning: boolean;
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

  const start = async (): Promise<LanguageClient> => {
    const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
    const module = context.asAbsolutePath(path.join('dist', 'server.js'));
    const run = { module, transport: TransportKind.ipc };
    const c = new LanguageClient(
      'spinkube',
      'SpinKube Language Server',
      { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6010'] } } },
      { documentSelector: SELECTOR, outputChannel: output, diagnosticCollectionName: 'spinkube' },
    );
    await c.start();
    client = c;
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
  };

  const wants = (doc: vscode.TextDocument): boolean =>
    doc.languageId === 'spin-toml' ||
    doc.languageId === 'yaml' ||
    path.basename(doc.fileName) === 'spin.toml';
  const maybeStart = (doc: vscode.TextDocument): void => {
    if (!starting && wants(doc)) {
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
