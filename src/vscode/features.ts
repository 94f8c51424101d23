// Entry point of dist/features.js: the cluster explorer, the pipeline and every command
// implementation. Loaded on first use (the view asks for items, a command runs, a test reads the
// API), never during activation.
import type * as vscode from 'vscode';
import { commandFactories, type CommandDeps } from './commandCatalog';
import type { CommandHandler } from './commands/deps';
import { createClusterFeature, type ClusterFeature, type ClusterViewHost } from './cluster/feature';
import { spinTaskProvider } from './pipeline/tasks';
import type { LanguageFeature } from './language/feature';
import { createPipelineFeature, type PipelineFeature } from './pipeline/feature';

export interface Features {
  readonly cluster: ClusterFeature;
  readonly pipeline: PipelineFeature;
  /** Command implementations by id (registered through proxies at activation). */
  readonly commands: Readonly<Record<string, CommandHandler>>;
  /** The `spin` task type's provider (registered through a stand-in at activation). */
  readonly spinTasks: vscode.TaskProvider;
}

export function createFeatures(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  language: LanguageFeature,
  clusterView: ClusterViewHost,
): Features {
  const cluster = createClusterFeature(context, output, clusterView);
  const pipeline = createPipelineFeature(context, output, cluster);
  context.subscriptions.push(cluster.onDidChangeFacts((facts) => language.setClusterFacts(facts)));
  const deps: CommandDeps = { context, output, language, cluster, pipeline };
  const commands = Object.fromEntries(Object.entries(commandFactories).map(([id, make]) => [id, make(deps)]));
  return { cluster, pipeline, commands, spinTasks: spinTaskProvider() };
}
