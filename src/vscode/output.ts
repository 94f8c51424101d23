import * as vscode from 'vscode';

/** The extension's log: one output channel with levels, shown by "SpinKube: Show Output". */
export function createOutput(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const output = vscode.window.createOutputChannel('SpinKube', { log: true });
  context.subscriptions.push(output);
  return output;
}
