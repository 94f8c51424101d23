// A component's `files`, laid out as the guest sees them: copied (as Spin does without
// `--direct-mounts`) into a staging folder that becomes the guest's `/`. Patterns keep their path
// relative to the app folder; `{ source, destination }` puts a folder (or file) at `destination`.
// `exclude_files` patterns drop matching files.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExcludePattern, FilesGlob } from '../language/spinGlob';
import type { FileMount } from '../language/spinToml/modelTypes';

/** Files under `folder` (relative, `/`-separated), skipping node_modules and .git. */
function listFiles(folder: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') out.push(...listFiles(folder, relative));
    } else if (entry.isFile()) out.push(relative);
  }
  return out;
}

/** A glob Spin accepts, or none (Spin refuses the others; the editor says why). */
function orNothing<T>(make: () => T): T[] {
  try {
    return [make()];
  } catch {
    return [];
  }
}

/** Stages the mounts into a new temporary folder; undefined when the component has no files. */
export function stageFiles(
  root: string,
  files: readonly FileMount[],
  excludeFiles: readonly string[],
): string | undefined {
  if (files.length === 0) return undefined;
  const staging = mkdtempSync(path.join(os.tmpdir(), 'spinkube-files-'));
  const excluded = excludeFiles.flatMap((p) => orNothing(() => new ExcludePattern(p)));
  const keep = (relative: string): boolean => !excluded.some((pattern) => pattern.matches(relative));
  let all: string[] | undefined;
  for (const mount of files) {
    if (mount.kind === 'pattern') {
      const [glob] = orNothing(() => new FilesGlob(mount.pattern));
      if (!glob) continue;
      all ??= listFiles(root);
      for (const relative of all) {
        if (!glob.matches(relative) || !keep(relative)) continue;
        const target = path.join(staging, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        cpSync(path.join(root, relative), target);
      }
    } else if (mount.source && mount.destination) {
      const source = path.resolve(root, mount.source.value);
      if (!existsSync(source)) continue;
      const target = path.join(staging, mount.destination.value);
      if (statSync(source).isDirectory()) {
        for (const relative of listFiles(source)) {
          mkdirSync(path.dirname(path.join(target, relative)), { recursive: true });
          cpSync(path.join(source, relative), path.join(target, relative));
        }
      } else {
        mkdirSync(path.dirname(target), { recursive: true });
        cpSync(source, target);
      }
    }
  }
  return staging;
}
