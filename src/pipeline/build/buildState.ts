// What the last successful build of each component saw, so that a build can skip a component that
// is up to date: its build commands, the files its `build.watch` globs match (path, size, mtime),
// and the `source` file the build produced (size, mtime). A component without `watch` globs or
// without a local source is always built: nothing says what it depends on. The record lives in
// the app's `.spin/` folder (where `spin up` keeps its local state).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { AppComponent } from '../appManifest';
import { FilesGlob } from '../../language/spinGlob';

export const BUILD_STATE_FILE = path.join('.spin', 'spinkube-builds.json');

interface ComponentRecord {
  /** Digest of the build commands and the watched files as the build started. */
  readonly inputs: string;
  /** The source file after the build. */
  readonly source: { readonly size: number; readonly mtimeMs: number };
}

type BuildRecords = Record<string, ComponentRecord>;

/** Folders a watch glob only reaches when it names them. */
const NOT_WALKED = ['node_modules', '.git', 'target', '.spin'];

export class BuildState {
  private constructor(
    private readonly root: string,
    private readonly records: BuildRecords,
  ) {}

  static async load(root: string): Promise<BuildState> {
    try {
      const text = await readFile(path.join(root, BUILD_STATE_FILE), 'utf8');
      const parsed = JSON.parse(text) as unknown;
      return new BuildState(
        root,
        typeof parsed === 'object' && parsed !== null ? (parsed as BuildRecords) : {},
      );
    } catch {
      return new BuildState(root, {});
    }
  }

  /**
   * The component's inputs now (undefined when it cannot be skipped: no watch globs or no local
   * source), to compare with its record and to record after a successful build.
   */
  async inputsOf(component: AppComponent): Promise<string | undefined> {
    const build = component.build;
    const watch = build?.raw['watch'];
    if (!build || component.source.kind !== 'local' || !Array.isArray(watch) || watch.length === 0) {
      return undefined;
    }
    const globs = watch.filter((w): w is string => typeof w === 'string');
    const cwd = build.workdir === undefined ? this.root : path.join(this.root, build.workdir);
    const files = await watchedFiles(cwd, globs);
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ commands: build.commands, workdir: build.workdir ?? null, globs }));
    for (const file of files) hash.update(`\n${file.path}\0${file.size}\0${file.mtimeMs}`);
    return hash.digest('hex');
  }

  /** Whether the component's last successful build saw these inputs and its source is still what it produced. */
  async upToDate(component: AppComponent, inputs: string | undefined): Promise<boolean> {
    const record = this.records[component.id];
    if (inputs === undefined || record?.inputs !== inputs) return false;
    const source = await this.sourceStat(component);
    return (
      source !== undefined && source.size === record.source.size && source.mtimeMs === record.source.mtimeMs
    );
  }

  /** Records a successful build that started with `inputs`. */
  async recordBuild(component: AppComponent, inputs: string | undefined): Promise<void> {
    const source = await this.sourceStat(component);
    if (inputs === undefined || source === undefined) {
      delete this.records[component.id];
      return;
    }
    this.records[component.id] = { inputs, source };
  }

  /** Forgets a component's build (it failed, or ran without being recorded). */
  forget(componentId: string): void {
    delete this.records[componentId];
  }

  async save(): Promise<void> {
    const file = path.join(this.root, BUILD_STATE_FILE);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify(this.records, null, 2)}\n`);
    } catch {
      // Only a speed-up: the next build runs the commands again.
    }
  }

  private async sourceStat(component: AppComponent): Promise<{ size: number; mtimeMs: number } | undefined> {
    if (component.source.kind !== 'local') return undefined;
    try {
      const s = await stat(path.resolve(this.root, component.source.path));
      return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
    } catch {
      return undefined;
    }
  }
}

interface WatchedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The files under `cwd` that the globs match, sorted by path. */
async function watchedFiles(cwd: string, globs: readonly string[]): Promise<WatchedFile[]> {
  const found = new Map<string, WatchedFile>();
  for (const pattern of globs) {
    let glob: FilesGlob;
    try {
      glob = new FilesGlob(pattern);
    } catch {
      continue; // a glob Spin rejects watches nothing (the editor says why)
    }
    const named = NOT_WALKED.filter((dir) => pattern.includes(dir));
    await walk(cwd, '', glob, named, found);
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

async function walk(
  cwd: string,
  relative: string,
  glob: FilesGlob,
  named: readonly string[],
  found: Map<string, WatchedFile>,
): Promise<void> {
  let entries;
  try {
    entries = await readdir(path.join(cwd, relative), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (NOT_WALKED.includes(entry.name) && !named.includes(entry.name)) continue;
      if (glob.mayEnter(child)) await walk(cwd, child, glob, named, found);
    } else if (entry.isFile() && glob.matches(child)) {
      const s = await stat(path.join(cwd, child));
      found.set(child, { path: child, size: s.size, mtimeMs: s.mtimeMs });
    }
  }
}
