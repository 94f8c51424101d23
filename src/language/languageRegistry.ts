import { parseTomlDocument } from './tomlSyntax';
import type { DocumentKind, DocumentLanguage } from './types';

/** The language that checks each document kind; kinds without one get no checks. */
export type LanguageRegistry = Partial<Record<DocumentKind, DocumentLanguage>>;

/** Until the full spin.toml language is wired in: TOML syntax errors only. */
const spinTomlSyntaxOnly: DocumentLanguage = {
  validate(doc) {
    const parsed = parseTomlDocument(doc.text);
    return parsed.ok ? [] : [parsed.diagnostic];
  },
};

/** The languages the server and the linter use. */
export function defaultLanguages(): LanguageRegistry {
  return { 'spin-toml': spinTomlSyntaxOnly };
}
