import { documentKindOf } from './documentKind';
import { parseTomlDocument } from './tomlSyntax';
import type { Diagnostic, SourceDocument } from './types';

/**
 * The language service: pure functions from documents to results. The LSP server and the
 * command-line linter are its two front ends.
 */
export class LanguageService {
  validate(doc: SourceDocument): Diagnostic[] {
    switch (documentKindOf(doc.uri)) {
      case 'spin-toml': {
        const parsed = parseTomlDocument(doc.text);
        return parsed.ok ? [] : [parsed.diagnostic];
      }
      default:
        return [];
    }
  }
}
