import * as path from 'node:path';
import { documentKindOf } from '../language/documentKind';

/**
 * The open documents whose diagnostics may change when `changedUri` changes: every open YAML
 * file when a spin.toml changes (a SpinApp is matched to its spin.toml by application name, which
 * can be anywhere in the workspace), and the open spin.toml files in the same folder when a YAML
 * file changes.
 */
export function dependantsOf(changedUri: string, openUris: Iterable<string>): string[] {
  const changedKind = documentKindOf(changedUri);
  if (changedKind === 'other') return [];
  const folder = folderOf(changedUri);
  const result: string[] = [];
  for (const uri of openUris) {
    if (uri === changedUri) continue;
    const kind = documentKindOf(uri);
    if (changedKind === 'spin-toml' && kind === 'yaml') result.push(uri);
    else if (changedKind === 'yaml' && kind === 'spin-toml' && folderOf(uri) === folder) result.push(uri);
  }
  return result;
}

function folderOf(uri: string): string {
  return path.posix.dirname(uri);
}
