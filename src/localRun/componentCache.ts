// Wasm component → ready-to-instantiate JavaScript: transpiled once per content digest (jco,
// `instantiation: 'sync'`) into a cache folder, then its core modules compiled once per process.
// A rebuilt component has a new digest, so watch mode picks it up; an unchanged one is reused
// across runs without transpiling again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkComponent } from './componentCheck';
import { LocalRunError } from './localRunError';
import {
  importComponentModule,
  loadTranspiler,
  webAssembly,
  type CoreModule,
  type TranspiledModule,
} from './wasmRuntime';

export interface LoadedComponent {
  readonly digest: string;
  readonly module: TranspiledModule;
  readonly getCoreModule: (name: string) => CoreModule;
  /** The component's imports, as jco names them (unversioned for WASI). */
  readonly imports: readonly string[];
}

interface CacheManifest {
  readonly imports: string[];
  readonly exports: [string, string][];
}

const MODULE_FILE = 'component.mjs';
const MANIFEST_FILE = 'imports.json';

export function defaultCacheFolder(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const base = env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
  return path.join(base, 'spinkube', 'components');
}

const compiled = new Map<string, Promise<LoadedComponent>>();

/** Loads (transpiling on a cache miss) the component at `wasmPath`; refuses what we cannot run. */
export async function loadComponent(
  componentId: string,
  wasmPath: string,
  cacheFolder: string,
): Promise<LoadedComponent> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(wasmPath);
  } catch {
    throw new LocalRunError(
      `The Wasm file of component ${componentId} (${wasmPath}) does not exist: build the app first.`,
    );
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  let loading = compiled.get(digest);
  if (!loading) {
    loading = load(componentId, bytes, digest, cacheFolder);
    compiled.set(digest, loading);
    loading.catch(() => compiled.delete(digest));
  }
  const loaded = await loading;
  checkComponent(componentId, loaded.imports, undefined);
  return loaded;
}

async function load(
  componentId: string,
  bytes: Buffer,
  digest: string,
  cacheFolder: string,
): Promise<LoadedComponent> {
  checkComponent(componentId, [], bytes);
  const folder = path.join(cacheFolder, digest);
  if (!existsSync(path.join(folder, MANIFEST_FILE))) await transpileInto(componentId, bytes, folder);
  const manifest = JSON.parse(readFileSync(path.join(folder, MANIFEST_FILE), 'utf8')) as CacheManifest;
  checkComponent(componentId, manifest.imports, undefined, manifest.exports);
  const module = await importComponentModule(pathToFileURL(path.join(folder, MODULE_FILE)).toString());
  const cores = new Map<string, CoreModule>();
  for (const name of Object.keys(
    JSON.parse(readFileSync(path.join(folder, 'cores.json'), 'utf8')) as object,
  )) {
    cores.set(name, await webAssembly.compile(readFileSync(path.join(folder, name))));
  }
  return {
    digest,
    module,
    imports: manifest.imports,
    getCoreModule: (name) => {
      const core = cores.get(name);
      if (!core) throw new Error(`core module ${name} is missing from the transpiled component`);
      return core;
    },
  };
}

async function transpileInto(componentId: string, bytes: Buffer, folder: string): Promise<void> {
  const transpiler = await loadTranspiler();
  let result;
  try {
    result = await transpiler.transpileBytes(new Uint8Array(bytes), {
      name: 'component',
      instantiation: 'sync',
      noTypescript: true,
      emitTypescriptDeclarations: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LocalRunError(
      `Component ${componentId} could not be prepared to run: ${reason.split('\n')[0]}`,
    );
  }
  // Written to a temporary folder and renamed, so a cache entry is whole or absent.
  const temporary = `${folder}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  const cores: Record<string, number> = {};
  for (const [name, content] of Object.entries(result.files)) {
    if (name.endsWith('.d.ts') || name.includes('/')) continue;
    if (name.endsWith('.wasm')) cores[name] = content.length;
    writeFileSync(path.join(temporary, name === 'component.js' ? MODULE_FILE : name), content);
  }
  writeFileSync(path.join(temporary, 'cores.json'), JSON.stringify(cores));
  const manifest: CacheManifest = { imports: result.imports, exports: result.exports };
  writeFileSync(path.join(temporary, MANIFEST_FILE), JSON.stringify(manifest));
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.dirname(folder), { recursive: true });
  renameSync(temporary, folder);
}
