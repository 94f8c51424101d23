// Splits a YAML stream into documents at `---` / `...` lines and parses each one, fast where it can,
// with the full parser where it must.
import type { YDocument } from './ast';
import { parseWithYamlPackage } from './fallback';
import { parseBlockDocument } from './fastParser';

interface Segment {
  /** Start of the segment's text (its `---` line, if any). */
  readonly start: number;
  /** Start of the content after the marker line. */
  readonly contentStart: number;
  readonly end: number;
  readonly hasMarker: boolean;
  /** The marker line carries content (`--- !tag`, `--- value`): only the full parser handles it. */
  readonly markerContent: boolean;
}

function markerAt(text: string, pos: number, char: '-' | '.'): boolean {
  if (text[pos] !== char || text[pos + 1] !== char || text[pos + 2] !== char) return false;
  const next = text.charCodeAt(pos + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

function splitSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let contentStart = 0;
  let hasMarker = false;
  let markerContent = false;
  let pos = 0;
  while (pos <= text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = text.length;
    const docStart = markerAt(text, pos, '-');
    if (docStart || markerAt(text, pos, '.')) {
      if (pos > start || hasMarker) {
        segments.push({ start, contentStart, end: pos, hasMarker, markerContent });
      }
      start = pos;
      contentStart = Math.min(lineEnd + 1, text.length);
      hasMarker = docStart;
      const rest = text.slice(pos + 3, lineEnd).trim();
      markerContent = rest !== '' && !rest.startsWith('#');
    }
    pos = lineEnd + 1;
  }
  if (text.length > start || hasMarker) {
    segments.push({ start, contentStart, end: text.length, hasMarker, markerContent });
  }
  return segments;
}

/** Every document of a YAML stream, with its tree and syntax errors; never throws. */
export function parseYamlStream(text: string): YDocument[] {
  try {
    if (text.charCodeAt(0) === 0xfeff || /^%/m.test(text)) return parseWithYamlPackage(text, 0, text.length);
    const docs: YDocument[] = [];
    for (const segment of splitSegments(text)) {
      const contents = segment.markerContent
        ? undefined
        : parseBlockDocument(text, segment.contentStart, segment.end);
      if (contents === undefined) {
        docs.push(...parseWithYamlPackage(text, segment.start, segment.end));
      } else if (contents !== null || segment.hasMarker) {
        docs.push({ start: segment.start, end: segment.end, contents, errors: [] });
      }
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
