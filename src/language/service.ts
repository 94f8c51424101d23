import { documentKindOf } from './documentKind';
import { defaultLanguages, type LanguageRegistry } from './languageRegistry';
import { contains } from './ranges';
import {
  DiagnosticSeverity,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentKind,
  type DocumentLanguage,
  type DocumentSymbol,
  type Hover,
  type LanguageContext,
  type Location,
  type Position,
  type Range,
  type RenamePreparation,
  type SourceDocument,
  type TextEdit,
  type WorkspaceEdit,
} from './types';

/** Where the service reports a language that failed (the server sends it to the client console). */
export type ServiceLog = (message: string) => void;

export interface LanguageServiceOptions {
  readonly languages?: LanguageRegistry;
  readonly log?: ServiceLog;
}

/** The code of the diagnostic shown when a check itself failed. */
export const INTERNAL_ERROR_CODE = 'spinkube/internal-error';

interface CachedValidation {
  readonly version: number;
  readonly length: number;
  readonly ctx: LanguageContext;
  readonly diagnostics: Diagnostic[];
}

/**
 * The language service: dispatches each request to the language of the document's kind. Pure
 * apart from its cache, and it never throws: a language that fails yields an internal-error
 * diagnostic (validation) or an empty answer (everything else), plus a log line.
 *
 * Validation results are cached per document version and context object: the caller passes a new
 * context object (or calls `forget`) when something a check reads has changed.
 */
export class LanguageService {
  private readonly languages: LanguageRegistry;
  private readonly log: ServiceLog;
  private readonly validations = new Map<string, CachedValidation>();

  constructor(options: LanguageServiceOptions = {}) {
    this.languages = options.languages ?? defaultLanguages();
    this.log = options.log ?? (() => undefined);
  }

  kindOf(doc: SourceDocument): DocumentKind {
    return documentKindOf(doc.uri, doc.text, doc.languageId);
  }

  /** Whether any language checks this document. */
  handles(doc: SourceDocument): boolean {
    return this.languageOf(doc) !== undefined;
  }

  validate(doc: SourceDocument, ctx: LanguageContext = {}): Diagnostic[] {
    const cached = this.validations.get(doc.uri);
    if (
      cached &&
      doc.version !== undefined &&
      cached.version === doc.version &&
      cached.length === doc.text.length &&
      cached.ctx === ctx
    ) {
      return cached.diagnostics;
    }
    const language = this.languageOf(doc);
    if (!language) return [];
    let diagnostics: Diagnostic[];
    try {
      diagnostics = sanitize(language.validate(doc, ctx));
    } catch (error) {
      this.report('validate', doc, error);
      diagnostics = [internalErrorDiagnostic(error)];
    }
    if (doc.version !== undefined) {
      this.validations.set(doc.uri, { version: doc.version, length: doc.text.length, ctx, diagnostics });
    }
    return diagnostics;
  }

  /** Drops what is cached for a document (closed, or something it depends on changed). */
  forget(uri: string): void {
    this.validations.delete(uri);
  }

  complete(doc: SourceDocument, position: Position, ctx: LanguageContext = {}): CompletionItem[] {
    return this.call(doc, 'complete', [], (l) => l.complete?.(doc, position, ctx));
  }

  hover(doc: SourceDocument, position: Position, ctx: LanguageContext = {}): Hover | null {
    return this.call(doc, 'hover', null, (l) => l.hover?.(doc, position, ctx));
  }

  codeActions(
    doc: SourceDocument,
    range: Range,
    diagnostics: Diagnostic[],
    ctx: LanguageContext = {},
  ): CodeAction[] {
    return this.call(doc, 'codeActions', [], (l) => l.codeActions?.(doc, range, diagnostics, ctx));
  }

  /** Formatting edits for the whole document, or for the statements a range touches. */
  format(doc: SourceDocument, range: Range | undefined, ctx: LanguageContext = {}): TextEdit[] {
    return this.call(doc, 'format', [], (l) => l.format?.(doc, range, ctx));
  }

