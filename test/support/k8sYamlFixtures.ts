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

export function yamlDoc(text: string, uri = 'file:///project/app/k8s/spinapp.yaml'): SourceDocument {
  return { uri, text };
}

/** `code: message` lines of diagnostics, for readable assertions. */
export function summary(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${String(d.code)}: ${d.message}`);
}

export const noContext: LanguageContext = {};

/** The source text a range covers (single- or multi-line). */
export function textAt(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/** A SpinApp document with the given spec lines (indented by the caller's two spaces). */
export function spinApp(specLines: string, name = 'my-app', extraMetadata = ''): string {
  return `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: ${name}
${extraMetadata}spec:
${specLines}`;
}

/** A diagnostic's message as plain text. */
export function messageOf(d: Diagnostic | undefined): string {
  const m = d?.message;
  return typeof m === 'string' ? m : (m?.value ?? '');
}

/** A SpinAppExecutor document with the given spec lines (default: one that creates deployments). */
export function spinAppExecutor(name: string, specLines = '  createDeployment: true\n'): string {
  return `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinAppExecutor
metadata:
  name: ${name}
spec:
${specLines}`;
}
