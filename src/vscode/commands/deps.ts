import type * as vscode from 'vscode';

/**
 * What every command may use. Each feature's commands add the features they need (as types only),
 * and the composition root (commandCatalog.ts) hands them all in; no command reaches for globals.
 */
export interface BaseCommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
}

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandFactory<Deps extends BaseCommandDeps> = (deps: Deps) => CommandHandler;
