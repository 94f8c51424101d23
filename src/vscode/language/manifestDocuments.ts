import * as path from 'node:path';
import type * as vscode from 'vscode';
import { documentKindOf } from '../../language/documentKind';

/**
 * Whether a document is one the language server checks: a spin.toml or a YAML file, or an untitled
 * document whose language or content says it is one.
 */
export function isManifestDocument(doc: vscode.TextDocument): boolean {
  if (
    doc.languageId === 'spin-toml' ||
    doc.languageId === 'yaml' ||
    path.basename(doc.fileName) === 'spin.toml'
  ) {
    return true;
  }
  return doc.isUntitled && documentKindOf(doc.uri.toString(), doc.getText(), doc.languageId) !== 'other';
}
