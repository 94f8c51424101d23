import { promises as fsp, readdirSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { isManifestFileName } from './documentKind';

/** Folders never searched for manifests. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'target', '.spin']);

/** Limits that keep a search of a huge tree bounded. */
export interface SearchLimits {
  readonly maxFiles?: number;
  readonly maxDepth?: number;
}

const DEFAULT_LIMITS = { maxFiles: 20_000, maxDepth: 32 };

/**
 * Finds the files the language service checks (spin.toml and YAML) under the given folders,
 * skipping node_modules, .git and hidden folders. Unreadable folders are passed over silently.
 */
export async function findManifestFiles(
  folders: readonly string[],
  limits: SearchLimits = {},
): Promise<string[]> {
  const { maxFiles, maxDepth } = { ...DEFAULT_LIMITS, ...limits };
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > maxDepth || found.length >= maxFiles) return;
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (found.length >= maxFiles) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipsFolder(entry.name)) await walk(full, depth + 1);
      } else if (entry.isFile() && isManifestFileName(entry.name)) found.push(full);
    }
  };
  for (const folder of folders) await walk(folder, 0);
  return found;
}

/** Synchronous variant for callers that cannot await (the workspace view inside a check). */
export function findFilesNamedSync(
  folders: readonly string[],
  fileName: string,
  limits: SearchLimits = {},
): string[] {
  const { maxFiles, maxDepth } = { ...DEFAULT_LIMITS, ...limits };
  const found: string[] = [];
  for (const folder of folders) {
    walkFilesSync(
      folder,
      (full, _relative, entry) => {
        if (entry.isFile() && entry.name === fileName) found.push(full);
        return found.length < maxFiles;
      },
      { maxDepth },
    );
  }
  return found.sort();
}

export interface WalkOptions {
  /** How many folders deep to go (default: no limit). */
  readonly maxDepth?: number;
  /**
   * Whether to enter a folder (after the skipped ones are left out); `depth` is its parent's,
   * `relative` its path from the walked folder.
   */
  readonly enter?: (name: string, depth: number, relative: string) => boolean;
}

/**
 * Visits every file (anything but a folder) below `folder`, synchronously, skipping
 * node_modules, .git, target, .spin and hidden folders; unreadable folders are passed over. The
 * walk stops when `visit` returns false. `relative` is the file's path from `folder`, with `/`.
 */
export function walkFilesSync(
  folder: string,
  visit: (full: string, relative: string, entry: Dirent) => boolean,
  { maxDepth = Infinity, enter = () => true }: WalkOptions = {},
): void {
  const walk = (dir: string, relative: string, depth: number): boolean => {
    if (depth > maxDepth) return true;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipsFolder(entry.name) && enter(entry.name, depth, rel) && !walk(full, rel, depth + 1)) {
          return false;
        }
      } else if (!visit(full, rel, entry)) return false;
    }
    return true;
  };
  walk(folder, '', 0);
}

function skipsFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name) || name.startsWith('.');
}
