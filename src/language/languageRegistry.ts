import { k8sYamlLanguage } from './k8sYaml';
import { spinTomlLanguage } from './spinToml';
import type { DocumentKind, DocumentLanguage } from './types';

/** The language that checks each document kind; kinds without one get no checks. */
export type LanguageRegistry = Partial<Record<DocumentKind, DocumentLanguage>>;

/** The languages the server and the linter use. */
export function defaultLanguages(): LanguageRegistry {
  return { 'spin-toml': spinTomlLanguage, yaml: k8sYamlLanguage };
}
