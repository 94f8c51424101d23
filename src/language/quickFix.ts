import { CodeActionKind } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic, TextEdit } from './types';

/** A quick fix for one diagnostic: `edits` to the document at `uri`. */
export function quickFix(
  title: string,
  uri: string,
  edits: TextEdit[],
  diagnostic: Diagnostic,
  preferred = true,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [uri]: edits } },
  };
}
