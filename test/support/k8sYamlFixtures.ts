// Helpers for the SpinApp YAML tests: the shared reference folder next to the repository (read at
// run time, never copied), and small document builders.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, LanguageContext, SourceDocument } from '../../src/language/types';

function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const repoRoot = findRepoRoot(__dirname);
export const sharedReference = path.resolve(repoRoot, '..', 'shared', 'reference');

export function referenceFile(...parts: string[]): string {
  return readFileSync(path.join(sharedReference, ...parts), 'utf8');
}

export function referenceFiles(...parts: string[]): string[] {
  return readdirSync(path.join(sharedReference, ...parts)).sort();
}

export function yamlDoc(text: string, uri = 'file:///work/app/k8s/spinapp.yaml'): SourceDocument {
  return { uri, text };
}

/** `code: message` lines of diagnostics, for readable assertions. */
export function summary(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${String(d.code)}: ${d.message}`);
}

export const noContext: LanguageContext = {};
