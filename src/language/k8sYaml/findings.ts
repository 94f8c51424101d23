// What a rule reports: a problem between two offsets. The validator turns findings into LSP
// diagnostics with one line table, so rules never deal with positions.
import { DiagnosticSeverity, type Diagnostic } from '../types';
import type { LineTable } from '../lineTable';

export interface Finding {
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Extra facts for quick fixes (kept on the diagnostic's `data`). */
  readonly data?: Record<string, unknown>;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Report = (finding: Finding) => void;

export function error(code: string, at: Span, message: string, data?: Record<string, unknown>): Finding {
  return {
    code,
    severity: DiagnosticSeverity.Error,
    start: at.start,
    end: at.end,
    message,
    ...(data ? { data } : {}),
  };
}

export function warning(code: string, at: Span, message: string, data?: Record<string, unknown>): Finding {
  return {
    code,
    severity: DiagnosticSeverity.Warning,
    start: at.start,
    end: at.end,
    message,
    ...(data ? { data } : {}),
  };
}

export function toDiagnostic(finding: Finding, lines: LineTable): Diagnostic {
  return {
    range: lines.range(finding.start, finding.end),
    severity: finding.severity,
    code: finding.code,
    source: 'spinkube',
    message: finding.message,
    ...(finding.data ? { data: finding.data } : {}),
  };
}
