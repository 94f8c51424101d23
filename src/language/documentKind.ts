import type { DocumentKind } from './types';

/** Decides which checks a document gets from its URI (or path): spin.toml files, YAML files, or none. */
export function documentKindOf(uriOrPath: string): DocumentKind {
  const name = decodeURIComponent(uriOrPath.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (name === 'spin.toml') return 'spin-toml';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  return 'other';
}
