// Quick fixes for the SpinApp / SpinAppExecutor diagnostics. Fixes are recomputed from the document
// (not trusted from the client), so they also work when a client drops diagnostic data.
import { CodeActionKind } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic, LanguageContext, Range, SourceDocument, TextEdit } from '../types';
import { CODES } from './codes';
import { LineTable } from '../lineTable';
import { validateK8sYaml } from './validate';

interface OffsetSpan {
  readonly start: number;
  readonly end: number;
}

const REPLACEMENT_TITLES: Readonly<Record<string, (to: string) => string>> = {
  [CODES.legacyApiGroup]: (to) => `Use ${to}`,
  [CODES.unknownApiVersion]: (to) => `Use ${to}`,
  [CODES.apiGroupNotInstalled]: (to) => `Use ${to} (served by the connected cluster)`,
  [CODES.unknownKind]: (to) => `Change kind to ${to}`,
  [CODES.executorNotFound]: (to) => `Use executor ${to}`,
};

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function isSpan(value: unknown): value is OffsetSpan {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as OffsetSpan).start === 'number' &&
    typeof (value as OffsetSpan).end === 'number'
  );
}

/** Deletes the whole lines a span touches. */
function deleteLines(lines: LineTable, span: OffsetSpan): TextEdit {
  const start = lines.position(span.start);
  const end = lines.position(span.end);
  const lastLine =
    end.line + 1 < lines.lineCount
      ? { line: end.line + 1, character: 0 }
      : { line: end.line, character: lines.lineText(end.line).length };
  return { range: { start: { line: start.line, character: 0 }, end: lastLine }, newText: '' };
}

function action(
  title: string,
  uri: string,
  diagnostic: Diagnostic,
  edits: TextEdit[],
  preferred: boolean,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [uri]: edits } },
  };
}

export function codeActionsK8sYaml(
  doc: SourceDocument,
  _range: Range,
  diagnostics: Diagnostic[],
  ctx: LanguageContext,
): CodeAction[] {
  try {
    const ours = diagnostics.filter((d) => d.source === 'spinkube');
    if (ours.length === 0) return [];
    const fresh = validateK8sYaml(doc, ctx);
    const lines = new LineTable(doc.text);
    const actions: CodeAction[] = [];
    for (const diagnostic of ours) {
      const current = fresh.find((f) => f.code === diagnostic.code && sameRange(f.range, diagnostic.range));
      if (!current) continue;
      const data = (current.data ?? {}) as Record<string, unknown>;
      const code = String(current.code);
      const replacement = typeof data.replacement === 'string' ? data.replacement : undefined;
      if (code === CODES.replicasWithAutoscaling) {
        if (isSpan(data.replicas)) {
          actions.push(
            action(
              'Remove spec.replicas (keep autoscaling)',
              doc.uri,
              diagnostic,
              [deleteLines(lines, data.replicas)],
              true,
            ),
          );
        }
        if (isSpan(data.enableAutoscaling)) {
          actions.push(
            action(
              'Remove spec.enableAutoscaling (keep the fixed replica count)',
              doc.uri,
              diagnostic,
              [deleteLines(lines, data.enableAutoscaling)],
              false,
            ),
          );
        }
        continue;
      }
      if (
        code === CODES.missingExecutor &&
        typeof data.executor === 'string' &&
        typeof data.insertAt === 'number'
      ) {
        const at = lines.position(data.insertAt);
        const newText = `${' '.repeat(typeof data.indent === 'number' ? data.indent : 2)}executor: ${data.executor}\n`;
        actions.push(
          action(
            `Set spec.executor to ${data.executor}`,
            doc.uri,
            diagnostic,
            [{ range: { start: at, end: at }, newText }],
            true,
          ),
        );
        continue;
      }
      if (!replacement) continue;
      const titleOf = REPLACEMENT_TITLES[code];
      let title: string;
      if (titleOf) title = titleOf(replacement);
      else if (code.endsWith('/unknown-field')) title = `Change to ${replacement}`;
      else if (code.endsWith('/invalid-type')) title = `Change to ${replacement}`;
      else continue;
      actions.push(
        action(title, doc.uri, diagnostic, [{ range: current.range, newText: replacement }], true),
      );
    }
    return actions;
  } catch {
    return [];
  }
}
