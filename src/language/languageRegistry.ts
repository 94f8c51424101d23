import type { DocumentKind, DocumentLanguage } from './types';

/** The language that checks each document kind; kinds without one get no checks. */
export type LanguageRegistry = Partial<Record<DocumentKind, DocumentLanguage>>;

/* eslint-disable @typescript-eslint/no-require-imports -- the languages are loaded on first use on purpose (start-up time) */
const loadSpinToml = () => require('./spinToml') as typeof import('./spinToml');
const loadK8sYaml = () => require('./k8sYaml') as typeof import('./k8sYaml');
const loadYamlNavigation = () => require('./k8sYaml/navigation') as typeof import('./k8sYaml/navigation');
const loadSpinTomlNavigation = () =>
  require('./spinToml/navigation') as typeof import('./spinToml/navigation');
const loadYamlRename = () => require('./k8sYaml/rename') as typeof import('./k8sYaml/rename');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The spin.toml language, with what crosses into SpinApp YAML: references of a component id or a
 * variable also list the SpinApps near the spin.toml that name it, and its rename renames it there
 * too. It also says why a rename gives no edit (an invalid new name).
 */
function spinTomlWithSpinApps(): DocumentLanguage {
  const { spinTomlLanguage } = loadSpinToml();
  const { spinAppPlacesOf } = loadYamlNavigation();
  const { withSpinAppRenames } = loadYamlRename();
  return {
    renameProblem: loadSpinTomlNavigation().renameProblem,
    ...spinTomlLanguage,
    references: (doc, position, ctx) => {
      const inManifest = spinTomlLanguage.references?.(doc, position, ctx) ?? [];
      if (inManifest.length === 0) return inManifest;
      return [...inManifest, ...spinAppPlacesOf(doc, position, ctx)];
    },
    rename: (doc, position, newName, ctx) =>
      withSpinAppRenames(
        spinTomlLanguage.rename?.(doc, position, newName, ctx) ?? null,
        doc,
        position,
        newName,
        ctx,
      ),
  };
}

/**
 * The SpinApp YAML language, whose prepareRename refuses (with the reason) what rename would refuse,
 * and which says why a rename gives no edit. A language that defines these itself keeps its own.
 */
function k8sYamlWithPrepareRename(): DocumentLanguage {
  const { k8sYamlLanguage } = loadK8sYaml();
  const { prepareRenameK8sYaml, renameProblemK8sYaml } = loadYamlRename();
  return { prepareRename: prepareRenameK8sYaml, renameProblem: renameProblemK8sYaml, ...k8sYamlLanguage };
}

/**
 * The languages the server and the linter use. Each is loaded on first use, so that the server
 * answers `initialize` before it has evaluated the languages' rule tables and schemas.
 */
export function defaultLanguages(): LanguageRegistry {
  let spinToml: DocumentLanguage | undefined;
  let yaml: DocumentLanguage | undefined;
  return {
    get 'spin-toml'(): DocumentLanguage {
      spinToml ??= spinTomlWithSpinApps();
      return spinToml;
    },
    get yaml(): DocumentLanguage {
      yaml ??= k8sYamlWithPrepareRename();
      return yaml;
    },
  };
}