  symbols(doc: SourceDocument): DocumentSymbol[] {
    return this.call(doc, 'symbols', [], (l) => l.symbols?.(doc));
  }

  definition(doc: SourceDocument, position: Position, ctx: LanguageContext = {}): Location[] {
    return this.call(doc, 'definition', [], (l) => l.definition?.(doc, position, ctx));
  }

  references(doc: SourceDocument, position: Position, ctx: LanguageContext = {}): Location[] {
    return this.call(doc, 'references', [], (l) => l.references?.(doc, position, ctx));
  }

  rename(
    doc: SourceDocument,
    position: Position,
    newName: string,
    ctx: LanguageContext = {},
  ): WorkspaceEdit | null {
    return this.call(doc, 'rename', null, (l) => l.rename?.(doc, position, newName, ctx));
  }

  /** Why a rename to `newName` at a position gives no edit, when the language can say; else undefined. */
  renameRefusal(
    doc: SourceDocument,
    position: Position,
    newName: string,
    ctx: LanguageContext = {},
  ): string | undefined {
    return this.call<string | undefined>(doc, 'renameProblem', undefined, (l) =>
      l.renameProblem?.(doc, position, newName, ctx),
    );
  }

  /**
   * Whether the name at a position can be renamed: its range, a refusal saying why not, or null
   * when nothing there is a name. A language's own `prepareRename` decides when it has one;
   * otherwise the reference (in this document) that contains the position, else the edit a trial
   * rename would make there.
   */
  renamePreparation(
    doc: SourceDocument,
    position: Position,
    ctx: LanguageContext = {},
  ): RenamePreparation | null {
    const language = this.languageOf(doc);
    if (!language?.rename) return null;
    if (language.prepareRename) {
      return this.call(doc, 'prepareRename', null, (l) => l.prepareRename?.(doc, position, ctx));
    }
    const here = this.references(doc, position, ctx)
      .filter((loc) => loc.uri === doc.uri)
      .find((loc) => contains(loc.range, position));
    if (here) return { range: here.range };
    const edit = this.rename(doc, position, 'renamed', ctx);
    const edits = edit?.changes?.[doc.uri] ?? [];
    const range = edits.find((e) => contains(e.range, position))?.range;
    return range ? { range } : null;
  }

  /** The range of the renameable name at a position, or null when nothing there can be renamed. */
  prepareRename(doc: SourceDocument, position: Position, ctx: LanguageContext = {}): Range | null {
    const prepared = this.renamePreparation(doc, position, ctx);
    return prepared && 'range' in prepared ? prepared.range : null;
  }

  private languageOf(doc: SourceDocument): DocumentLanguage | undefined {
    return this.languages[this.kindOf(doc)];
  }

  private call<T>(
    doc: SourceDocument,
    what: string,
    fallback: T,
    run: (language: DocumentLanguage) => T | undefined | null,
  ): T {
    const language = this.languageOf(doc);
    if (!language) return fallback;
    try {
      return run(language) ?? fallback;
    } catch (error) {
      this.report(what, doc, error);
      return fallback;
    }
  }

  private report(what: string, doc: SourceDocument, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    try {
      this.log(`${what} failed for ${doc.uri}: ${detail}`);
    } catch {
      // A failing logger must not turn a handled error into a crash.
    }
  }
}

/** Drops malformed entries a language might return, so clients never see a broken diagnostic. */
function sanitize(diagnostics: unknown): Diagnostic[] {
  if (!Array.isArray(diagnostics)) return [];
  return diagnostics.filter(
    (d): d is Diagnostic =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as Diagnostic).message === 'string' &&
      typeof (d as Diagnostic).range?.start?.line === 'number' &&
      typeof (d as Diagnostic).range?.end?.line === 'number',
  );
}

function internalErrorDiagnostic(error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: INTERNAL_ERROR_CODE,
    source: 'spinkube',
    message: `SpinKube could not check this file (internal error: ${reason}). Please report it; other files are still checked.`,
  };
}
