// Parsing a spin.toml once, keeping source positions. Everything else in this folder (model,
// rules, completion, fixes) reads the result of this single parse: the positioned tree.
//
// The text is cut into sections at its table headers (tomlSections.ts) and each section is parsed
// on its own by toml-eslint-parser; given the previous parse of the same document, sections whose
// text did not change are not parsed again, so an edit costs the section it touched plus merging.
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { DiagnosticSeverity, type Diagnostic } from '../types';
import { LineTable } from '../lineTable';
import { splitTomlSections } from './tomlSections';
import type { TomlTableNode } from './tree';
import { sectionFragment, shiftFragment, type HeaderStep, type SectionFragment } from './sectionFragment';
import { buildTree, TableConflict } from './treeBuilder';

/** The value TOML gives for a document: tables, arrays and scalars as plain JS values. */
export type TomlPlainValue = string | number | boolean | Date | TomlPlainValue[] | TomlPlainTable;
export interface TomlPlainTable {
  [key: string]: TomlPlainValue;
}

export interface SpinTomlParse {
  readonly text: string;
  /** The positioned tree (tree.ts); undefined when the text is not valid TOML. */
  readonly root: TomlTableNode | undefined;
  /** The document as plain data; undefined on a syntax error. */
  readonly value: TomlPlainTable | undefined;
  /** At most one diagnostic: the first TOML syntax error, at its place. */
  readonly syntaxErrors: Diagnostic[];
  readonly lines: LineTable;
  /** What each section says, by the section's text, for the next version of the document. */
  readonly sections: ReadonlyMap<string, SectionFragment>;
  /** Every table header (`[a.b]`, `[[a]]`) in document order, with the range of each key segment. */
  readonly headers: readonly HeaderStep[];
}

interface TomlParseErrorShape {
  message?: unknown;
  index?: unknown;
}

const NO_SECTIONS: ReadonlyMap<string, SectionFragment> = new Map();

/**
 * Parses spin.toml text. Never throws. Pass the parse of the document's previous version to
 * re-parse only the sections that changed.
 */
export function parseSpinToml(text: string, previous?: SpinTomlParse): SpinTomlParse {
  const lines = new LineTable(text);
  const reusable = previous?.sections ?? NO_SECTIONS;
  const sections = new Map<string, SectionFragment>();
  const fragments: SectionFragment[] = [];
  const bounds = splitTomlSections(text);
  for (let i = 0; i < bounds.length; i++) {
    const { start, line } = bounds[i] as (typeof bounds)[number];
    const end = bounds[i + 1]?.start ?? text.length;
    const sectionText = text.slice(start, end);
    let fragment = sections.get(sectionText) ?? reusable.get(sectionText);
    if (fragment && fragment.line !== line) fragment = shiftFragment(fragment, line);
    if (!fragment) {
      try {
        fragment = sectionFragment(parseTOML(sectionText), sectionText, line);
      } catch (error) {
        return failed(text, lines, error, start);
      }
    }
    // Identical sections (same text) at different lines keep the first; later ones shift from it.
    if (!sections.has(sectionText)) sections.set(sectionText, fragment);
    fragments.push(fragment);
  }
  const end = lines.position(text.length);
  try {
    return parsed(text, lines, buildTree(fragments, end, true), sections, fragments);
  } catch (error) {
    if (!(error instanceof TableConflict)) return failed(text, lines, error, 0);
  }
  // Sections that are each valid but clash: the parser, on the whole text, says exactly where.
  try {
    const whole = sectionFragment(parseTOML(text), text, 0);
    return parsed(text, lines, buildTree([whole], end, false), NO_SECTIONS, [whole]);
  } catch (error) {
    return failed(text, lines, error, 0);
  }
}

function parsed(
  text: string,
  lines: LineTable,
  root: TomlTableNode,
  sections: ReadonlyMap<string, SectionFragment>,
  fragments: readonly SectionFragment[],
): SpinTomlParse {
  let value: TomlPlainTable | undefined;
  let headers: HeaderStep[] | undefined;
  return {
    text,
    root,
    // Plain values are computed on first use (the pipeline's reader); validation reads the tree.
    get value() {
      value ??= plainValue(text);
      return value;
    },
    syntaxErrors: [],
    lines,
    sections,
    get headers() {
      headers ??= fragments.flatMap((f) => f.steps.filter((s): s is HeaderStep => s.kind === 'header'));
      return headers;
    },
  };
}

function plainValue(text: string): TomlPlainTable | undefined {
  try {
    return getStaticTOMLValue(parseTOML(text)) as TomlPlainTable;
  } catch {
    return undefined;
  }
}

function failed(text: string, lines: LineTable, error: unknown, offset: number): SpinTomlParse {
  return {
    text,
    root: undefined,
    value: undefined,
    syntaxErrors: [syntaxDiagnostic(error, lines, offset)],
    lines,
    sections: NO_SECTIONS,
    headers: [],
  };
}

function syntaxDiagnostic(error: unknown, lines: LineTable, sectionOffset: number): Diagnostic {
  const e = (typeof error === 'object' && error !== null ? error : {}) as TomlParseErrorShape;
  const offset = backToContent(lines.text, sectionOffset + (typeof e.index === 'number' ? e.index : 0));
  const start = lines.position(offset);
  const lineEnd = lines.position(lines.offset({ line: start.line + 1, character: 0 }) - 1);
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
