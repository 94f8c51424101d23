import * as path from 'node:path';
import type * as vscode from 'vscode';

/** Whether a document is one the language server checks: a spin.toml or a YAML file. */
export function isManifestDocument(doc: vscode.TextDocument): boolean {
  return (
    doc.languageId === 'spin-toml' || doc.languageId === 'yaml' || path.basename(doc.fileName) === 'spin.toml'
  );
}
