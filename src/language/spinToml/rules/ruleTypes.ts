// What a rule receives and how it reports. Rules read the model (never the raw text) and report
// through the Reporter, which stamps every diagnostic with `source: 'spinkube'`.
import { DiagnosticSeverity, type Diagnostic, type LanguageContext, type Range } from '../../types';
import type { SpinManifestModel } from '../modelTypes';

export interface Reporter {
  error(range: Range, code: string, message: string, data?: unknown): void;
  warning(range: Range, code: string, message: string, data?: unknown): void;
  info(range: Range, code: string, message: string, data?: unknown): void;
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
  ) => {
    out.push({ range, severity, code, source: SOURCE, message, ...(data === undefined ? {} : { data }) });
  };
  return {
    error: (r, c, m, d) => push(DiagnosticSeverity.Error, r, c, m, d),
    warning: (r, c, m, d) => push(DiagnosticSeverity.Warning, r, c, m, d),
    info: (r, c, m, d) => push(DiagnosticSeverity.Information, r, c, m, d),
  };
}
