// Where a YAML syntax error is drawn. The `yaml` package places an error at the character where it
// noticed it, often one character wide and, for an unclosed quote or flow collection, at the very
// end of the text (a zero-width squiggle on an empty last line). As Red Hat's YAML extension does,
// the error is drawn from that point to the end of its line; an error past the last token is drawn
// on the token that was left open (the unclosed `"…` or `[…`), else on the last line with text.
import { Parser } from 'yaml';

/** The range `[start, end)` of `text` to underline for an error the parser placed at `[from, to)`. */
export function syntaxErrorRange(text: string, from: number, to: number): { start: number; end: number } {
  let start = Math.min(Math.max(from, 0), text.length);
  if (isBlank(text, start, lineEnd(text, start))) {
    start = openTokenBefore(text, start) ?? lastTextBefore(text, start) ?? start;
  } else {
    while (text[start] === ' ') start++;
  }
  const wide = to - from > 1 && to > start;
  let end = wide ? Math.min(to, lineEnd(text, start)) : lineEnd(text, start);
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (end <= start) end = Math.min(start + 1, text.length);
  return { start, end };
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

function isBlank(text: string, start: number, end: number): boolean {
  return /^\s*$/.test(text.slice(start, end));
}

/** Start of the first non-blank character of the last line with text before `offset`. */
function lastTextBefore(text: string, offset: number): number | undefined {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  if (end === 0) return undefined;
  let start = text.lastIndexOf('\n', end - 1) + 1;
  while (start < end && /[ \t]/.test(text[start] ?? '')) start++;
  return start;
}

/** A CST token, as far as this module reads it. */
interface Token {
  readonly type?: string;
  readonly offset?: number;
  readonly source?: string;
  readonly end?: readonly Token[];
}

/**
 * The offset of the last quoted scalar or flow collection before `offset` that was never closed,
 * found in the `yaml` package's concrete syntax tree.
 */
function openTokenBefore(text: string, offset: number): number | undefined {
  let found: number | undefined;
  const visit = (value: unknown, depth: number): void => {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const token = value as Token;
    if (typeof token.offset === 'number' && token.offset < offset && isOpen(token)) {
      if (found === undefined || token.offset > found) found = token.offset;
    }
    for (const child of Object.values(value)) if (typeof child === 'object') visit(child, depth + 1);
  };
  try {
    for (const token of new Parser().parse(text)) visit(token, 0);
  } catch {
    return undefined;
  }
  return found;
}

function isOpen(token: Token): boolean {
  const source = (token.source ?? '').trimEnd();
  switch (token.type) {
    case 'double-quoted-scalar':
      return source.length < 2 || !source.endsWith('"') || /(^|[^\\])(\\\\)*\\"$/.test(source);
    case 'single-quoted-scalar':
      return source.length < 2 || !source.endsWith("'");
    case 'flow-collection':
      return !(token.end ?? []).some((t) => t.type === 'flow-map-end' || t.type === 'flow-seq-end');
    default:
      return false;
  }
}
