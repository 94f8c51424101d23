// The full `yaml` parser for documents outside the fast subset: its tree is converted to ours and
// its syntax errors kept, with offsets shifted to the whole file.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  Scalar,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { YDocument, YNode, YPair, YScalar, YSyntaxError } from './ast';
import { syntaxErrorRange } from './errorRange';

const MAX_DEPTH = 200;

/** Parses `text.slice(start, end)` with the full parser; offsets in the result are file offsets. */
export function parseWithYamlPackage(text: string, start: number, end: number): YDocument[] {
  const slice = text.slice(start, end);
  const parsed = parseAllDocuments(slice, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const out: YDocument[] = [];
  for (const doc of docs) {
    const errors: YSyntaxError[] = doc.errors.map((e) => syntaxError(slice, start, e));
    const [docStart, , docEnd] = doc.range;
    const converter = new Converter(doc, start);
    const contents = doc.contents ? converter.node(doc.contents as Node, 0) : null;
    if (converter.exhausted) {
      errors.push({
        message: `the document expands to more than ${NODE_BUDGET} nodes through aliases; it is not checked`,
        start: start + docStart,
        end: start + docStart + 1,
      });
    }
    out.push({ start: start + docStart, end: start + docEnd, contents, errors });
  }
  if (out.length === 0 && !Array.isArray(parsed)) {
    // An empty stream can still carry errors (for example a lone directive).
    const errors = (parsed as { errors?: { message: string; pos: [number, number] }[] }).errors ?? [];
    if (errors.length > 0) {
      out.push({
        start,
        end,
        contents: null,
        errors: errors.map((e) => syntaxError(slice, start, e)),
      });
    }
  }
  return out;
}

/** A parser error of `slice` (which starts at file offset `offset`), drawn on the offending token. */
function syntaxError(
  slice: string,
  offset: number,
  e: { message: string; pos: [number, number] },
): YSyntaxError {
  const range = syntaxErrorRange(slice, e.pos[0] ?? 0, e.pos[1] ?? 0);
  return { message: e.message, start: offset + range.start, end: offset + range.end };
}

/** Most nodes one document may expand to (aliases can multiply a small text exponentially). */
const NODE_BUDGET = 100_000;

class Converter {
  /** Set when the budget ran out: the rest of the tree was cut off. */
  exhausted = false;
  private budget = NODE_BUDGET;
  /** Alias → its anchored node, for every alias of the document, found in one pass. */
  private readonly resolved: Map<object, Node | undefined>;

  constructor(
    doc: Document.Parsed,
    private readonly offset: number,
  ) {
    this.resolved = anchorsOf(doc);
  }

  node(node: Node | null | undefined, depth: number, at?: readonly [number, number]): YNode {
    const range = node?.range;
    const start = at?.[0] ?? (range ? range[0] + this.offset : this.offset);
    const end = at?.[1] ?? (range ? range[1] + this.offset : start);
    if (!node || depth > MAX_DEPTH || --this.budget < 0) {
      if (this.budget < 0) this.exhausted = true;
      return { kind: 'scalar', start, end, value: null, quoted: false };
    }
    if (isAlias(node)) return this.node(this.resolved.get(node), depth + 1, [start, end]);
    if (isScalar(node)) return this.scalar(node, start, end);
    if (isMap(node)) {
      const pairs: YPair[] = node.items.map((pair) => this.pair(pair.key as Node, pair.value as Node, depth));
      return { kind: 'map', start, end, pairs };
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => {
        if (isPair(item)) {
          const pair = this.pair(item.key as Node, item.value as Node, depth);
          return { kind: 'map', start: pair.key.start, end: pair.value.end, pairs: [pair] } as YNode;
        }
        return this.node(item as Node, depth + 1);
      });
      return { kind: 'seq', start, end, items };
    }
    return { kind: 'scalar', start, end, value: null, quoted: false };
  }

  private pair(key: Node | null, value: Node | null, depth: number): YPair {
    const keyNode = this.node(key, depth + 1);
    const keyScalar: YScalar =
      keyNode.kind === 'scalar'
        ? keyNode
        : { kind: 'scalar', start: keyNode.start, end: keyNode.end, value: String(key), quoted: false };
    const valueNode = value
      ? this.node(value, depth + 1)
      : ({ kind: 'scalar', start: keyScalar.end, end: keyScalar.end, value: null, quoted: false } as YScalar);
    return { key: keyScalar, value: valueNode };
  }

  private scalar(node: Scalar, start: number, end: number): YScalar {
    const raw = node.value;
    let value: string | number | boolean | null;
    if (raw === null || raw === undefined) value = null;
    else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') value = raw;
    else if (typeof raw === 'bigint') value = Number(raw);
    else value = String(raw);
    const quoted = node.type !== undefined && node.type !== Scalar.PLAIN;
    return { kind: 'scalar', start, end, value, quoted };
  }
}

/**
 * What each alias of a document refers to: the last node before it with that anchor, found in one
 * walk in document order (the yaml package's `Alias.resolve` walks the whole document per alias,
 * which made a document of many aliases quadratic).
 */
function anchorsOf(doc: Document.Parsed): Map<object, Node | undefined> {
  const anchors = new Map<string, Node>();
  const resolved = new Map<object, Node | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        resolved.set(node, anchors.get(node.source));
        return;
      }
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) anchors.set(anchor, node as Node);
    },
  });
  return resolved;
}
