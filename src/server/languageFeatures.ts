import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
} from 'vscode-languageserver';
import type { LanguageService } from '../language/service';
import type { LanguageContext, SourceDocument } from '../language/types';

/** What the request handlers need from the server. */
export interface FeatureHost {
  readonly service: LanguageService;
  /** The open document with this URI, as the language service sees it. */
  sourceOf(uri: string): SourceDocument | undefined;
  /** The current context (workspace view, cluster facts, shim triggers). */
  context(): LanguageContext;
  /** Logs a failure to the client console. */
  logError(message: string): void;
}

/** Completion is offered as the user types these characters (and on letters, as editors do). */
export const COMPLETION_TRIGGER_CHARACTERS = ['.', '"', '{', ':', '=', '[', '-'];

/**
 * Registers the request handlers: completion, hover, code actions, symbols, formatting,
 * definition, references, rename. Each answers from the open document; a cancelled request gets the LSP
 * "request cancelled" error, an unknown document an empty answer, and a failure is logged and
 * answered empty — no request is left unanswered.
 */
export function registerLanguageFeatures(connection: Connection, host: FeatureHost): void {
  const answer = <P extends { textDocument: { uri: string } }, R>(
    name: string,
    empty: R,
    compute: (doc: SourceDocument, params: P, ctx: LanguageContext) => R,
  ) => {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      // Let a cancellation that is already on its way be read before the work starts.
      await new Promise((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested) return cancelled();
      const doc = host.sourceOf(params.textDocument.uri);
      if (!doc) return empty;
      try {
        const result = compute(doc, params, host.context());
        return token.isCancellationRequested ? cancelled() : result;
      } catch (error) {
        host.logError(
          `${name} failed for ${doc.uri}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return empty;
      }
    };
  };
  const { service } = host;

  connection.onCompletion(answer('completion', [], (doc, p, ctx) => service.complete(doc, p.position, ctx)));
  connection.onHover(answer('hover', null, (doc, p, ctx) => service.hover(doc, p.position, ctx)));
  connection.onCodeAction(
    answer('codeAction', [], (doc, p, ctx) =>
      service
        .codeActions(doc, p.range, p.context.diagnostics, ctx)
        .filter(
          (a) =>
            !p.context.only || p.context.only.some((k) => (a.kind ?? CodeActionKind.QuickFix).startsWith(k)),
        ),
    ),
  );
  connection.onDocumentSymbol(answer('documentSymbol', [], (doc) => service.symbols(doc)));
  connection.onDocumentFormatting(
    answer('formatting', [], (doc, _p, ctx) => service.format(doc, undefined, ctx)),
  );
  connection.onDocumentRangeFormatting(
    answer('rangeFormatting', [], (doc, p, ctx) => service.format(doc, p.range, ctx)),
  );
  connection.onDefinition(
    answer('definition', [], (doc, p, ctx) => service.definition(doc, p.position, ctx)),
  );
  connection.onReferences(
    answer('references', [], (doc, p, ctx) => {
      const all = service.references(doc, p.position, ctx);
      if (p.context.includeDeclaration) return all;
      const declarations = service.definition(doc, p.position, ctx);
      return all.filter((r) => !declarations.some((d) => d.uri === r.uri && sameRange(d.range, r.range)));
    }),
  );
  connection.onPrepareRename(
    answer('prepareRename', null, (doc, p, ctx) => {
      const prepared = service.renamePreparation(doc, p.position, ctx);
      // A refusal is an error response: the editor shows its message instead of renaming.
      if (prepared && 'refusal' in prepared) {
        return new ResponseError(ErrorCodes.InvalidRequest, prepared.refusal);
      }
      return prepared ? { range: prepared.range, placeholder: textIn(doc.text, prepared.range) } : null;
    }),
  );
  connection.onRenameRequest(
    answer('rename', null, (doc, p, ctx) => {
      const edit = service.rename(doc, p.position, p.newName, ctx);
      const refusal = edit ? undefined : service.renameRefusal(doc, p.position, p.newName, ctx);
      // The editor shows the error's message where the user typed the new name.
      return refusal === undefined ? edit : new ResponseError(ErrorCodes.InvalidRequest, refusal);
    }),
  );
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

function sameRange(
  a: { start: { line: number; character: number }; end: { line: number; character: number } },
  b: typeof a,
): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** The text a single-line range covers (the rename placeholder); empty for multi-line ranges. */
function textIn(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  if (range.start.line !== range.end.line) return '';
  let offset = 0;
  for (let line = 0; line < range.start.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return '';
    offset = next + 1;
  }
  return text.slice(offset + range.start.character, offset + range.end.character).replace(/^["']|["']$/g, '');
}
