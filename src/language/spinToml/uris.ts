// Paths in spin.toml are relative to the folder holding it; the workspace is addressed by URI.
import { posix } from 'node:path';

/** The folder URI of a file URI (`file:///app/spin.toml` → `file:///app`). */
export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash === -1 ? uri : uri.slice(0, slash);
}

function splitUri(uri: string): { prefix: string; path: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(uri);
  return match ? { prefix: match[1] ?? '', path: match[2] ?? '/' } : { prefix: '', path: uri };
}

/**
 * Resolves a manifest-relative path against the manifest folder URI. The path is a file-system
 * path, as Spin reads it: `%2e%2e` is a folder of that name, not `..`, so each segment is
 * percent-encoded into the URI (a URL parser would otherwise decode it and climb out).
 */
export function resolveIn(folderUri: string, relative: string): string {
  const { prefix, path } = splitUri(folderUri);
  const clean = posix.normalize(relative.replace(/\\/g, '/'));
  const encoded = clean
    .split('/')
    .map((segment) => (segment === '.' || segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
  return prefix + posix.normalize(posix.join(path, encoded));
}

/** Whether a relative path stays inside its base folder (no absolute path, no `..` escape). */
export function staysInside(relative: string): boolean {
  const clean = relative.replace(/\\/g, '/');
  if (clean.startsWith('/') || /^[A-Za-z]:\//.test(clean)) return false;
  const normalized = posix.normalize(clean);
  return normalized !== '..' && !normalized.startsWith('../');
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}
