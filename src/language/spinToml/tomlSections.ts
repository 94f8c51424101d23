// Where a TOML document can be cut into independently parseable sections: before every table
// header (`[a.b]`, `[[a]]`) that is really a header, i.e. at the start of a line that is not
// inside a multi-line string or a multi-line array. After a header the parser's state is fresh,
// so each section parses on its own; an edit then re-parses only the section it touched.

/** A section of the text: from `start` (a line start) to the next section's start. */
export interface TomlSectionBounds {
  readonly start: number;
  /** 0-based line number of `start`. */
  readonly line: number;
}

type MultiLineString = '"""' | "'''" | undefined;

/** Start offsets of the sections; the first section (root key/values) starts at 0. */
export function splitTomlSections(text: string): TomlSectionBounds[] {
  const sections: TomlSectionBounds[] = [{ start: 0, line: 0 }];
  let open: MultiLineString;
  let depth = 0;
  let line = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (open === undefined && depth === 0 && firstContentChar(text, lineStart, lineEnd) === '[') {
      // A header: it cannot span lines, and its brackets do not nest values.
      if (lineStart > 0) sections.push({ start: lineStart, line });
    } else {
      const state = scanLine(text, lineStart, lineEnd, open, depth);
      open = state.open;
      depth = state.depth;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
    line++;
  }
  return sections;
}

function firstContentChar(text: string, from: number, to: number): string {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return text.charAt(i);
  }
  return '';
}

/** Follows strings, comments and brackets through one line. */
function scanLine(
  text: string,
  from: number,
  to: number,
  open: MultiLineString,
  depth: number,
): { open: MultiLineString; depth: number } {
  let i = from;
  while (i < to) {
    if (open !== undefined) {
      const close = findClose(text, i, to, open);
      if (close === -1) return { open, depth };
      open = undefined;
      i = close;
      continue;
    }
    const c = text.charAt(i);
    if (c === '#') break;
    if (c === '"' || c === "'") {
      if (text.startsWith(c + c + c, i)) {
        open = c === '"' ? '"""' : "'''";
        i += 3;
      } else {
        i = endOfSingleLineString(text, i + 1, to, c);
      }
      continue;
    }
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    i++;
  }
  return { open, depth };
}

/** Offset just after the closing delimiter of a multi-line string, or -1 when not on this line. */
function findClose(text: string, from: number, to: number, delimiter: '"""' | "'''"): number {
  const quote = delimiter.charAt(0);
  for (let i = from; i < to; i++) {
    const c = text.charAt(i);
    if (c === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (c === quote && text.startsWith(delimiter, i)) {
      // Up to two more quotes may close the string as part of its content (`""""`).
      let end = i + 3;
      while (end < to && end < i + 5 && text.charAt(end) === quote) end++;
      return end;
    }
  }
  return -1;
}

function endOfSingleLineString(text: string, from: number, to: number, quote: string): number {
  for (let i = from; i < to; i++) {
    const c = text.charAt(i);
    if (c === '\\' && quote === '"') i++;
    else if (c === quote) return i + 1;
  }
  return to;
}
