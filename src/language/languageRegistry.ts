import type { DocumentKind, DocumentLanguage } from './types';

/** The language that checks each document kind; kinds without one get no checks. */
export type LanguageRegistry = Partial<Record<DocumentKind, DocumentLanguage>>;

/**
 * The languages the server and the linter use. Each is loaded on first use, so that the server
 * answers `initialize` before it has evaluated the languages' rule tables and schemas.
 */
export function defaultLanguages(): LanguageRegistry {
  let spinToml: DocumentLanguage | undefined;
  let yaml: DocumentLanguage | undefined;
  return {
    get 'spin-toml'(): DocumentLanguage {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (start-up time)
      spinToml ??= (require('./spinToml') as typeof import('./spinToml')).spinTomlLanguage;
      return spinToml;
    },
    get yaml(): DocumentLanguage {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (start-up time)
      yaml ??= (require('./k8sYaml') as typeof import('./k8sYaml')).k8sYamlLanguage;
      return yaml;
    },
  };
}
