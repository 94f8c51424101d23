// Positions in test texts, found by the text around them rather than counted by hand.
import assert from 'node:assert/strict';
import type { Position } from '../../src/language/types';

/** The position `within` characters into the n-th (0-based) occurrence of `needle`. */
export function positionOf(text: string, needle: string, nth = 0, within = 1): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${nth} is in the text`);
  const before = text.slice(0, at + within).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
}

/** Every position of a text, line by line. */
export function* everyPosition(text: string): Generator<Position> {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    for (let character = 0; character <= (lines[line] ?? '').length; character++) yield { line, character };
  }
}
