import type * as vscode from 'vscode';
import type { LanguageFeature } from '../language/feature';
import type { ClusterFeature } from '../cluster/feature';
import type { PipelineFeature } from '../pipeline/feature';

/** What command factories may use. Commands get these injected; none reaches for globals. */
export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  readonly language: LanguageFeature;
  readonly cluster: ClusterFeature;
  /** Build, push, deploy (created in activate(); the pipeline commands create it on first use otherwise). */
  readonly pipeline?: PipelineFeature;
}

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandFactory = (deps: CommandDeps) => CommandHandler;
