import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findFilesNamedSync, walkFilesSync } from './manifestFiles';
import { FilesGlob } from './spinGlob';
import type { WorkspaceView } from './types';

/** Open editor buffers, which win over the files on disk. */
export interface OpenDocumentTexts {
  textOf(uri: string): string | undefined;
  openUris(): Iterable<string>;
}

const NO_OPEN_DOCUMENTS: OpenDocumentTexts = { textOf: () => undefined, openUris: () => [] };

/** Largest file the view reads for a cross-file check (bigger ones count as missing text). */
const MAX_READ_BYTES = 8 * 1024 * 1024;
/** Largest number of files one glob expansion lists. */
const MAX_GLOB_RESULTS = 10_000;

/**
 * A `WorkspaceView` over the files on disk under the workspace folders, overlaid with the open
 * documents. The list of spin.toml files is cached until `refresh()` (called when files are
 * created or deleted); file texts are cached by modification time.
 */
export class DiskWorkspaceView implements WorkspaceView {
  private manifests: string[] | undefined;
  private readonly texts = new Map<string, { mtimeMs: number; size: number; text: string }>();

  constructor(
    private folders: readonly string[],
    private readonly open: OpenDocumentTexts = NO_OPEN_DOCUMENTS,
  ) {}

  /** Replaces the workspace folders (absolute paths). */
  setFolders(folders: readonly string[]): void {
    this.folders = folders;
    this.refresh();
  }

  /** Forgets the cached file list and texts, after files changed on disk. */
  refresh(): void {
    this.manifests = undefined;
    this.texts.clear();
  }

  readFile(uri: string): string | undefined {
    const open = this.open.textOf(uri);
    if (open !== undefined) return open;
    const file = toPath(uri);
    if (!file) return undefined;
    try {
      // Missing files are common (a kustomization looked for next to every YAML file): no exception for them.
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size > MAX_READ_BYTES) return undefined;
      const cached = this.texts.get(file);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
      const text = readFileSync(file, 'utf8');
      this.texts.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  exists(uri: string): boolean {
    if (this.open.textOf(uri) !== undefined) return true;
    const file = toPath(uri);
    return file !== undefined && existsSync(file);
  }

  spinManifests(): readonly string[] {
    this.manifests ??= findFilesNamedSync(this.folders, 'spin.toml').map((p) => pathToFileURL(p).href);
    const all = new Set(this.manifests);
    for (const uri of this.open.openUris()) {
      if (uri.toLowerCase().endsWith('/spin.toml')) all.add(uri);
    }
    return [...all];
  }

  glob(baseUri: string, pattern: string): readonly string[] {
    const base = toPath(baseUri);
    if (!base) return [];
    let glob: FilesGlob;
    try {
      glob = new FilesGlob(pattern);
    } catch {
      return [];
    }
    const results: string[] = [];
    walkFilesSync(
      base,
      (full, relative) => {
        if (glob.matches(relative)) results.push(pathToFileURL(full).href);
        return results.length < MAX_GLOB_RESULTS;
      },
      // Only the folders the pattern can reach are read (`*.html` only the base folder).
      { enter: (_name, _depth, relative) => glob.mayEnter(relative) },
    );
    return results;
  }
}

/** The file-system path of a `file:` URI (or a plain path); undefined for other schemes. */
export function toPath(uriOrPath: string): string | undefined {
  if (!uriOrPath.includes(':/') || /^[a-zA-Z]:[\\/]/.test(uriOrPath)) return uriOrPath;
  if (!uriOrPath.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uriOrPath);
  } catch {
    return undefined;
  }
}
