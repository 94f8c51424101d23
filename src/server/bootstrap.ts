// `node dist/server.js`: starts the language server (dist/serverMain.js) from V8's code cache when
// there is one. Compiling the bundle's JavaScript is a large part of a cold start; with the cache,
// V8 reuses the bytecode of the previous run. The cache is keyed by the bundle's size and time,
// the Node version and options; it is written at the first idle moment a few seconds after start
// (by then initialize has been answered and the language modules have loaded), and ignored if
// anything about it is off.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { SERVER_CACHE_DIR_VARIABLE } from './protocol';
/** How long after start the cache is written, at the earliest. */
const WRITE_AFTER_MS = 3_000;
/**
 * Writing takes the main thread for a few tens of milliseconds: it waits for a moment when the
 * server has been this idle (share of time busy over the last check period)…
 */
const QUIET_UTILIZATION = 0.005;
const QUIET_CHECK_MS = 1_000;
/** …but no longer than this after the process started. */
const WRITE_BY_MS = 60_000;

const mainFile = path.join(__dirname, 'serverMain.js');

function cacheFileFor(source: string): string {
  const stat = statSync(mainFile);
  // A plain string hash: loading node:crypto would cost more start-up time than the cache saves.
  const key = [
    process.version,
    process.arch,
    process.execArgv.join(' '),
    stat.size,
    stat.mtimeMs,
    source.length,
  ];
  return path.join(cacheDir(), `serverMain-${stringHash(key.join('\0'))}.bin`);
}

/** 53-bit string hash (cyrb53), as hex: enough to tell bundles and options apart. */
function stringHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/**
 * The client passes the extension's own storage. Run alone, the user's cache folder — never a
 * shared temp folder, where another user could leave code for this process to run.
 */
function cacheDir(): string {
  const given = process.env[SERVER_CACHE_DIR_VARIABLE];
  if (given) return given;
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(base, 'spinkube', 'server');
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, data);
    renameSync(partial, file);
    // Caches of earlier bundles or options are of no further use.
    const dir = path.dirname(file);
    for (const name of readdirSync(dir)) {
      if (/^serverMain-.*\.bin$/.test(name) && name !== path.basename(file)) {
        rmSync(path.join(dir, name), { force: true });
      }
    }
  } catch {
    // A cache that cannot be written only costs the next start its speed.
  }
}

/** Runs `work` once the server is idle (never while edits are being answered), or at WRITE_BY_MS. */
function whenQuiet(work: () => void): void {
  let since = performance.eventLoopUtilization();
  const check = (): void => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, since).utilization;
    since = now;
    if (busy <= QUIET_UTILIZATION || performance.now() >= WRITE_BY_MS) work();
    else setTimeout(check, QUIET_CHECK_MS).unref();
  };
  setTimeout(() => {
    since = performance.eventLoopUtilization();
    setTimeout(check, QUIET_CHECK_MS).unref();
  }, WRITE_AFTER_MS - QUIET_CHECK_MS).unref();
}

interface Prepared {
  readonly script: Script;
  readonly cacheFile: string;
  readonly cached: boolean;
}

/** Reads and compiles the bundle (with the cache when it fits); undefined when anything fails. */
function prepare(): Prepared | undefined {
  try {
    const source = readFileSync(mainFile, 'utf8');
    const cacheFile = cacheFileFor(source);
    const cachedData = readCache(cacheFile);
    const script = new Script(Module.wrap(source), { filename: mainFile, cachedData });
    return { script, cacheFile, cached: cachedData !== undefined && !script.cachedDataRejected };
  } catch {
    return undefined;
  }
}

const prepared = prepare();
if (prepared) {
  const mod = new Module(mainFile, module);
  mod.filename = mainFile;
  const run = prepared.script.runInThisContext() as (...args: unknown[]) => void;
  run.call(mod.exports, mod.exports, createRequire(mainFile), mod, mainFile, __dirname);
  if (!prepared.cached) {
    const { script, cacheFile } = prepared;
    whenQuiet(() => writeCache(cacheFile, script.createCachedData()));
  }
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(mainFile);
}
