// Positions within ranges, as every language's navigation needs them.
import type { Position, Range } from './types';

/** Whether `p` lies within `range`, both ends included. */
export function contains(range: Range, p: Position): boolean {
  const afterStart =
    p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd =
    p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}
