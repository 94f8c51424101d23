// activate(): wiring only. Each feature is a factory that receives what it needs and registers
// its disposables on the context; heavy modules load when a feature is first used.
import * as vscode from 'vscode';
import { createLanguageFeature } from './client/languageFeature';
import { createClusterFeature } from './views/clusterFeature';
import { registerCommands } from './commands/registerCommands';
import { createOutput } from './client/output';
import type { SpinKubeApi } from './client/api';

export function activate(context: vscode.ExtensionContext): SpinKubeApi {
  const started = performance.now();
  const output = createOutput(context);
  const language = createLanguageFeature(context, output);
  const cluster = createClusterFeature(context, output);
  registerCommands(context, { context, output, language, cluster });
  return { language, cluster, activationMs: performance.now() - started };
}

export function deactivate(): Promise<void> | undefined {
  return undefined;
}
