import { parseTOML } from 'toml-eslint-parser';
import { DiagnosticSeverity, type Diagnostic } from './types';

type TomlAst = ReturnType<typeof parseTOML>;

export type TomlParseResult = { ok: true; ast: TomlAst } | { ok: false; diagnostic: Diagnostic };

interface TomlSyntaxError {
  message: string;
  lineNumber?: number;
  column?: number;
}

/** Parses TOML keeping source positions. A syntax error becomes one diagnostic at its place. */
export function parseTomlDocument(text: string): TomlParseResult {
  try {
    return { ok: true, ast: parseTOML(text) };
  } catch (error) {
    const e = error as TomlSyntaxError;
    const line = Math.max(0, (e.lineNumber ?? 1) - 1);
    const character = Math.max(0, e.column ?? 0);
    return {
      ok: false,
      diagnostic: {
        range: { start: { line, character }, end: { line, character: character + 1 } },
        severity: DiagnosticSeverity.Error,
        code: 'toml-syntax',
        source: 'spinkube',
        message: `TOML syntax error: ${e.message}`,
      },
    };
  }
}
