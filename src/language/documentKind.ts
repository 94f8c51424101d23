import type { DocumentKind } from './types';

/**
 * Decides which checks a document gets: spin.toml files, YAML files, or none. The file name and the
 * editor's language id decide first: a file named `spin.toml` or in the `spin-toml` language is a
 * manifest; a `*.yaml`/`*.yml` file or one in the `yaml` language is YAML. Then the text (when
 * given): any `*.toml` (or `toml` document, or untitled one) declaring `spin_manifest_version` or
 * the v1 `spin_version` is a manifest, so that copies like `spin.dev.toml` are checked; an untitled
 * document holding a SpinKube object (`kind: SpinApp` with a SpinKube `apiVersion`) is YAML.
 */
export function documentKindOf(uriOrPath: string, text?: string, languageId?: string): DocumentKind {
  const name = fileNameOf(uriOrPath).toLowerCase();
  if (name === 'spin.toml' || languageId === 'spin-toml') return 'spin-toml';
  if (name.endsWith('.yaml') || name.endsWith('.yml') || languageId === 'yaml') return 'yaml';
  if (text === undefined) return 'other';
  const untitled = uriOrPath.startsWith('untitled:');
  if ((name.endsWith('.toml') || languageId === 'toml' || untitled) && declaresSpinManifest(text)) {
    return 'spin-toml';
  }
  if (untitled && declaresSpinKubeObject(text)) return 'yaml';
  return 'other';
}

/** Whether a file name (no folder) is one the workspace scan picks up without reading it. */
export function isManifestFileName(name: string): boolean {
  return documentKindOf(name) !== 'other';
}

function fileNameOf(uriOrPath: string): string {
  const last = uriOrPath.split(/[\\/]/).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** How much of a text the content checks read: the keys that decide sit at its top. */
const HEAD_LENGTH = 4096;

const MANIFEST_VERSION_KEY = /^\s*(spin_manifest_version|spin_version)\s*=/m;

function declaresSpinManifest(text: string): boolean {
  return MANIFEST_VERSION_KEY.test(text.slice(0, HEAD_LENGTH));
}

const SPINKUBE_KIND = /^kind:\s*["']?(SpinApp|SpinAppExecutor)["']?\s*(#.*)?$/m;
const SPINKUBE_API_VERSION = /^apiVersion:\s*["']?core\.(spinkube|spinoperator)\.dev\//m;

function declaresSpinKubeObject(text: string): boolean {
  const head = text.slice(0, HEAD_LENGTH);
  return SPINKUBE_KIND.test(head) && SPINKUBE_API_VERSION.test(head);
}
