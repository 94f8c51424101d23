import * as vscode from 'vscode';
import type { CheckWorkspaceResult } from '../../server/protocol';
import type { BaseCommandDeps, CommandFactory } from '../commands/deps';
import type { LanguageFeature } from './feature';

/** What the language features' commands use. */
export interface LanguageCommandDeps extends BaseCommandDeps {
  readonly language: LanguageFeature;
}

/** Commands of the language features. */
export const languageCommands: Record<string, CommandFactory<LanguageCommandDeps>> = {
  'spinkube.checkWorkspace': (deps) => () => checkWorkspace(deps),
  'spinkube.restartLanguageServer': (deps) => () => deps.language.restart(),
  'spinkube.showOutput': (deps) => () => deps.output.show(),
};

/**
 * Checks every manifest in the workspace with a progress notification, then reports the counts
 * with a "Show Problems" action. Returns the counts (for tests and other extensions).
 */
async function checkWorkspace(deps: LanguageCommandDeps): Promise<CheckWorkspaceResult> {
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'SpinKube: checking spin.toml and SpinApp files…',
      cancellable: true,
    },
    (_progress, token) => deps.language.checkWorkspace(token),
  );
  deps.output.info(
    `Workspace check: ${result.files} files, ${result.errors} errors, ${result.warnings} warnings`,
  );
  void vscode.window.showInformationMessage(summary(result), 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}

function summary({ files, errors, warnings }: CheckWorkspaceResult): string {
  if (files === 0) return 'SpinKube: no spin.toml or YAML files found in the workspace.';
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `SpinKube: checked ${plural(files, 'file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}
