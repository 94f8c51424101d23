// An isolated code-server (a real VS Code 1.100.3 server with its Node extension host): its own
// user-data, extensions, XDG and temp folders under one run folder, no extension gallery, bound
// to 127.0.0.1 on a free port, and stopped as a whole process group.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Workbench settings that keep a test window quiet and predictable. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface RunDirs {
  readonly userData: string;
  readonly extensions: string;
  readonly xdgConfig: string;
  readonly xdgData: string;
  readonly xdgCache: string;
  readonly tmp: string;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly base: string;
  /** host:port, the authority of vscode-remote:// URIs as the web client sees it. */
  readonly remoteAuthority: string;
  readonly logFile: string;
  /** The workbench URL opening `folder`, optionally with a `payload` (development and test paths). */
  urlFor(folder: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  /** A vscode-remote:// URI for a path on this machine. */
  remoteUri(path: string): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  readonly codeServerBin: string;
  /** Everything the server writes goes below this folder. */
  readonly runDir: string;
  /** Extra environment for the server and its extension hosts. */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
}

export function prepareRunDirs(runDir: string): RunDirs {
  const dirs: RunDirs = {
    userData: join(runDir, 'user-data'),
    extensions: join(runDir, 'extensions'),
    xdgConfig: join(runDir, 'xdg-config'),
    xdgData: join(runDir, 'xdg-data'),
    xdgCache: join(runDir, 'xdg-cache'),
    tmp: join(runDir, 'tmp'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  return dirs;
}

function serverEnv(dirs: RunDirs, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Keep config.yaml, coder-logs, the device id and the extension host's sockets out of ~ and /tmp.
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmp,
    // No gallery: the default one is unreachable offline and only produces errors.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

const dirArgs = (dirs: RunDirs): string[] => [
  '--user-data-dir',
  dirs.userData,
  '--extensions-dir',
  dirs.extensions,
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Installs a VSIX into the run folder's extensions (before the server starts). */
export function installVsix(codeServerBin: string, runDir: string, vsixPath: string): void {
  const dirs = prepareRunDirs(runDir);
  execFileSync(codeServerBin, [...dirArgs(dirs), '--install-extension', vsixPath, '--force'], {
    env: serverEnv(dirs),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const dirs = prepareRunDirs(options.runDir);
  const port = await freePort();
  const logFile = join(options.runDir, 'server.log');
  const log = openSync(logFile, 'w');
  const args = [
    ...['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ...dirArgs(dirs)],
    ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    ...['--disable-getting-started-override', '--ignore-last-opened'],
  ];
  // detached: its own process group, so the server, extension hosts and watchers stop together.
  const child = spawn(options.codeServerBin, args, {
    env: serverEnv(dirs, options.env),
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.codeServerBin}`);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const groupAlive = (): boolean => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async (): Promise<void> => {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const deadline = Date.now() + 5000;
    while (groupAlive() && Date.now() < deadline) await sleep(100);
    if (groupAlive()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    await exit;
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`code-server exited before it was ready; see ${logFile}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${base}/healthz in time; see ${logFile}`);
    }
    await sleep(100);
  }

  const remoteAuthority = `127.0.0.1:${port}`;
  const remoteUri = (path: string): string => `vscode-remote://${remoteAuthority}${path}`;
  return {
    base,
    remoteAuthority,
    logFile,
    remoteUri,
    urlFor(folder, payload) {
      let url = `${base}/?folder=${encodeURIComponent(folder)}`;
      if (payload?.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    stop,
  };
}
