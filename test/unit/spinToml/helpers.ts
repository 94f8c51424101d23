// Small helpers for spin.toml tests: validate text, find positions of snippets, apply edits.
import assert from 'node:assert/strict';
import { spinTomlLanguage } from '../../../src/language/spinToml';
import { LineTable } from '../../../src/language/lineTable';
import type {
  Diagnostic,
  LanguageContext,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from '../../../src/language/types';
import { singleComponentManifest } from '../../support/manifestTexts';

export const URI = 'file:///app/spin.toml';

export const BASE = singleComponentManifest('app', 'web');

export function check(text: string, ctx: LanguageContext = {}): Diagnostic[] {
  return spinTomlLanguage.validate({ uri: URI, text }, ctx);
}

export function withCode(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

/** Position of the `nth` occurrence of `needle` (plus `delta` characters). */
export function positionOf(text: string, needle: string, nth = 0, delta = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at !== -1, `"${needle}" not found`);
  }
  return new LineTable(text).position(at + delta);
}

/** The range covering the `nth` occurrence of `needle`. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  const start = positionOf(text, needle, nth);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

/** Asserts exactly one diagnostic with this code, at this snippet, whose message contains `message`. */
export function expectOne(
  text: string,
  code: string,
  at: string | Range,
  message: string,
  ctx: LanguageContext = {},
): Diagnostic {
  const found = withCode(check(text, ctx), code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(found.map((d) => d.message))}`);
  const d = found[0] as Diagnostic;
  assert.deepEqual(d.range, typeof at === 'string' ? rangeOf(text, at) : at);
  assert.ok(String(d.message).includes(message), `message "${d.message}" lacks "${message}"`);
  assert.equal(d.source, 'spinkube');
  return d;
}

export function expectNone(text: string, code: string, ctx: LanguageContext = {}): void {
  assert.deepEqual(withCode(check(text, ctx), code), []);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineTable(text);
  const sorted = [...edits].sort((a, b) => lines.offset(b.range.start) - lines.offset(a.range.start));
  let out = text;
  for (const edit of sorted) {
    out =
      out.slice(0, lines.offset(edit.range.start)) + edit.newText + out.slice(lines.offset(edit.range.end));
  }
  return out;
}

export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | null | undefined): string {
  const edits = edit?.changes?.[URI];
  assert.ok(edits, 'no edits for the document');
  return applyEdits(text, edits);
}
