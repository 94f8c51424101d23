// Which components need building before a run: those with a build command whose Wasm file is
// missing or older than one of their `build.watch` files.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { FilesGlob } from '../language/spinGlob';
import type { LocalApp, LocalComponent } from './localApp';

function newestMatching(folder: string, patterns: readonly FilesGlob[], prefix = ''): number {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(path.join(folder, prefix), { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!['node_modules', '.git', '.spin', 'target'].includes(entry.name)) {
        newest = Math.max(newest, newestMatching(folder, patterns, relative));
      }
    } else if (patterns.some((glob) => glob.matches(relative))) {
      newest = Math.max(newest, statSync(path.join(folder, relative)).mtimeMs);
    }
  }
  return newest;
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

export function isStale(component: LocalComponent): boolean {
  if (!component.hasBuild) return false;
  const built = mtime(component.sourcePath);
  if (built === undefined) return true;
  if (component.watch.length === 0) return false;
  return newestMatching(component.buildFolder, watchGlobs(component)) > built;
}

/** The component's `build.watch` globs (a glob Spin rejects watches nothing). */
function watchGlobs(component: LocalComponent): FilesGlob[] {
  return component.watch.flatMap((glob) => {
    try {
      return [new FilesGlob(glob)];
    } catch {
      return [];
    }
  });
}

export function staleComponents(app: LocalApp): string[] {
  return [...app.components.values()].filter(isStale).map((c) => c.id);
}

/** Does `file` (absolute) match one of the component's `build.watch` globs? */
export function isWatchedBy(component: LocalComponent, file: string): boolean {
  const relative = path.relative(component.buildFolder, file).split(path.sep).join('/');
  if (relative.startsWith('..')) return false;
  return watchGlobs(component).some((glob) => glob.matches(relative));
}
