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

export const SOURCE = 'spinkube';

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
