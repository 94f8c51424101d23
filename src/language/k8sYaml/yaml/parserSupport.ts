// Small pieces shared by the fast block parser and the flow-collection parser.
import type { YScalar } from './ast';

/** Thrown (and caught by `parseBlockDocument`) when the input is outside the fast subset. */
export class Defer {}
export const DEFER = new Defer();

export const MAX_DEPTH = 100;

export function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

export function nullScalar(at: number): YScalar {
  return { kind: 'scalar', start: at, end: at, value: null, quoted: false };
}
