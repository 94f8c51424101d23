import * as vscode from 'vscode';
import type { CommandHandler } from './deps';

/**
 * Registers every command the extension contributes (package.json `contributes.commands`). Each
 * resolves its implementation on first run, so activation loads none of them; a failure is shown
 * with a way to the log, never swallowed.
 */
export function registerCommands(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  resolve: (id: string) => CommandHandler | undefined,
): void {
  const contributed = (
    context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }
  ).contributes?.commands;
  for (const { command: id } of contributed ?? []) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          const run = resolve(id);
          if (!run) throw new Error(`the command ${id} has no implementation in this build`);
          return await run(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          output.error(`${id}: ${message}`);
          void vscode.window.showErrorMessage(`SpinKube: ${message}`, 'Show Output').then((choice) => {
            if (choice) output.show();
          });
          return undefined;
        }
      }),
    );
  }
}
