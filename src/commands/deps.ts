import type * as vscode from 'vscode';
import type { LanguageFeature } from '../client/languageFeature';
import type { ClusterFeature } from '../views/clusterFeature';

/** What command factories may use. Commands get these injected; none reaches for globals. */
export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  readonly language: LanguageFeature;
  readonly cluster: ClusterFeature;
}

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandFactory = (deps: CommandDeps) => CommandHandler;
