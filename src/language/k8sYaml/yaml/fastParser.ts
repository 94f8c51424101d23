// A fast parser for the block-style YAML that Kubernetes manifests are written in: block maps and
// sequences, plain/quoted one-line scalars, one-line flow collections, literal/folded block scalars,
// comments. Anything else (anchors, tags, multi-line flow or plain scalars, errors) makes it defer,
// and the caller parses that document with the full `yaml` package instead.
import type { YMap, YNode, YPair, YScalar, YSeq } from './ast';
import { FlowParser } from './flowParser';
import { DEFER, isSpace, MAX_DEPTH, nullScalar } from './parserSupport';
import { decodeDoubleQuoted, decodeSingleQuoted, resolvePlain } from './scalars';

interface Line {
  readonly start: number;
  /** End of the line's text, before `\r\n` or `\n`. */
  readonly end: number;
  readonly indent: number;
  /** Offset of the first non-space character (== end when the line is empty). */
  readonly content: number;
  /** Empty, or only a comment. */
  readonly blank: boolean;
}

interface Parsed<T extends YNode = YNode> {
  readonly node: T;
  /** Index of the first line not consumed. */
  readonly next: number;
}

/**
 * Parses the document whose content lines lie in [start, end). Returns the root node (null for a
 * document without content) or undefined when the text is outside the fast subset.
 */
export function parseBlockDocument(text: string, start: number, end: number): YNode | null | undefined {
  try {
    const parser = new BlockParser(text, start, end);
    return parser.parseDocument();
  } catch (error) {
    if (error === DEFER) return undefined;
    throw error;
  }
}

class BlockParser {
  private readonly lines: Line[] = [];
  private depth = 0;

  constructor(
    private readonly text: string,
    start: number,
    end: number,
  ) {
    let pos = start;
    while (pos < end) {
      let lineEnd = text.indexOf('\n', pos);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      const next = lineEnd + 1;
      if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      let content = pos;
      while (content < lineEnd && text.charCodeAt(content) === 32) content++;
      const first = text.charCodeAt(content);
      let blank = content === lineEnd || first === 35;
      if (!blank && first === 9) {
        let rest = content;
        while (rest < lineEnd && isSpace(text.charCodeAt(rest))) rest++;
        if (rest === lineEnd) blank = true;
        else if (text.charCodeAt(rest) !== 35) {
          throw DEFER;
        } // a tab in indentation
        else blank = true;
      }
      this.lines.push({ start: pos, end: lineEnd, indent: content - pos, content, blank });
      pos = next;
    }
  }

  parseDocument(): YNode | null {
    const first = this.nextContent(0);
    if (first >= this.lines.length) return null;
    const parsed = this.parseNodeAt(first, this.line(first).content, -1);
    if (this.nextContent(parsed.next) < this.lines.length) throw DEFER;
    return parsed.node;
  }

  private line(index: number): Line {
    const line = this.lines[index];
    if (!line) throw DEFER;
    return line;
  }

  private nextContent(from: number): number {
    let i = from;
    while (i < this.lines.length && (this.lines[i] as Line).blank) i++;
    return i;
  }

  private isSeqStart(offset: number, lineEnd: number): boolean {
    return (
      this.text.charCodeAt(offset) === 45 &&
      (offset + 1 === lineEnd || isSpace(this.text.charCodeAt(offset + 1)))
    );
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw DEFER;
  }

  /** A node starting at `offset` on line `li`, inside a parent indented `parentIndent`. */
  private parseNodeAt(li: number, offset: number, parentIndent: number): Parsed {
    this.enter();
    try {
      const line = this.line(li);
      if (this.isSeqStart(offset, line.end)) return this.parseSeq(li, offset);
      if (this.keyColon(offset, line.end) >= 0) return this.parseMap(li, offset);
      return this.parseInline(li, offset, parentIndent);
    } finally {
      this.depth--;
    }
  }

  /** The offset of the `:` ending a mapping key that starts at `offset`, or -1. */
  private keyColon(offset: number, lineEnd: number): number {
    const text = this.text;
    const first = text.charCodeAt(offset);
    if (first === 34 || first === 39) {
      const close = this.closingQuote(offset, lineEnd);
      if (close < 0) return -1;
      let p = close + 1;
      while (p < lineEnd && isSpace(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) === 58 && (p + 1 === lineEnd || isSpace(text.charCodeAt(p + 1)))) return p;
      return -1;
    }
    if (first === 63) throw DEFER; // complex key `? `
    if ('[]{},&*!|>%@`#'.includes(text[offset] ?? '')) return -1;
    for (let p = offset; p < lineEnd; p++) {
      const c = text.charCodeAt(p);
      if (c === 58 && (p + 1 === lineEnd || isSpace(text.charCodeAt(p + 1)))) return p;
      if (c === 35 && p > offset && isSpace(text.charCodeAt(p - 1))) return -1;
    }
    return -1;
  }

