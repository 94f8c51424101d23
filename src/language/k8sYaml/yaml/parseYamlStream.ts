// Splits a YAML stream into documents at `---` / `...` lines and parses each with the `yaml`
// package. Parsed documents are kept by their text, so an edit to one document of a large file
// re-parses that document only; the others are reused with their offsets moved.
import type { YDocument, YNode, YPair, YScalar } from './ast';
import { RecentlyUsed } from '../../recentlyUsed';
import { parseWithYamlPackage } from './fallback';

interface Segment {
  /** Start of the segment's text (its `---` line, if any). */
  readonly start: number;
  readonly end: number;
}

function markerAt(text: string, pos: number, char: '-' | '.'): boolean {
  if (text[pos] !== char || text[pos + 1] !== char || text[pos + 2] !== char) return false;
  const next = text.charCodeAt(pos + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

/** Document boundaries: a `---` or `...` at the start of a line always ends the previous document. */
function splitSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let pos = 0;
  while (pos <= text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = text.length;
    if (pos > start && (markerAt(text, pos, '-') || markerAt(text, pos, '.'))) {
      segments.push({ start, end: pos });
      start = pos;
    }
    pos = lineEnd + 1;
  }
  if (text.length > start || segments.length === 0) segments.push({ start, end: text.length });
  return segments;
}

/** Enough for several files of a thousand documents each. */
const CACHE_LIMIT = 5_000;

/** Parsed segments by their text (offsets relative to the segment). */
const cache = new RecentlyUsed<readonly YDocument[]>(CACHE_LIMIT);

function parseSegment(text: string): readonly YDocument[] {
  let docs = cache.get(text);
  if (!docs) {
    docs = parseWithYamlPackage(text, 0, text.length);
    cache.set(text, docs);
  }
  return docs;
}

function shiftNode(node: YNode, by: number): YNode {
  switch (node.kind) {
    case 'scalar':
      return shiftScalar(node, by);
    case 'seq':
      return {
        ...node,
        start: node.start + by,
        end: node.end + by,
        items: node.items.map((i) => shiftNode(i, by)),
      };
    case 'map':
      return {
        ...node,
        start: node.start + by,
        end: node.end + by,
        pairs: node.pairs.map((p): YPair => ({ key: shiftScalar(p.key, by), value: shiftNode(p.value, by) })),
      };
  }
}

function shiftScalar(node: YScalar, by: number): YScalar {
  return { ...node, start: node.start + by, end: node.end + by };
}

function shiftDocument(doc: YDocument, by: number): YDocument {
  if (by === 0) return doc;
  return {
    start: doc.start + by,
    end: doc.end + by,
    contents: doc.contents && shiftNode(doc.contents, by),
    errors: doc.errors.map((e) => ({ ...e, start: e.start + by, end: e.end + by })),
  };
}

/**
 * Documents as last placed in a stream, by segment text: while a segment keeps its offset (it sits
 * before the edit), its documents are the same objects as in the previous version, not copies.
 */
const placed = new RecentlyUsed<{ start: number; docs: readonly YDocument[] }>(CACHE_LIMIT);

function placeSegment(text: string, start: number): readonly YDocument[] {
  const last = placed.get(text);
  if (last?.start === start) return last.docs;
  const docs = parseSegment(text).map((doc) => shiftDocument(doc, start));
  placed.set(text, { start, docs });
  return docs;
}

/** Every document of a YAML stream, with its tree and syntax errors; never throws. */
export function parseYamlStream(text: string): YDocument[] {
  try {
    // Directives and a byte-order mark belong to the whole stream: parse it in one piece.
    if (text.charCodeAt(0) === 0xfeff || /^%/m.test(text)) return parseWithYamlPackage(text, 0, text.length);
    const docs: YDocument[] = [];
    for (const segment of splitSegments(text)) {
      for (const doc of placeSegment(text.slice(segment.start, segment.end), segment.start)) docs.push(doc);
    }
    return docs;
  } catch (error) {
    return [
      {
        start: 0,
        end: text.length,
        contents: null,
        errors: [
          { message: `YAML could not be read: ${String(error)}`, start: 0, end: Math.min(1, text.length) },
        ],
      },
    ];
  }
}
