import * as vscode from 'vscode';
import type { CommandFactory } from './deps';

/** A command whose feature has not landed yet: it says so instead of failing silently. */
export function notYetAvailable(title: string): CommandFactory {
  return () => () =>
    vscode.window.showInformationMessage(`SpinKube: ${title} is not yet available in this version.`);
}
