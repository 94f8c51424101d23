// Installs the pinned code-server (test/host/package.json + package-lock.json) into .test-host/,
// with the workarounds a closed network needs: @vscode/ripgrep's download cache is seeded with
// Debian's rg, and code-server's and node-pty's install scripts are allowed to run as root. Quick
// when already installed: a stamp holds the hash of the manifest, the lockfile and the Node ABI.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { withFileLock } from './fileLock';
import { testHostDir, testHostSpecDir } from './repoPaths';

/** code-server 4.100.3 depends on @vscode/ripgrep 1.15.11, which fetches ripgrep v13.0.0-10. */
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10';
const SPEC_FILES = ['package.json', 'package-lock.json'];

export interface TestHost {
  /** The code-server executable. */
  readonly codeServerBin: string;
  /** True when this call installed it (false: it was already there). */
  readonly installed: boolean;
}

export const codeServerBin = join(testHostDir, 'node_modules', '.bin', 'code-server');
const stampFile = join(testHostDir, '.installed-stamp');

function expectedStamp(): string {
  const hash = createHash('sha256');
  for (const file of SPEC_FILES) hash.update(readFileSync(join(testHostSpecDir, file)));
  hash.update(`${process.platform}-${process.arch}-abi${process.versions.modules}`);
  return hash.digest('hex');
}

export function isTestHostCurrent(): boolean {
  return (
    existsSync(codeServerBin) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === expectedStamp()
  );
}

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function ripgrepTarget(): string {
  if (process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  throw new Error(`the test host supports x64 and arm64 Linux, not ${process.arch}`);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-30).join('\n');
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? result.status}):\n${tail}`,
    );
  }
}

function install(log: (line: string) => void): void {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is missing: run `bash test/support/install-system-packages.sh`');
  mkdirSync(testHostDir, { recursive: true });
  rmSync(stampFile, { force: true });
  for (const file of SPEC_FILES) copyFileSync(join(testHostSpecDir, file), join(testHostDir, file));
  const tmp = join(testHostDir, '.install-tmp');
  rmSync(tmp, { recursive: true, force: true });
  const cache = join(tmp, RIPGREP_CACHE);
  mkdirSync(cache, { recursive: true });
  run(
    'tar',
    ['czf', join(cache, `${RIPGREP_ASSET}-${ripgrepTarget()}.tar.gz`), '-C', dirname(rg), 'rg'],
    tmp,
    {
      ...process.env,
    },
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: join(tmp, 'xdg-cache'),
    // code-server's postinstall refuses to run as root without it; node-pty's runs `npx node-gyp`.
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
  };
  log('installing the VS Code test host (code-server 4.100.3) into .test-host/ ...');
  const started = Date.now();
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], testHostDir, env);
  if (!existsSync(codeServerBin)) throw new Error(`npm ci finished but ${codeServerBin} is missing`);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(stampFile, expectedStamp());
  log(`test host installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Makes sure the pinned code-server is installed; safe to call from several processes at once. */
export async function ensureTestHost(log: (line: string) => void = console.log): Promise<TestHost> {
  if (isTestHostCurrent()) return { codeServerBin, installed: false };
  mkdirSync(testHostDir, { recursive: true });
  return withFileLock(join(testHostDir, '.install.lock'), async () => {
    if (isTestHostCurrent()) return { codeServerBin, installed: false };
    install(log);
    return { codeServerBin, installed: true };
  });
}