  /** Offset of the quote closing the quoted scalar that starts at `offset`, or -1 if not on this line. */
  private closingQuote(offset: number, lineEnd: number): number {
    const text = this.text;
    const quote = text.charCodeAt(offset);
    for (let p = offset + 1; p < lineEnd; p++) {
      const c = text.charCodeAt(p);
      if (quote === 34 && c === 92) {
        p++;
        continue;
      }
      if (c === quote) {
        if (quote === 39 && text.charCodeAt(p + 1) === 39) {
          p++;
          continue;
        }
        return p;
      }
    }
    return -1;
  }

  private parseMap(li: number, offset: number): Parsed<YMap> {
    const col = offset - this.line(li).start;
    const pairs: YPair[] = [];
    const seen = new Set<string>();
    let line = li;
    let at = offset;
    let end = offset;
    for (;;) {
      const current = this.line(line);
      const colon = this.keyColon(at, current.end);
      if (colon < 0) throw DEFER;
      const key = this.keyScalar(at, colon);
      const name = key.value === null ? '' : String(key.value);
      if (seen.has(name)) throw DEFER; // duplicate key: let the full parser report it
      seen.add(name);
      let valueAt = colon + 1;
      while (valueAt < current.end && isSpace(this.text.charCodeAt(valueAt))) valueAt++;
      let parsed: Parsed;
      if (valueAt === current.end || this.text.charCodeAt(valueAt) === 35) {
        const nj = this.nextContent(line + 1);
        const below = this.lines[nj];
        if (below && below.indent > col) parsed = this.parseNodeAt(nj, below.content, col);
        else if (below && below.indent === col && this.isSeqStart(below.content, below.end)) {
          parsed = this.parseSeq(nj, below.content);
        } else parsed = { node: nullScalar(colon + 1), next: line + 1 };
      } else {
        parsed = this.parseInline(line, valueAt, col);
      }
      pairs.push({ key, value: parsed.node });
      end = Math.max(parsed.node.end, key.end);
      const nj = this.nextContent(parsed.next);
      const next = this.lines[nj];
      if (!next || next.indent < col) return { node: { kind: 'map', start: offset, end, pairs }, next: nj };
      if (next.indent > col || this.isSeqStart(next.content, next.end)) throw DEFER;
      line = nj;
      at = next.content;
    }
  }

  private keyScalar(start: number, colon: number): YScalar {
    const text = this.text;
    const first = text.charCodeAt(start);
    if (first === 34 || first === 39) {
      const close = this.closingQuote(start, colon);
      const inner = text.slice(start + 1, close);
      const value = first === 34 ? decodeDoubleQuoted(inner) : decodeSingleQuoted(inner);
      if (value === undefined) throw DEFER;
      return { kind: 'scalar', start, end: close + 1, value, quoted: true };
    }
    let end = colon;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    return { kind: 'scalar', start, end, value: resolvePlain(text.slice(start, end)), quoted: false };
  }

  private parseSeq(li: number, offset: number): Parsed<YSeq> {
    const col = offset - this.line(li).start;
    const items: YNode[] = [];
    let line = li;
    let at = offset;
    let end = offset + 1;
    for (;;) {
      const current = this.line(line);
      let itemAt = at + 1;
      while (itemAt < current.end && isSpace(this.text.charCodeAt(itemAt))) itemAt++;
      let parsed: Parsed;
      if (itemAt === current.end || this.text.charCodeAt(itemAt) === 35) {
        const nj = this.nextContent(line + 1);
        const below = this.lines[nj];
        if (below && below.indent > col) parsed = this.parseNodeAt(nj, below.content, col);
        else parsed = { node: nullScalar(at + 1), next: line + 1 };
      } else {
        parsed = this.parseNodeAt(line, itemAt, col);
      }
      items.push(parsed.node);
      end = Math.max(end, parsed.node.end);
      const nj = this.nextContent(parsed.next);
      const next = this.lines[nj];
      if (!next || next.indent < col) return { node: { kind: 'seq', start: offset, end, items }, next: nj };
      if (next.indent > col) throw DEFER;
      if (!this.isSeqStart(next.content, next.end)) {
        return { node: { kind: 'seq', start: offset, end, items }, next: nj };
      }
      line = nj;
      at = next.content;
    }
  }

