import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from '../../language/types';

/** One finding of the linter: an LSP diagnostic and the file it is in (as the user named it). */
export interface LintFinding extends Diagnostic {
  readonly file: string;
}

export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface FormatOptions {
  /** Folder that relative paths in SARIF and GitHub output are relative to. */
  readonly cwd: string;
  readonly toolVersion: string;
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'] as const;

/** The plain text of a diagnostic's message (LSP allows markup). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function severityName(d: Diagnostic): string {
  return SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
}

/** Renders the findings in one of the output formats. */
export function formatFindings(
  findings: readonly LintFinding[],
  format: LintFormat,
  options: FormatOptions,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(findings, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
    case 'github':
      return findings.map((f) => `${githubCommand(f, options.cwd)}\n`).join('');
    case 'text':
      return findings.map((f) => `${textLine(f)}\n`).join('');
  }
}

/** `file:line:col: severity: message [code]` (1-based line and column). */
function textLine(f: LintFinding): string {
  const { line, character } = f.range.start;
  const code = f.code !== undefined ? ` [${f.code}]` : '';
  return `${f.file}:${line + 1}:${character + 1}: ${severityName(f)}: ${messageText(f)}${code}`;
}

/** A GitHub Actions workflow command, which shows as an annotation on the line. */
function githubCommand(f: LintFinding, cwd: string): string {
  const command =
    f.severity === DiagnosticSeverity.Warning
      ? 'warning'
      : f.severity === undefined || f.severity === 1
        ? 'error'
        : 'notice';
  const props = [
    `file=${escapeProperty(relativeTo(cwd, f.file))}`,
    `line=${f.range.start.line + 1}`,
    `col=${f.range.start.character + 1}`,
    `endLine=${f.range.end.line + 1}`,
    `endColumn=${f.range.end.character + 1}`,
  ];
  if (f.code !== undefined) props.push(`title=${escapeProperty(String(f.code))}`);
  return `::${command} ${props.join(',')}::${escapeData(messageText(f))}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function relativeTo(cwd: string, file: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
}

interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string }[] } };
    results: SarifResult[];
  }[];
}

interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
}

/** A SARIF 2.1.0 log with one run; columns count UTF-16 code units, as LSP positions do. */
function toSarif(findings: readonly LintFinding[], options: FormatOptions): SarifLog {
  const ruleIds = [...new Set(findings.map(ruleIdOf))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'spinkube-lint',
            version: options.toolVersion,
            informationUri: 'https://github.com/spinkube-community/spinkube-vscode',
            rules: ruleIds.map((id) => ({ id })),
          },
        },
        results: findings.map((f) => ({
          ruleId: ruleIdOf(f),
          level:
            f.severity === DiagnosticSeverity.Warning
              ? 'warning'
              : f.severity === undefined || f.severity === 1
                ? 'error'
                : 'note',
          message: { text: messageText(f) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relativeTo(options.cwd, f.file) },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}

function ruleIdOf(f: LintFinding): string {
  return f.code !== undefined ? String(f.code) : 'spinkube';
}
