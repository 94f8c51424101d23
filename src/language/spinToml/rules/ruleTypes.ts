// What a rule receives and how it reports. Rules read the model (never the raw text) and report
// through the Reporter, which stamps every diagnostic with `source: 'spinkube'`.
import type { DiagnosticTag } from 'vscode-languageserver-types';
import { DiagnosticSeverity, type Diagnostic, type LanguageContext, type Range } from '../../types';
import type { SpinManifestModel } from '../modelTypes';

/** `tags`: e.g. `DiagnosticTag.Deprecated`, which editors show struck through. */
export interface Reporter {
  error(range: Range, code: string, message: string, data?: unknown, tags?: DiagnosticTag[]): void;
  warning(range: Range, code: string, message: string, data?: unknown, tags?: DiagnosticTag[]): void;
  info(range: Range, code: string, message: string, data?: unknown, tags?: DiagnosticTag[]): void;
}

export interface RuleInput {
  readonly model: SpinManifestModel;
  readonly ctx: LanguageContext;
  /** URI of the spin.toml being checked. */
  readonly uri: string;
  readonly report: Reporter;
}

export interface SpinTomlRule {
  /** Stable name, used when a rule itself fails. */
  readonly name: string;
  check(input: RuleInput): void;
}

const SOURCE = 'spinkube';

/** A Reporter collecting into an array. */
export function collectingReporter(out: Diagnostic[]): Reporter {
  const push = (
    severity: DiagnosticSeverity,
    range: Range,
    code: string,
    message: string,
    data?: unknown,
    tags?: DiagnosticTag[],
  ) => {
    out.push({
      range,
      severity,
      code,
      source: SOURCE,
      message,
      ...(data === undefined ? {} : { data }),
      ...(tags?.length ? { tags } : {}),
    });
  };
  return {
    error: (r, c, m, d, t) => push(DiagnosticSeverity.Error, r, c, m, d, t),
    warning: (r, c, m, d, t) => push(DiagnosticSeverity.Warning, r, c, m, d, t),
    info: (r, c, m, d, t) => push(DiagnosticSeverity.Information, r, c, m, d, t),
  };
}

/** Reports diagnostics found earlier again (they carry their code, data and tags). */
export function replay(report: Reporter, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const method =
      d.severity === DiagnosticSeverity.Error
        ? report.error
        : d.severity === DiagnosticSeverity.Warning
          ? report.warning
          : report.info;
    method(d.range, String(d.code), String(d.message), d.data, d.tags);
  }
}

/**
 * Diagnostics a rule found in one unchanged part of the manifest (a component, a trigger), kept
 * with the model object of that part: reused while the part is (model.ts, reuse.ts).
 */
export class PartCache<K extends object> {
  private readonly found = new WeakMap<K, Diagnostic[]>();

  /** Reports what `check` finds in the part, running it only when the part is new. */
  run(report: Reporter, part: K, check: (report: Reporter) => void): void {
    let diagnostics = this.found.get(part);
    if (!diagnostics) {
      diagnostics = [];
      check(collectingReporter(diagnostics));
      this.found.set(part, diagnostics);
    }
    replay(report, diagnostics);
  }
}