  /** A scalar, flow collection or block scalar starting at `offset` in the middle of line `li`. */
  private parseInline(li: number, offset: number, parentIndent: number): Parsed {
    const line = this.line(li);
    const text = this.text;
    const c = text.charCodeAt(offset);
    if (c === 124 || c === 62) return this.parseBlockScalar(li, offset, parentIndent);
    let node: YNode;
    let after: number;
    if (c === 34 || c === 39) {
      const close = this.closingQuote(offset, line.end);
      if (close < 0) throw DEFER;
      const inner = text.slice(offset + 1, close);
      const value = c === 34 ? decodeDoubleQuoted(inner) : decodeSingleQuoted(inner);
      if (value === undefined) throw DEFER;
      node = { kind: 'scalar', start: offset, end: close + 1, value, quoted: true };
      after = close + 1;
    } else if (c === 91 || c === 123) {
      const flow = new FlowParser(text, line.end);
      node = flow.parse(offset);
      after = flow.pos;
    } else if ('&*!%@`?-,]}'.includes(text[offset] ?? '')) {
      if (c === 45 && !this.isSeqStart(offset, line.end)) return this.plain(li, offset, parentIndent);
      throw DEFER;
    } else {
      return this.plain(li, offset, parentIndent);
    }
    const valueEnd = after;
    while (after < line.end && isSpace(text.charCodeAt(after))) after++;
    // Only a comment may follow, and it needs a space before its `#`.
    if (after < line.end && (text.charCodeAt(after) !== 35 || after === valueEnd)) throw DEFER;
    return { node, next: this.afterScalar(li, parentIndent) };
  }

  private plain(li: number, offset: number, parentIndent: number): Parsed {
    const line = this.line(li);
    const text = this.text;
    let end = line.end;
    for (let p = offset; p < line.end; p++) {
      const c = text.charCodeAt(p);
      if (c === 35 && isSpace(text.charCodeAt(p - 1))) {
        end = p;
        break;
      }
      if (c === 58 && (p + 1 === line.end || isSpace(text.charCodeAt(p + 1)))) throw DEFER;
    }
    while (end > offset && isSpace(text.charCodeAt(end - 1))) end--;
    const node: YScalar = {
      kind: 'scalar',
      start: offset,
      end,
      value: resolvePlain(text.slice(offset, end)),
      quoted: false,
    };
    return { node, next: this.afterScalar(li, parentIndent) };
  }

  /** The line after a one-line scalar; a more-indented line below would continue it, so defer. */
  private afterScalar(li: number, parentIndent: number): number {
    const nj = this.nextContent(li + 1);
    const next = this.lines[nj];
    if (next && next.indent > parentIndent) throw DEFER;
    return li + 1;
  }

  private parseBlockScalar(li: number, offset: number, parentIndent: number): Parsed {
    const text = this.text;
    const header = this.line(li);
    const folded = text.charCodeAt(offset) === 62;
    let p = offset + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const indicator = text[p];
    if (indicator === '-') chomp = 'strip';
    else if (indicator === '+') chomp = 'keep';
    if (chomp !== 'clip') p++;
    const rest = text.slice(p, header.end);
    if (!/^(?:[ \t]+#.*|[ \t]*)$/.test(rest)) throw DEFER;
    let blockIndent = -1;
    const content: string[] = [];
    let last = li;
    let end = header.end;
    for (let i = li + 1; i < this.lines.length; i++) {
      const line = this.line(i);
      const empty = line.content === line.end;
      if (!empty && blockIndent < 0) {
        if (line.indent <= parentIndent) break;
        blockIndent = line.indent;
        for (const previous of content) if (previous.length > blockIndent) throw DEFER;
        content.fill('');
      }
      if (!empty && line.indent < blockIndent) break;
      content.push(
        blockIndent < 0 ? text.slice(line.start, line.end) : text.slice(line.start + blockIndent, line.end),
      );
      last = i;
      if (!empty) end = line.end;
    }
    let trailing = 0;
    while (content.length > 0 && /^ *$/.test(content[content.length - 1] as string)) {
      content.pop();
      trailing++;
    }
    if (blockIndent < 0) {
      // Only empty lines: an empty string (kept newlines only with `+`).
      content.length = 0;
    }
    let body: string;
    if (!folded) body = content.join('\n');
    else body = fold(content);
    let value: string;
    if (content.length === 0) value = chomp === 'keep' ? '\n'.repeat(trailing) : '';
    else if (chomp === 'strip') value = body;
    else if (chomp === 'clip') value = `${body}\n`;
    else value = `${body}\n${'\n'.repeat(trailing)}`;
    const node: YScalar = { kind: 'scalar', start: offset, end, value, quoted: true };
    return { node, next: last + 1 };
  }
}

/** Folds block-scalar lines: single breaks become spaces, each empty line a newline. */
function fold(lines: readonly string[]): string {
  let out = '';
  let pendingBreaks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '' || /^ *$/.test(line)) {
      if (/^ +$/.test(line)) throw DEFER;
      pendingBreaks++;
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) throw DEFER; // more-indented lines keep breaks
    if (!started) out += '\n'.repeat(pendingBreaks) + line;
    else out += (pendingBreaks === 0 ? ' ' : '\n'.repeat(pendingBreaks)) + line;
    started = true;
    pendingBreaks = 0;
  }
  return out;
}
