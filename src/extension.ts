// activate(): wiring only. The bundle holds just this wiring; the language client, the cluster
// explorer, the pipeline and the command implementations are sibling bundles loaded on first use.
import type * as vscode from 'vscode';
import type { SpinKubeApi } from './vscode/api';
import { LazyFeatures } from './vscode/lazyFeatures';
import { createOutput } from './vscode/output';
import { registerCommands } from './vscode/commands/register';

export function activate(context: vscode.ExtensionContext): SpinKubeApi {
  const started = performance.now();
  const output = createOutput(context);
  const features = new LazyFeatures(context, output);
  registerCommands(context, output, (id) => features.features().commands[id]);
  const activationMs = performance.now() - started;
  return {
    get language() {
      return features.language();
    },
    get cluster() {
      return features.features().cluster;
    },
    get pipeline() {
      return features.features().pipeline;
    },
    get commandIds() {
      return Object.keys(features.features().commands);
    },
    activationMs,
  };
}

export function deactivate(): Promise<void> | undefined {
  return undefined;
}
