// Redeploy benchmark: `spinkube deploy REF --build --wait` (what the palette Deploy runs) of an app
// with two components (5 MB Wasm each, a build command and `watch` globs), each in a fresh Node
// process as a user runs it (the shipped bundle, dist/cli.js), against the sandbox cluster and a local docker-registry on 127.0.0.1.
// Per run: a first deploy of a new app (build, push, apply, rollout until ready), then unchanged
// redeploys (up-to-date components, registry already holding the app, dry-run apply finding
// nothing to change): their median is the figure next to the first deploy's. Target: an unchanged
// redeploy under 2 s.
//
//   node bench/deploy/redeploy.mjs [--runs 5]   (after `npx tsc -p tsconfig.test.json` and `node scripts/build.mjs`)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const REDEPLOYS = 3;
const TARGET_MS = 2000;

const { startRegistry } = require(join(root, 'out/test/support/registry.js'));
const { startSandbox } = require(join(root, 'out/test/support/sandbox.js'));
const { writeWasmModule } = require(join(root, 'out/test/support/wasm.js'));
const CLI = join(root, 'dist/cli.js');
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run node scripts/build.mjs first');

function makeApp(dir, name) {
  const components = ['front', 'back'];
  let toml = `spin_manifest_version = 2\n[application]\nname = "${name}"\nversion = "0.1.0"\n`;
  for (const id of components) {
    mkdirSync(join(dir, id, 'src'), { recursive: true });
    writeWasmModule(join(dir, id, 'src', `${id}.wasm`), 5 * 1048576, `${name}-${id}`);
    toml +=
      `[[trigger.http]]\nroute = "/${id}/..."\ncomponent = "${id}"\n` +
      `[component.${id}]\nsource = "${id}/dist/${id}.wasm"\n[component.${id}.build]\nworkdir = "${id}"\n` +
      `command = "mkdir -p dist && cp src/${id}.wasm dist/${id}.wasm"\nwatch = ["src/**/*.wasm"]\n`;
  }
  writeFileSync(join(dir, 'spin.toml'), toml);
}

/** One CLI run in its own process (asynchronously: this process serves the sandbox's API). */
async function deploy(dir, reference, kubeconfig) {
  const start = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, 'deploy', reference, '--build', '--wait', '-r', '1', '--json'],
    {
      cwd: dir,
      env: { ...process.env, KUBECONFIG: kubeconfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const status = await new Promise((resolve) => child.on('close', resolve));
  const ms = performance.now() - start;
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  if (status !== 0) throw new Error(`deploy failed (${status}): ${last}\n${stderr}`);
  return { ms, message: JSON.parse(last).message };
}

const work = mkdtempSync(join(tmpdir(), 'spinkube-bench-redeploy-'));
const registry = await startRegistry();
const sandbox = await startSandbox({ seed: 'empty', pullFrom: [registry.host] });
const firsts = [];
const agains = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const name = `redeploy-${run}`;
    const dir = join(work, name);
    mkdirSync(dir);
    makeApp(dir, name);
    const reference = `${registry.host}/${name}:dev`;
    const first = await deploy(dir, reference, sandbox.kubeconfigPath);
    const times = [];
    let message = '';
    for (let i = 0; i < REDEPLOYS; i++) {
      const again = await deploy(dir, reference, sandbox.kubeconfigPath);
      times.push(again.ms);
      message = again.message;
    }
    if (!message.startsWith('Nothing changed')) throw new Error(`an unchanged redeploy said: ${message}`);
    firsts.push(first.ms);
    agains.push(...times);
    console.log(
      `run ${run}: first deploy ${first.ms.toFixed(0)} ms | unchanged redeploys ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
    );
  }
} finally {
  await sandbox.stop();
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('');
console.log(`first deploy (median)        ${median(firsts).toFixed(0)} ms`);
console.log(
  `unchanged redeploy (median)  ${median(agains).toFixed(0)} ms (target < ${TARGET_MS} ms; max ${Math.max(...agains).toFixed(0)} ms)`,
);
const ok = median(agains) < TARGET_MS;
console.log(ok ? 'target met' : 'TARGET MISSED');
process.exitCode = ok ? 0 : 1;
