// Splits a YAML stream into documents at `---` / `...` lines and parses each with the `yaml`
// package. The documents of each stream's last version are kept (by file URI), so an edit to one
// document of a large file re-parses that document only; the others are reused as they are, or
// with their offsets moved. Only the last version is kept: older ones are garbage at once.
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

/** How many streams (files) keep their last version's documents. */
const STREAM_LIMIT = 64;

/** A stream's last version: the documents of each segment, by segment text, as placed then. */
type LastVersion = Map<string, { readonly start: number; readonly docs: readonly YDocument[] }>;

const lastVersions = new RecentlyUsed<LastVersion>(STREAM_LIMIT);

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
 * A segment's documents at `start`: those of the stream's previous version when the segment's text
 * is unchanged (the same objects while it keeps its offset, as sits before the edit; moved copies
 * after it), else parsed now.
 */
function placeSegment(text: string, start: number, previous: LastVersion | undefined): readonly YDocument[] {
  const last = previous?.get(text);
  if (last?.start === start) return last.docs;
  if (last) return last.docs.map((doc) => shiftDocument(doc, start - last.start));
  return parseWithYamlPackage(text, 0, text.length).map((doc) => shiftDocument(doc, start));
}

/**
 * Every document of a YAML stream, with its tree and syntax errors; never throws. `uri` names the
 * stream (its file) whose previous version's documents may be reused.
 */
export function parseYamlStream(text: string, uri = ''): YDocument[] {
  try {
    // Directives and a byte-order mark belong to the whole stream: parse it in one piece.
    if (text.charCodeAt(0) === 0xfeff || /^%/m.test(text)) return parseWithYamlPackage(text, 0, text.length);
    const previous = lastVersions.get(uri);
    const current: LastVersion = new Map();
    const docs: YDocument[] = [];
    for (const segment of splitSegments(text)) {
      const segmentText = text.slice(segment.start, segment.end);
      const placed = placeSegment(segmentText, segment.start, previous);
      current.set(segmentText, { start: segment.start, docs: placed });
      for (const doc of placed) docs.push(doc);
    }
    lastVersions.set(uri, current);
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
