// Quick fixes for the SpinApp / SpinAppExecutor diagnostics. Fixes are recomputed from the document
// (not trusted from the client), so they also work when a client drops diagnostic data.
import type { CodeAction, Diagnostic, LanguageContext, Range, SourceDocument, TextEdit } from '../types';
import { CODES } from './codes';
import { LineTable } from '../lineTable';
import { quickFix } from '../quickFix';
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
            quickFix(
              'Remove spec.replicas (keep autoscaling)',
              doc.uri,
              [deleteLines(lines, data.replicas)],
              diagnostic,
              true,
            ),
          );
        }
        if (isSpan(data.enableAutoscaling)) {
          actions.push(
            quickFix(
              'Remove spec.enableAutoscaling (keep the fixed replica count)',
              doc.uri,
              [deleteLines(lines, data.enableAutoscaling)],
              diagnostic,
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
          quickFix(
            `Set spec.executor to ${data.executor}`,
            doc.uri,
            [{ range: { start: at, end: at }, newText }],
            diagnostic,
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
        quickFix(title, doc.uri, [{ range: current.range, newText: replacement }], diagnostic, true),
      );
    }
    return actions;
  } catch {
    return [];
  }
}
