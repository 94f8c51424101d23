// Parsing a spin.toml once, keeping source positions. Everything else in this folder (model,
// rules, completion, fixes) reads the result of this single parse.
import { getStaticTOMLValue, parseTOML, type AST } from 'toml-eslint-parser';
import { DiagnosticSeverity, type Diagnostic, type Position, type Range } from '../types';

/** Converts between string offsets and LSP positions (0-based lines, UTF-16 columns). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - (this.starts[lo] ?? 0) };
  }

  offsetAt(position: Position): number {
    const start = this.starts[Math.max(0, Math.min(position.line, this.starts.length - 1))] ?? 0;
    const lineStart = position.line >= this.starts.length ? this.text.length : start;
    return Math.min(this.text.length, lineStart + Math.max(0, position.character));
  }

  /** Range of a parser node, from the line/column the parser already computed. */
  rangeOf(node: {
    loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  }): Range {
    const { start, end } = node.loc;
    return {
      start: { line: start.line - 1, character: start.column },
      end: { line: end.line - 1, character: end.column },
    };
  }

  lineCount(): number {
    return this.starts.length;
  }
}

/** The value TOML gives for a document: tables, arrays and scalars as plain JS values. */
export type TomlPlainValue = string | number | boolean | Date | TomlPlainValue[] | TomlPlainTable;
export interface TomlPlainTable {
  [key: string]: TomlPlainValue;
}

export interface SpinTomlParse {
  readonly text: string;
  /** The syntax tree with positions; undefined when the text is not valid TOML. */
  readonly ast: AST.TOMLProgram | undefined;
  /** The document as plain data; undefined on a syntax error. */
  readonly value: TomlPlainTable | undefined;
  /** At most one diagnostic: the first TOML syntax error, at its place. */
  readonly syntaxErrors: Diagnostic[];
  readonly lines: LineIndex;
}

interface TomlParseErrorShape {
  message?: unknown;
  index?: unknown;
}

/** Parses spin.toml text. Never throws. */
export function parseSpinToml(text: string): SpinTomlParse {
  const lines = new LineIndex(text);
  try {
    const ast = parseTOML(text);
    let value: TomlPlainTable | undefined;
    return {
      text,
      ast,
      // Plain values are computed on first use: validation works from the positioned tree.
      get value() {
        value ??= getStaticTOMLValue(ast) as TomlPlainTable;
        return value;
      },
      syntaxErrors: [],
      lines,
    };
  } catch (error) {
    return { text, ast: undefined, value: undefined, syntaxErrors: [syntaxDiagnostic(error, lines)], lines };
  }
}

function syntaxDiagnostic(error: unknown, lines: LineIndex): Diagnostic {
  const e = (typeof error === 'object' && error !== null ? error : {}) as TomlParseErrorShape;
  const offset = backToContent(lines.text, typeof e.index === 'number' ? e.index : 0);
  const start = lines.positionAt(offset);
  const lineEnd = lines.positionAt(lines.offsetAt({ line: start.line + 1, character: 0 }) - 1);
  const end =
    start.line === lineEnd.line && lineEnd.character >= start.character
      ? { line: start.line, character: start.character + 1 }
      : start;
  const message =
    error instanceof RangeError
      ? 'the document is nested too deeply to read'
      : typeof e.message === 'string'
        ? e.message
        : String(error);
  return {
    range: { start, end },
    severity: DiagnosticSeverity.Error,
    code: 'spin-toml/syntax',
    source: 'spinkube',
    message: `TOML parse error: ${message}`,
  };
}

/** A parser error found at the start of a line or the end of the text is about what came before it. */
function backToContent(text: string, offset: number): number {
  const at = Math.min(offset, text.length);
  const atLineStart = at === 0 || text.charAt(at - 1) === '\n';
  if (at < text.length && !(atLineStart && /\s/.test(text.charAt(at)))) return at;
  let back = at;
  while (back > 0 && /\s/.test(text.charAt(back - 1))) back--;
  return back > 0 ? back : 0;
}

/** The first line of a text, without scanning the rest. */
export function firstLineOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? text : text.slice(0, newline).replace(/\r$/, '');
}
