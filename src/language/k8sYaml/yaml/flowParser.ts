// One-line flow collections of the fast parser (`[a, "b"]`, `{k: v}`).
import type { YMap, YNode, YPair, YScalar, YSeq } from './ast';
import { DEFER, isSpace, MAX_DEPTH, nullScalar } from './parserSupport';
import { decodeDoubleQuoted, decodeSingleQuoted, resolvePlain } from './scalars';

/** One-line flow collections (`[a, "b"]`, `{k: v}`); defers on anything spanning lines. */
export class FlowParser {
  pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly lineEnd: number,
  ) {}

  parse(offset: number): YNode {
    this.pos = offset;
    return this.node();
  }

  private skip(): void {
    while (this.pos < this.lineEnd && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos >= this.lineEnd) throw DEFER;
  }

  private node(): YNode {
    if (++this.depth > MAX_DEPTH) throw DEFER;
    try {
      this.skip();
      const c = this.text.charCodeAt(this.pos);
      if (c === 91) return this.seq();
      if (c === 123) return this.map();
      return this.scalar();
    } finally {
      this.depth--;
    }
  }

  private seq(): YSeq {
    const start = this.pos++;
    const items: YNode[] = [];
    for (;;) {
      this.skip();
      if (this.text.charCodeAt(this.pos) === 93) break;
      const item = this.node();
      this.skip();
      if (this.text.charCodeAt(this.pos) === 58) throw DEFER; // `[a: b]`
      items.push(item);
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c !== 93) throw DEFER;
      break;
    }
    this.pos++;
    return { kind: 'seq', start, end: this.pos, items };
  }

  private map(): YMap {
    const start = this.pos++;
    const pairs: YPair[] = [];
    const seen = new Set<string>();
    for (;;) {
      this.skip();
      if (this.text.charCodeAt(this.pos) === 125) break;
      const key = this.scalar();
      if (seen.has(String(key.value))) throw DEFER;
      seen.add(String(key.value));
      this.skip();
      let value: YNode;
      if (this.text.charCodeAt(this.pos) === 58) {
        this.pos++;
        this.skip();
        const c = this.text.charCodeAt(this.pos);
        value = c === 44 || c === 125 ? nullScalar(this.pos) : this.node();
        this.skip();
      } else value = nullScalar(this.pos);
      pairs.push({ key, value });
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c !== 125) throw DEFER;
      break;
    }
    this.pos++;
    return { kind: 'map', start, end: this.pos, pairs };
  }

  private scalar(): YScalar {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === 34 || c === 39) {
      let p = start + 1;
      for (; p < this.lineEnd; p++) {
        const ch = text.charCodeAt(p);
        if (c === 34 && ch === 92) {
          p++;
          continue;
        }
        if (ch === c) {
          if (c === 39 && text.charCodeAt(p + 1) === 39) {
            p++;
            continue;
          }
          break;
        }
      }
      if (p >= this.lineEnd) throw DEFER;
      const inner = text.slice(start + 1, p);
      const value = c === 34 ? decodeDoubleQuoted(inner) : decodeSingleQuoted(inner);
      if (value === undefined) throw DEFER;
      this.pos = p + 1;
      return { kind: 'scalar', start, end: this.pos, value, quoted: true };
    }
    if ('[]{},#&*!|>%@`?'.includes(text[start] ?? '')) throw DEFER;
    let p = start;
    for (; p < this.lineEnd; p++) {
      const ch = text.charCodeAt(p);
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) break;
      if (ch === 58) {
        const n = text.charCodeAt(p + 1);
        if (p + 1 >= this.lineEnd || isSpace(n) || n === 44 || n === 93 || n === 125) break;
      }
      if (ch === 35 && isSpace(text.charCodeAt(p - 1))) throw DEFER;
    }
    let end = p;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end === start) throw DEFER;
    this.pos = p;
    return { kind: 'scalar', start, end, value: resolvePlain(text.slice(start, end)), quoted: false };
  }
}
