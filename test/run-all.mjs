// The one test command (`npm test`): builds the bundles, then runs each tier and prints one
// closing line, `N passed, N failed`. `node test/run-all.mjs unit cluster` runs only those tiers.
//   unit     plain Node tests of the cores            (out/test/unit/**/*.test.js)
//   security the faults a security review found, kept fixed (out/test/security/**/*.test.js)
//   server   the bundled language server over LSP      (out/test/server/**/*.test.js)
//   cluster  cluster core + pipeline vs the API simulator and a local registry (out/test/cluster/**),
//            then the files that run against any cluster once more in envtest mode, against the
//            simulator started as a bare API server (test/support/envtest; one file at a time)
//   vscode   suites inside the real VS Code extension host, and UI checks in the real workbench
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ALL = ['unit', 'security', 'server', 'cluster', 'vscode'];
const tiers = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
const root = new URL('..', import.meta.url).pathname;
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return testFiles(p);
    return name.endsWith('.test.js') ? [p] : [];
  });
}

/** Runs a command, echoing its output live, and resolves with its exit status and output. */
function runTee(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk.toString();
    });
    child.on('close', (status) => resolve({ status: status ?? 1, out }));
  });
}

async function nodeTests(tier, only = { label: tier }) {
  const files = only.files ?? testFiles(join(root, 'out/test', tier)).sort();
  if (files.length === 0) return;
  console.log(`\n=== ${only.label}: ${files.length} test files ===`);
  const { status, out } = await runTee(
    process.execPath,
    [
      '--test',
      // A test file that fails before its clean-up must not keep its process (and the run) alive.
      '--test-force-exit',
      '--test-timeout=300000',
      // Cluster tests one file at a time: one simulated kubelet per cluster.
      ...(tier === 'cluster' ? ['--test-concurrency=1'] : []),
      '--test-reporter=spec',
      ...files,
    ],
    only.env,
  );
  const count = (key) => summary(out, key);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += count('skipped') + count('todo');
  const label = only.label;
  if (passed + failed === 0) {
    totals.failed += 1;
    failures.push(`${label}: no test results were reported (exit ${status})`);
  } else if (status !== 0 && failed === 0) {
    totals.failed += 1;
    failures.push(`${label}: the test process exited with ${status}`);
  } else if (failed > 0) failures.push(`${label}: ${failed} failed`);
}

// The cluster-tier files that run against any cluster (SPINKUBE_TEST_KUBECONFIG).
const ENVTEST_FILES = ['apiServerAnswers', 'deploy', 'deployCli', 'explorerRealCluster', 'simulatorOperator'];

/** Envtest mode: those files against the simulator started as a bare API server in its own process. */
async function envtestTests() {
  const server = spawn(process.execPath, [join(root, 'out/test/support/envtest/bareApiServer.js')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kubeconfig = await new Promise((resolve) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0].trim());
    });
    server.on('close', () => resolve(''));
  });
  try {
    if (!kubeconfig) {
      totals.failed += 1;
      failures.push('cluster (envtest mode): the bare API server did not start');
      return;
    }
    const files = ENVTEST_FILES.map((f) => join(root, 'out/test/cluster', `${f}.test.js`));
    await nodeTests('cluster', {
      label: 'cluster (envtest mode, bare API server)',
      files,
      env: { SPINKUBE_TEST_KUBECONFIG: kubeconfig, SPINKUBE_TEST_ENVTEST: '1' },
    });
  } finally {
    server.kill('SIGTERM');
  }
}

function summary(text, key) {
  // The spec reporter ends with "ℹ key N" lines for the whole run; take the last of each.
  const all = [...text.matchAll(new RegExp(`^\u2139 ${key} (\\d+)$`, 'gm'))];
  return all.length ? Number(all[all.length - 1][1]) : 0;
}

function vscodeTests() {
  const tmp = mkdtempSync(join(tmpdir(), 'spinkube-vscode-'));
  const results = join(tmp, 'results.json');
  console.log('\n=== vscode: suites in the real extension host and UI checks ===');
  const status = run(process.execPath, [join(root, 'out/test/vscode/launch.js'), '--results', results]);
  let r = { passed: 0, failed: 0 };
  if (existsSync(results)) r = JSON.parse(readFileSync(results, 'utf8'));
  totals.passed += r.passed;
  totals.failed += r.failed;
  if (status !== 0 && r.failed === 0) {
    totals.failed += 1;
    failures.push(`vscode: the launcher exited with ${status}`);
  } else if (r.failed > 0) failures.push(`vscode: ${r.failed} failed`);
  rmSync(tmp, { recursive: true, force: true });
}

if (run(process.execPath, [join(root, 'scripts/build.mjs')]) !== 0) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
for (const tier of tiers) {
  if (tier === 'vscode') vscodeTests();
  else if (ALL.includes(tier)) {
    await nodeTests(tier);
    if (tier === 'cluster') await envtestTests();
  } else {
    console.error(`unknown test tier: ${tier} (tiers: ${ALL.join(', ')})`);
    process.exit(2);
  }
}
console.log('');
for (const f of failures) console.log(`FAILED ${f}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed > 0 ? 1 : 0);
