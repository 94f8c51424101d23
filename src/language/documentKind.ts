import type { DocumentKind } from './types';

/**
 * Decides which checks a document gets from its URI (or path): spin.toml files, YAML files, or
 * none. A file named `spin.toml` is a manifest; so is any `*.toml` whose text (when given) declares
 * `spin_manifest_version` or the v1 `spin_version`, so that copies like `spin.dev.toml` are checked.
 */
export function documentKindOf(uriOrPath: string, text?: string): DocumentKind {
  const name = fileNameOf(uriOrPath).toLowerCase();
  if (name === 'spin.toml') return 'spin-toml';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  if (name.endsWith('.toml') && text !== undefined && declaresSpinManifest(text)) return 'spin-toml';
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

const MANIFEST_VERSION_KEY = /^\s*(spin_manifest_version|spin_version)\s*=/m;

function declaresSpinManifest(text: string): boolean {
  return MANIFEST_VERSION_KEY.test(text.slice(0, 4096));
}
