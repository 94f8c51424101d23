import * as vscode from 'vscode';
import type { CommandDeps } from './deps';
import { commandFactories } from './catalog';

/** Registers every command of the product; each comes from a factory that receives its dependencies. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  for (const [id, factory] of Object.entries(commandFactories)) {
    const run = factory(deps);
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          deps.output.error(`${id}: ${message}`);
          void vscode.window.showErrorMessage(`SpinKube: ${message}`, 'Show Output').then((choice) => {
            if (choice) deps.output.show();
          });
          return undefined;
        }
      }),
    );
  }
}
