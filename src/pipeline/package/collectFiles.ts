// Which host files a component's `files` put where in the guest, following Spin's loader rules
// (SPEC §1a.12): paths, folders, glob patterns and `{ source, destination }` placements, minus
// `exclude_files`. Guest paths come back relative and with forward slashes, as in Spin's lock.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { AppComponent } from '../appManifest';
import { PipelineError } from '../events';
import { ExcludePattern, FilesGlob, GlobSyntaxError, looksLikeGlob } from '../../language/spinGlob';

export interface ComponentFile {
  /** Absolute path on this machine. */
  readonly hostPath: string;
  /** Path inside the component's file system, relative, `/`-separated (e.g. `static/index.html`). */
  readonly guestPath: string;
}

const GUIDANCE =
  '\nIf you want to include a directory, use source-destination form, or a glob pattern ending in **/*.' +
  '\nLearn more: https://spinframework.dev/writing-apps#including-files-with-components';

export interface CollectOptions {
  /**
   * Take files that resolve (through symbolic links) outside the app folder. Without it such a
   * file fails the load with a message naming each one: a cloned repository's `static/logo.png →
   * ~/.ssh/id_rsa` must not push the key.
   */
  readonly allowOutside?: boolean;
  /** Told about each file taken from outside the app folder (when `allowOutside`). */
  readonly onOutside?: (guestPath: string) => void;
}

export async function collectComponentFiles(
  component: AppComponent,
  root: string,
  options: CollectOptions = {},
): Promise<ComponentFile[]> {
  const excludes = component.excludeFiles.map((p) =>
    parsed(component.id, () => new ExcludePattern(p), `Invalid exclude_files glob pattern "${p}"`),
  );
  const excluded = (rel: string): boolean => excludes.some((pattern) => pattern.matches(rel));
  const byGuest = new Map<string, ComponentFile>();
  const add = (hostRel: string, guestPath: string): void => {
    byGuest.set(guestPath, { hostPath: path.join(root, hostRel), guestPath });
  };
  const fail = (message: string): never => {
    throw new PipelineError('manifest', `Failed to load component \`${component.id}\`: ${message}`);
  };

  for (const mount of component.files) {
    if (typeof mount === 'string') {
      if (mount === '..' || mount.endsWith('/..')) {
        fail(`A file pattern can't end in a parent directory path (..)${GUIDANCE}`);
      }
      if (mount === '.' || mount.endsWith('/.')) {
        fail(`A file pattern can't end in a current directory path (.)${GUIDANCE}`);
      }
      const rel = insideRoot(root, mount) ?? fail(outsideMessage(mount));
      const info = await stat(path.join(root, rel)).catch(() => undefined);
      if (info?.isDirectory()) {
        for (const file of await walk(root, rel)) if (!excluded(file)) add(file, file);
      } else if (info) {
        add(rel, rel);
      } else if (looksLikeGlob(mount)) {
        const glob = parsed(
          component.id,
          () => new FilesGlob(toSlash(mount)),
          `Failed to resolve glob pattern "${mount}"`,
        );
        const base = insideRoot(root, glob.base()) ?? fail(outsideMessage(mount));
        for (const file of await walk(root, base)) if (glob.matches(file) && !excluded(file)) add(file, file);
      } else {
        fail(`${JSON.stringify(mount)} does not exist and doesn't appear to be a glob pattern`);
      }
    } else {
      const rel = insideRoot(root, mount.source) ?? fail(outsideMessage(mount.source));
      if (climbsAboveRoot(mount.destination)) {
        fail(`File destination "${mount.destination}" is outside the component's files (".." above "/")`);
      }
      const destination = mount.destination.replace(/^\/+/, '');
      const info = await stat(path.join(root, rel)).catch(() => undefined);
      if (!info) fail(`File or directory "${mount.source}" does not exist`);
      if (info?.isDirectory()) {
        for (const file of await walk(root, rel)) {
          if (excluded(file)) continue;
          const inner = path.posix.relative(toSlash(rel), file);
          add(file, destination === '' ? inner : `${destination.replace(/\/+$/, '')}/${inner}`);
        }
      } else {
        if (destination === '' || destination.endsWith('/')) {
          fail(`"${mount.destination}" is not a valid destination file name`);
        }
        add(rel, destination);
      }
    }
  }
  const files = [...byGuest.values()].sort((a, b) =>
    a.guestPath < b.guestPath ? -1 : a.guestPath > b.guestPath ? 1 : 0,
  );
  const outside = await filesOutside(root, files);
  if (outside.length > 0 && !options.allowOutside) {
    fail(
      'these files resolve (through symbolic links) to places outside the application directory, ' +
        `and are not pushed:\n${outside.map((f) => `  ${f.guestPath} → outside the app folder`).join('\n')}` +
        '\nCopy them into the application directory, or allow them explicitly (spinkube push --allow-outside-files).',
    );
  }
  for (const file of outside) options.onOutside?.(file.guestPath);
  return files;
}

/** The files whose real path (all symbolic links resolved) is not inside the app folder's real path. */
async function filesOutside(root: string, files: readonly ComponentFile[]): Promise<ComponentFile[]> {
  const realRoot = await realpath(root).catch(() => path.resolve(root));
  const inside = (real: string): boolean => {
    const rel = path.relative(realRoot, real);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  };
  const out: ComponentFile[] = [];
  for (const file of files) {
    const real = await realpath(file.hostPath).catch(() => undefined);
    if (real === undefined || !inside(real)) out.push(file);
  }
  return out;
}

/** A glob compiled, or the component's load failing with Spin's wording for a pattern it rejects. */
function parsed<T>(componentId: string, compile: () => T, message: string): T {
  try {
    return compile();
  } catch (error) {
    if (error instanceof GlobSyntaxError) {
      throw new PipelineError(
        'manifest',
        `Failed to load component \`${componentId}\`: ${message}: ${error.message}`,
      );
    }
    throw error;
  }
}

function outsideMessage(pattern: string): string {
  return `${pattern} cannot be mapped because it is outside the application directory. Files must be within the application directory.`;
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}

/** The path relative to root (`/`-separated, '' for root itself), or undefined when it escapes. */
function insideRoot(root: string, p: string): string | undefined {
  const rel = path.relative(root, path.resolve(root, p));
  if (rel === '') return '';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return toSlash(rel);
}

/** Whether a guest path's `..` segments lead above its root (the files would land outside it). */
function climbsAboveRoot(guestPath: string): boolean {
  let depth = 0;
  for (const segment of guestPath.split(/[\\/]/)) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/**
 * All regular files under root/rel, as root-relative `/` paths. Symbolic links are followed, except
 * one back to a folder being walked (which would repeat its files at ever deeper paths).
 */
async function walk(root: string, rel: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (dirRel: string, ancestors: readonly string[] = []): Promise<void> => {
    const real = await realpath(path.join(root, dirRel)).catch(() => undefined);
    if (real === undefined || ancestors.includes(real)) return;
    const within = [...ancestors, real];
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, dirRel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const childRel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
      if (entry.isDirectory()) await visit(childRel, within);
      else if (entry.isFile()) files.push(childRel);
      else if (entry.isSymbolicLink()) {
        const target = await stat(path.join(root, childRel)).catch(() => undefined);
        if (target?.isFile()) files.push(childRel);
        else if (target?.isDirectory()) await visit(childRel, within);
      }
    }
  };
  await visit(rel);
  return files;
}
