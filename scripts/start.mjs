// `npm start`: builds the extension, starts a local OCI registry (Debian's docker-registry) and the
// sandbox cluster (seeded with demo apps, its kubelet pulling from that registry), and serves a real
// VS Code (code-server) on 127.0.0.1 with the extension in development mode and a fresh copy of
// sample/ as the workspace, its image repository pointed at the registry. Prints the URL; Ctrl+C
// (or SIGTERM) stops everything and removes its temp files. Everything it writes goes to the
// repository (dist/, out/, .test-host/), one temp folder, and the sample's node_modules cache.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const require = createRequire(import.meta.url);
const NEEDED = [
  'out/test/support/sandbox.js',
  'out/test/support/vscode/codeServer.js',
  'out/test/support/vscode/installHost.js',
  'out/test/support/registry.js',
];
/** The sample's node_modules between runs (its build's `npm install` is slow the first time). */
const SAMPLE_CACHE = join(tmpdir(), 'spinkube-start-sample-node_modules');
/** Not copied into the workspace: installed or built by the sample's build. */
const NOT_COPIED = new Set(['node_modules', 'dist', 'build', '.spin']);

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${what} failed`);
}

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles the test support code (the sandbox and the code-server launcher) when it is missing or older than its sources. */
function compileSupportIfNeeded() {
  const outputs = NEEDED.map((file) => join(root, file));
  const oldestOutput = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const newestSource = Math.max(newestMtime(join(root, 'test/support')), newestMtime(join(root, 'src')));
  if (oldestOutput >= newestSource) return;
  console.log('compiling the sandbox and the VS Code launcher (tsc) ...');
  // tsc still writes its output when some other file has a type error; what matters is the output.
  spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  const missing = outputs.filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`tsc did not produce ${missing.join(', ')}`);
}

/**
 * A fresh copy of sample/ in the run folder, so that trying things (and code-server's auto-save)
 * never changes the repository; node_modules comes from the cache of earlier runs.
 */
function copySample(workspace) {
  const sample = join(root, 'sample');
  cpSync(sample, workspace, {
    recursive: true,
    filter: (source) => {
      const relative = source.slice(sample.length + 1).split('/');
      return !(relative.length >= 1 && NOT_COPIED.has(relative[0])) && !NOT_COPIED.has(relative[1] ?? '');
    },
  });
  if (existsSync(SAMPLE_CACHE)) renameSync(SAMPLE_CACHE, join(workspace, 'node_modules'));
}

/** Keeps the workspace's node_modules for the next run. */
function keepSampleCache(workspace) {
  const modules = join(workspace, 'node_modules');
  if (!workspace || !existsSync(modules)) return;
  rmSync(SAMPLE_CACHE, { recursive: true, force: true });
  renameSync(modules, SAMPLE_CACHE);
}

/** The workspace setting that makes Deploy push to the local registry. */
function pointAtRegistry(workspace, registryHost) {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  const settings = { 'spinkube.registry.repository': `${registryHost}/sample-app` };
  writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

const runDir = mkdtempSync(join(tmpdir(), 'spinkube-start-'));
const workspace = join(runDir, 'workspace');
let registry;
let sandbox;
let server;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping ...');
  await server?.stop().catch(() => undefined);
  await sandbox?.stop().catch(() => undefined);
  await registry?.stop().catch(() => undefined);
  try {
    keepSampleCache(workspace);
  } catch {
    // The cache is only a speed-up.
  }
  rmSync(runDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  run([join(root, 'scripts/build.mjs')], 'the build');
  compileSupportIfNeeded();
  const { startSandbox } = require(join(root, 'out/test/support/sandbox.js'));
  const { startCodeServer } = require(join(root, 'out/test/support/vscode/codeServer.js'));
  const { ensureTestHost } = require(join(root, 'out/test/support/vscode/installHost.js'));
  const { registryInstalled, startRegistry, REGISTRY_PACKAGE } = require(
    join(root, 'out/test/support/registry.js'),
  );
  const host = await ensureTestHost();
  if (existsSync(join(root, 'sample'))) copySample(workspace);
  else mkdirSync(workspace);
  if (registryInstalled()) {
    registry = await startRegistry();
    pointAtRegistry(workspace, registry.host);
  } else {
    console.warn(
      `No local OCI registry: Deploy needs one. Install the Debian package ${REGISTRY_PACKAGE} ` +
        `(sudo apt-get install ${REGISTRY_PACKAGE}) and run npm start again; everything else starts now.`,
    );
  }
  const sandboxDir = join(runDir, 'sandbox');
  mkdirSync(sandboxDir);
  sandbox = await startSandbox({
    seed: 'demo',
    dir: sandboxDir,
    ...(registry && { pullFrom: [registry.host] }),
  });
  server = await startCodeServer({
    codeServerBin: host.codeServerBin,
    runDir: join(runDir, 'code-server'),
    env: { KUBECONFIG: sandbox.kubeconfigPath },
  });
  const url = server.urlFor(workspace, [['extensionDevelopmentPath', server.remoteUri(root)]]);
  console.log(`\nSpinKube in VS Code: ${url}`);
  const pushTo = registry ? `; registry: ${registry.host}` : '';
  console.log(
    `(workspace ${workspace}; cluster: the sandbox at ${sandbox.apiUrl}${pushTo}; Ctrl+C stops it)`,
  );
  // Keep running until a signal arrives; if code-server dies, say so and clean up.
  const watchdog = setInterval(async () => {
    try {
      if (!(await fetch(`${server.base}/healthz`)).ok) throw new Error('unhealthy');
    } catch {
      clearInterval(watchdog);
      console.error(`code-server stopped; see ${server.logFile}`);
      await stop(1);
    }
  }, 5000);
} catch (error) {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
