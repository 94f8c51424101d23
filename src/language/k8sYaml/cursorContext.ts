// Where the cursor is in a YAML file, read from the text by indentation so that it also works on
// half-typed, unparsable lines: which document, what kind, the key path above the cursor, and
// whether a key or a value is being typed.
import { SPINKUBE_TEXT } from './spinKubeObjects';

export interface CursorContext {
  /** Offsets of the document (between `---` lines) holding the cursor. */
  readonly docStart: number;
  readonly docEnd: number;
  /** The document's kind as written (`SpinApp`…), if any. */
  readonly kind: string | undefined;
  readonly isSpinKube: boolean;
  /** Keys from the root to the map being edited; `[]` for a list item. */
  readonly path: string[];
  readonly mode: 'key' | 'value';
  /** For values: the key whose value is typed. */
  readonly key?: string;
  /** Offset where the typed word starts (replaced by a completion). */
  readonly wordStart: number;
  /** Column of the key being typed (or of the key whose value is typed). */
  readonly column: number;
  /** Keys already present next to the one being typed. */
  readonly siblings: ReadonlySet<string>;
}

interface LineShape {
  /** Columns of `- ` item markers at the start of the line. */
  readonly dashes: number[];
  /** Column and name of the key, if the line holds `key:`. */
  readonly keyCol?: number;
  readonly key?: string;
  /** Whether the key has a value on the same line (not a block parent). */
  readonly hasValue: boolean;
  /** Column of the first content character after the markers. */
  readonly contentCol: number;
  readonly blank: boolean;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)("[^"]*"|'[^']*'|[^\s#'"[{][^:#]*?)\s*:(?:\s+(.*?))?\s*$/;

function shapeOf(line: string): LineShape {
  const trimmed = line.replace(/\r$/, '');
  const indent = trimmed.length - trimmed.trimStart().length;
  if (trimmed.trim() === '' || trimmed.trimStart().startsWith('#')) {
    return { dashes: [], hasValue: false, contentCol: indent, blank: true };
  }
  const dashes: number[] = [];
  let col = indent;
  while (trimmed[col] === '-' && (trimmed[col + 1] === ' ' || col + 1 === trimmed.length)) {
    dashes.push(col);
    col += 1;
    while (trimmed[col] === ' ') col++;
  }
  const match = KEY_LINE.exec(trimmed);
  if (match && match[3] !== undefined) {
    const keyText = match[3].replace(/^["']|["']$/g, '');
    const value = (match[4] ?? '').replace(/\s+#.*$/, '');
    const hasValue = value !== '' && !/^[|>][-+]?$/.test(value) && !/^&\S+$/.test(value);
    return { dashes, keyCol: col, key: keyText, hasValue, contentCol: col, blank: false };
  }
  return { dashes, hasValue: true, contentCol: col, blank: false };
}

function lineStarts(text: string, from: number, to: number): number[] {
  const starts = [from];
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function documentBounds(text: string, offset: number): { start: number; end: number } {
  const marker = /^(?:---|\.\.\.)(?=\s|$).*$/gm;
  let start = 0;
  let end = text.length;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index + m[0].length < offset) start = Math.min(text.length, m.index + m[0].length + 1);
    else if (m.index >= offset) {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

/** What is typed on the cursor line; `column` is undefined when it is not a key or a value. */
interface CursorLine {
  readonly mode: 'key' | 'value';
  readonly key?: string;
  readonly wordStart: number;
  readonly column?: number;
  readonly itemDashes: number[];
}

function readCursorLine(before: string, offset: number): CursorLine {
  const valueMatch = /^(\s*)((?:-\s+)*)("[^"]*"|'[^']*'|[^\s#'"-][^:#]*?)\s*:\s+(\S*)$/.exec(before);
  if (valueMatch) {
    return {
      mode: 'value',
      column: (valueMatch[1] ?? '').length + (valueMatch[2] ?? '').length,
      key: (valueMatch[3] ?? '').replace(/^["']|["']$/g, ''),
      wordStart: offset - (valueMatch[4] ?? '').length,
      itemDashes: dashColumns(before),
    };
  }
  const word = /[\w.-]*$/.exec(before)?.[0] ?? '';
  const prefix = before.slice(0, before.length - word.length);
  const typingKey = /^\s*(?:-\s+)*$/.test(prefix);
  return {
    mode: 'key',
    wordStart: offset - word.length,
    ...(typingKey ? { column: prefix.length } : {}),
    itemDashes: typingKey ? dashColumns(prefix) : [],
  };
}

/**
 * Walks up from the cursor line to the document start, putting the keys (and `[]` for list items)
 * that hold the cursor at the front of `path`; keys at the cursor's column above it go to `siblings`.
 */
function collectAncestors(
  text: string,
  bounds: { readonly docStart: number; readonly lineStart: number },
  line: CursorLine & { readonly column: number },
  path: string[],
  siblings: Set<string>,
): void {
  // Items opened on the cursor line itself (`- na|`) are the innermost steps.
  let col = line.column;
  let allowEqual = false;
  let ancestorsFound = false;
  if (line.itemDashes.length > 0) {
    for (let i = 0; i < line.itemDashes.length; i++) path.unshift('[]');
    col = line.itemDashes[0] as number;
    allowEqual = true;
    ancestorsFound = true;
  }
  const starts = lineStarts(text, bounds.docStart, bounds.lineStart);
  for (let i = starts.length - 2; i >= 0; i--) {
    const s = starts[i] as number;
    const shape = shapeOf(text.slice(s, Math.max(s, (starts[i + 1] as number) - 1)));
    if (shape.blank) continue;
    if (!ancestorsFound && shape.keyCol === line.column && shape.key !== undefined) siblings.add(shape.key);
    const first = shape.dashes[0] ?? shape.contentCol;
    if (first > col || (first === col && !(allowEqual && shape.dashes.length === 0))) continue;
    const keyCol = shape.keyCol;
    if (
      keyCol !== undefined &&
      shape.key !== undefined &&
      !shape.hasValue &&
      (keyCol < col || (allowEqual && keyCol === col))
    ) {
      path.unshift(shape.key);
      col = keyCol;
      allowEqual = false;
      ancestorsFound = true;
    }
    for (let d = shape.dashes.length - 1; d >= 0; d--) {
      const dash = shape.dashes[d] as number;
      if (dash >= col) continue;
      path.unshift('[]');
      col = dash;
      allowEqual = true;
      ancestorsFound = true;
    }
    if (col === 0 && !allowEqual) break;
  }
}

export function cursorContext(text: string, offset: number): CursorContext {
  const { start: docStart, end: docEnd } = documentBounds(text, offset);
  const docText = text.slice(docStart, docEnd);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = readCursorLine(text.slice(lineStart, offset), offset);
  const path: string[] = [];
  const siblings = new Set<string>();
  const context = {
    docStart,
    docEnd,
    kind: /^kind\s*:\s*["']?([A-Za-z]+)/m.exec(docText)?.[1],
    isSpinKube: SPINKUBE_TEXT.test(docText),
    path,
    mode: line.mode,
    ...(line.key !== undefined ? { key: line.key } : {}),
    wordStart: line.wordStart,
    siblings,
  };
  if (line.column === undefined) return { ...context, column: 0 };
  const column = line.column;
  collectAncestors(text, { docStart, lineStart }, { ...line, column }, path, siblings);
  if (line.mode === 'key') collectSiblingsBelow(text, offset, docEnd, column, siblings);
  return { ...context, column };
}

function collectSiblingsBelow(
  text: string,
  offset: number,
  docEnd: number,
  column: number,
  siblings: Set<string>,
): void {
  let pos = text.indexOf('\n', offset);
  while (pos >= 0 && pos < docEnd) {
    const next = text.indexOf('\n', pos + 1);
    const shape = shapeOf(text.slice(pos + 1, next < 0 ? docEnd : Math.min(next, docEnd)));
    pos = next;
    if (shape.blank) continue;
    if ((shape.dashes[0] ?? shape.contentCol) < column) return;
    if (shape.keyCol === column && shape.key !== undefined && shape.dashes.length === 0) {
      siblings.add(shape.key);
    }
  }
}

function dashColumns(prefix: string): number[] {
  const out: number[] = [];
  const re = /-(?=\s)/g;
  for (let m = re.exec(prefix); m; m = re.exec(prefix)) {
    if (prefix.slice(0, m.index).trim() === '' || /^[\s-]*$/.test(prefix.slice(0, m.index))) {
      out.push(m.index);
    }
  }
  return out;
}
