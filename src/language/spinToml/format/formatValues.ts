// Formatting one key or value of a TOML document from toml-eslint-parser's syntax tree, with
// taplo's layout: `key = value`, dotted keys without spaces, `[a, b]` arrays on one line when they
// fit (and carry no comment), else one item per line with a trailing comma, `{ a = 1, b = 2 }`
// inline tables. Scalars (strings of every style, numbers, dates) are kept exactly as written.
import type { AST } from 'toml-eslint-parser';
import type { TomlFormatOptions } from './formatOptions';

/** The comments of the document, in source order, to find those inside an array. */
export class CommentIndex {
  constructor(readonly comments: readonly AST.Comment[]) {}

  /** The comments starting within [start, end). */
  within(start: number, end: number): AST.Comment[] {
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.comments[mid] as AST.Comment).range[0] < start) lo = mid + 1;
      else hi = mid;
    }
    const out: AST.Comment[] = [];
    for (let i = lo; i < this.comments.length; i++) {
      const c = this.comments[i] as AST.Comment;
      if (c.range[0] >= end) break;
      out.push(c);
    }
    return out;
  }
}

export interface ValueFormatter {
  readonly text: string;
  readonly comments: CommentIndex;
  readonly options: TomlFormatOptions;
  readonly eol: string;
}

export function formatKey(f: ValueFormatter, key: AST.TOMLKey): string {
  return key.keys.map((k) => f.text.slice(k.range[0], k.range[1])).join('.');
}

/** `key = value`, the value laid out for a line that starts at `level` indentation. */
export function formatKeyValue(f: ValueFormatter, kv: AST.TOMLKeyValue, level: number): string {
  const key = formatKey(f, kv.key);
  const prefix = f.options.indent.length * level + key.length + 3;
  return `${key} = ${formatValue(f, kv.value, level, prefix, false)}`;
}

/**
 * A value as text. `prefix` is the width of what precedes it on its line (for the column width);
 * `inline` is set inside inline tables, where arrays stay on one line unless they hold comments.
 */
export function formatValue(
  f: ValueFormatter,
  node: AST.TOMLContentNode,
  level: number,
  prefix: number,
  inline: boolean,
): string {
  if (node.type === 'TOMLArray') return formatArray(f, node, level, prefix, inline);
  if (node.type === 'TOMLInlineTable') {
    if (node.body.length === 0) return '{}';
    const entries = node.body.map((kv) => {
      const key = formatKey(f, kv.key);
      return `${key} = ${formatValue(f, kv.value, level, 0, true)}`;
    });
    return `{ ${entries.join(', ')} }`;
  }
  return f.text.slice(node.range[0], node.range[1]);
}

function formatArray(
  f: ValueFormatter,
  node: AST.TOMLArray,
  level: number,
  prefix: number,
  inline: boolean,
): string {
  const comments = f.comments.within(node.range[0], node.range[1]);
  if (node.elements.length === 0 && comments.length === 0) return '[]';
  if (comments.length === 0) {
    const items = node.elements.map((e) => formatValue(f, e, level, 0, inline));
    const oneLine = `[${items.join(', ')}]`;
    if (!oneLine.includes('\n') && (inline || prefix + oneLine.length <= f.options.columnWidth)) {
      return oneLine;
    }
  }
  return expandedArray(f, node, comments, level);
}

/** One item per line, each comment kept on its line: after the item it followed, or on its own. */
function expandedArray(
  f: ValueFormatter,
  node: AST.TOMLArray,
  comments: readonly AST.Comment[],
  level: number,
): string {
  const inner = f.options.indent.repeat(level + 1);
  const lines: string[] = [];
  let head = '[';
  let last = node.range[0] + 1;
  let pending = 0;
  const flushComments = (upTo: number) => {
    while (pending < comments.length && (comments[pending] as AST.Comment).range[0] < upTo) {
      const c = comments[pending++] as AST.Comment;
      const raw = commentText(f.text, c);
      const sameLine = !f.text.slice(last, c.range[0]).includes('\n');
      if (sameLine && lines.length > 0) lines[lines.length - 1] += ` ${raw}`;
      else if (sameLine) head = `[ ${raw}`;
      else lines.push(`${inner}${raw}`);
      last = c.range[1];
    }
  };
  node.elements.forEach((element, i) => {
    flushComments(element.range[0]);
    const value = formatValue(f, element, level + 1, inner.length, false);
    const comma = i < node.elements.length - 1 || f.options.arrayTrailingComma ? ',' : '';
    lines.push(`${inner}${value}${comma}`);
    last = element.range[1];
    // A comma written after the item belongs to it: a comment after the comma is still on its line.
    const afterComma = /^\s*,/.exec(f.text.slice(last, node.range[1]));
    if (afterComma) last += afterComma[0].length;
  });
  flushComments(node.range[1]);
  return [head, ...lines, `${f.options.indent.repeat(level)}]`].join(f.eol);
}

export function commentText(text: string, comment: AST.Comment): string {
  return text.slice(comment.range[0], comment.range[1]).trimEnd();
}
