// `npm start`: builds the extension, starts the sandbox cluster (seeded with demo apps), and serves
// a real VS Code (code-server) on 127.0.0.1 with the extension in development mode and sample/ as
// the workspace. Prints the URL; Ctrl+C (or SIGTERM) stops everything and removes its temp files.
// Everything it writes goes to the repository (dist/, out/, .test-host/) or one temp folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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
];

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

const runDir = mkdtempSync(join(tmpdir(), 'spinkube-start-'));
let sandbox;
let server;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping ...');
  await server?.stop().catch(() => undefined);
  await sandbox?.stop().catch(() => undefined);
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
  const host = await ensureTestHost();
  const sandboxDir = join(runDir, 'sandbox');
  mkdirSync(sandboxDir);
  sandbox = await startSandbox({ seed: 'demo', dir: sandboxDir });
  let workspace = join(root, 'sample');
  if (!existsSync(workspace)) {
    workspace = join(runDir, 'workspace');
    mkdirSync(workspace);
  }
  server = await startCodeServer({
    codeServerBin: host.codeServerBin,
    runDir: join(runDir, 'code-server'),
    env: { KUBECONFIG: sandbox.kubeconfigPath },
  });
  const url = server.urlFor(workspace, [['extensionDevelopmentPath', server.remoteUri(root)]]);
  console.log(`\nSpinKube in VS Code: ${url}`);
  console.log(`(workspace ${workspace}; cluster: the sandbox at ${sandbox.apiUrl}; Ctrl+C stops it)`);
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
