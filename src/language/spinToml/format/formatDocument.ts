// Formatting a whole spin.toml with taplo's conventions: one statement (table header or
// `key = value`) per line without indentation, comments kept where they are (own line, or after
// the statement they follow), runs of blank lines cut to `allowedBlankLines`, at least one blank
// line before each table header (and the comments directly above it), none at the start, and one
// newline at the end. The document's data is never changed: keys and scalars are kept as written.
//
// The result is a list of edits, one per statement (with the lines before it) that changes, so the
// editor keeps the cursor and range formatting can keep only the edits in its range.
import { parseTOML, type AST } from 'toml-eslint-parser';
import { LineTable } from '../../lineTable';
import type { Range, TextEdit } from '../../types';
import type { TomlFormatOptions } from './formatOptions';
import { CommentIndex, commentText, formatKey, formatKeyValue, type ValueFormatter } from './formatValues';

interface Statement {
  /** Offset where the statement starts, and where it ends (after a comment on its last line). */
  readonly start: number;
  readonly end: number;
  readonly formatted: string;
  readonly header: boolean;
}

interface Piece {
  /** The original text [from, to) this piece replaces. */
  readonly from: number;
  readonly to: number;
  readonly newText: string;
  /** The statement's own span, for range formatting. */
  readonly start: number;
}

/** The formatting edits of a document, or undefined when it is not valid TOML. */
export function formatEdits(text: string, options: TomlFormatOptions, range?: Range): TextEdit[] | undefined {
  const pieces = formatPieces(text, options);
  if (!pieces) return undefined;
  const lines = new LineTable(text);
  const edits: TextEdit[] = [];
  for (const piece of pieces) {
    if (text.slice(piece.from, piece.to) === piece.newText) continue;
    if (range) {
      const first = lines.position(piece.start).line;
      const last = lines.position(Math.max(piece.start, piece.to - 1)).line;
      if (last < range.start.line || first > range.end.line) continue;
    }
    edits.push({
      range: { start: lines.position(piece.from), end: lines.position(piece.to) },
      newText: piece.newText,
    });
  }
  return edits;
}

/** The formatted text of a document, or undefined when it is not valid TOML. */
export function formatText(text: string, options: TomlFormatOptions): string | undefined {
  const pieces = formatPieces(text, options);
  return pieces?.map((p) => p.newText).join('');
}

function formatPieces(text: string, options: TomlFormatOptions): Piece[] | undefined {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(text);
  } catch {
    return undefined;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const f: ValueFormatter = { text, comments: new CommentIndex(program.comments), options, eol };
  const statements = statementsOf(f, program);
  const gaps = new GapFormatter(f);
  const pieces: Piece[] = [];
  let previousEnd = 0;
  statements.forEach((statement, i) => {
    const gap = gaps.format(
      previousEnd,
      statement.start,
      i === 0 ? 'start' : statement.header ? 'header' : 'entry',
    );
    pieces.push({
      from: previousEnd,
      to: statement.end,
      newText: gap + statement.formatted,
      start: statement.start,
    });
    previousEnd = statement.end;
  });
  const tail = gaps.format(previousEnd, text.length, statements.length === 0 ? 'empty' : 'end');
  pieces.push({ from: previousEnd, to: text.length, newText: tail, start: previousEnd });
  return pieces;
}

function statementsOf(f: ValueFormatter, program: AST.TOMLProgram): Statement[] {
  const out: Statement[] = [];
  const add = (start: number, end: number, formatted: string, header: boolean) => {
    // A comment on the statement's last line, after it, stays there.
    const [comment] = f.comments.within(end, nextLineBreak(f.text, end));
    const trailing = comment ? ` ${commentText(f.text, comment)}` : '';
    out.push({ start, end: comment ? comment.range[1] : end, formatted: formatted + trailing, header });
  };
  for (const node of program.body[0].body) {
    if (node.type === 'TOMLKeyValue') {
      add(node.range[0], node.range[1], formatKeyValue(f, node, 0), false);
      continue;
    }
    const array = node.kind === 'array';
    const close = f.text.indexOf(array ? ']]' : ']', node.key.range[1]) + (array ? 2 : 1);
    const key = formatKey(f, node.key);
    add(node.range[0], close, array ? `[[${key}]]` : `[${key}]`, true);
    for (const kv of node.body) add(kv.range[0], kv.range[1], formatKeyValue(f, kv, 0), false);
  }
  return out;
}

function nextLineBreak(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at === -1 ? text.length : at;
}

type GapKind = 'start' | 'entry' | 'header' | 'end' | 'empty';

/** The lines between two statements: their comments, and blank lines within the limits. */
class GapFormatter {
  constructor(private readonly f: ValueFormatter) {}

  format(from: number, to: number, kind: GapKind): string {
    const { text, eol, options } = this.f;
    const comments = this.f.comments.within(from, to);
    // Blank lines before each comment and before what follows the gap.
    const blanks: number[] = [];
    let at = from;
    for (const c of [...comments.map((x) => x.range[0]), to]) {
      const newlines = countNewlines(text, at, c);
      blanks.push(Math.min(Math.max(newlines - 1, 0), options.allowedBlankLines));
      const comment = comments[blanks.length - 1];
      if (comment) at = comment.range[1];
    }
    if (kind === 'start' || kind === 'empty') blanks[0] = 0;
    if (kind === 'end' || kind === 'empty') blanks[blanks.length - 1] = 0;
    if (kind === 'header') {
      // The comments directly above a header go with it: the blank line goes before them.
      let j = blanks.length - 1;
      while (j > 0 && blanks[j] === 0) j--;
      blanks[j] = Math.max(blanks[j] ?? 0, 1);
    }
    let out = '';
    comments.forEach((c, i) => {
      const separator = (kind === 'start' || kind === 'empty') && i === 0 ? '' : eol;
      out += separator + eol.repeat(blanks[i] ?? 0) + commentText(text, c);
    });
    if (kind === 'end' || kind === 'empty') return comments.length === 0 && kind === 'empty' ? '' : out + eol;
    const separator = kind === 'start' && comments.length === 0 ? '' : eol;
    return out + separator + eol.repeat(blanks[blanks.length - 1] ?? 0);
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
