// Activation time and package size of the SpinKube extension, measured in the real VS Code
// extension host (code-server 4.100.3), next to an empty extension as a peer.
//
//   node bench/activation.mjs [--runs 10]      (after `npx tsc -p tsconfig.test.json`)
//
// What is measured, in each of N fresh extension hosts (one browser page each, so one new host
// process each), on a workspace with no spin.toml (so nothing activates at startup):
//   total      the time another extension waits in `await extension.activate()`: VS Code loads
//              the main module (require of dist/extension.js) and calls and awaits activate();
//   activate() the extension's own `activationMs` (time spent inside activate());
//   load       total − activate(): module loading and VS Code's bookkeeping.
// Both extensions are the installed, production (minified) builds; the peer is activated first,
// so neither pays for warming up the extension host. Reported: the median of the runs.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 10;
const TARGET_ACTIVATION_MS = 15;
const TARGET_VSIX_BYTES = 1024 * 1024;
const SPINKUBE = 'spinkube-community.spinkube';
const PEER = 'bench.empty-peer';

if (!existsSync(join(root, 'out/test/support/vscode/codeServer.js'))) {
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) process.exit(1);
}
const support = (name) => require(join(root, 'out/test/support/vscode', name));
const { ensureTestHost } = support('installHost.js');
const { installVsix, startCodeServer } = support('codeServer.js');
const { launchBrowser } = support('browser.js');
const { extensionTestsUrl, runExtensionTests } = support('extensionTests.js');
const { packageVsix } = support('packageVsix.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** An extension that does nothing: the floor of what activation costs in this host. */
function writePeer(dir) {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'empty-peer',
    publisher: 'bench',
    version: '0.0.1',
    engines: { vscode: '^1.100.0' },
    main: './extension.js',
    activationEvents: [],
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const body = 'const t = performance.now(); return { activationMs: performance.now() - t };';
  writeFileSync(join(dir, 'extension.js'), `exports.activate = () => { ${body} };\n`);
}

/** The tests entry that times activation inside the extension host and appends one JSON line. */
function writeProbe(file) {
  writeFileSync(
    file,
    `const vscode = require('vscode');
const fs = require('fs');
exports.run = async () => {
  const line = {};
  for (const id of ${JSON.stringify([PEER, SPINKUBE])}) {
    const extension = vscode.extensions.getExtension(id);
    if (!extension) throw new Error('not loaded: ' + id);
    const wasActive = extension.isActive;
    const started = performance.now();
    const api = await extension.activate();
    line[id] = { totalMs: performance.now() - started, activationMs: api && api.activationMs, wasActive };
  }
  fs.appendFileSync(process.env.BENCH_RESULTS, JSON.stringify(line) + '\\n');
};
`,
  );
}

const runDir = mkdtempSync(join(tmpdir(), 'spinkube-bench-'));
let server;
let browser;
try {
  const host = await ensureTestHost();
  const vsix = join(runDir, 'spinkube.vsix');
  const bundleBytes = packageVsix(vsix);
  const vsixBytes = statSync(vsix).size;
  const serverDir = join(runDir, 'code-server');
  installVsix(host.codeServerBin, serverDir, vsix);
  const peer = join(runDir, 'peer');
  writePeer(peer);
  const probe = join(runDir, 'probe.js');
  writeProbe(probe);
  const workspace = join(runDir, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'README.md'), 'An empty folder: nothing activates at startup.\n');
  const resultsFile = join(runDir, 'results.jsonl');
  server = await startCodeServer({
    codeServerBin: host.codeServerBin,
    runDir: serverDir,
    env: { BENCH_RESULTS: resultsFile },
  });
  browser = await launchBrowser();
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    const result = await runExtensionTests(page, extensionTestsUrl(server, workspace, peer, probe), {
      timeoutMs: 120_000,
    });
    await page.close();
    if (result.code !== 0)
      throw new Error(`run ${run + 1}: the probe failed (${result.via}); see ${server.logFile}`);
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  const lines = readFileSync(resultsFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const stats = (id) => {
    const rows = lines.map((l) => l[id]);
    if (rows.some((r) => r.wasActive)) console.warn(`warning: ${id} was already active in some runs`);
    const total = median(rows.map((r) => r.totalMs));
    const inside = median(rows.map((r) => r.activationMs ?? 0));
    const load = median(rows.map((r) => r.totalMs - (r.activationMs ?? 0)));
    return { total, inside, load };
  };
  const ours = stats(SPINKUBE);
  const peerStats = stats(PEER);
  const ms = (v) => `${v.toFixed(1)} ms`;
  const report = {
    runs: lines.length,
    spinkube: ours,
    emptyPeer: peerStats,
    vsixBytes,
    productionBundleBytes: bundleBytes,
  };
  console.log(
    `activation, median of ${lines.length} fresh extension hosts (code-server 4.100.3, Node ${process.version}):`,
  );
  console.log(`                      total      activate()  load`);
  console.log(
    `  SpinKube            ${ms(ours.total).padEnd(10)} ${ms(ours.inside).padEnd(11)} ${ms(ours.load)}   target: total < ${TARGET_ACTIVATION_MS} ms ${ours.total < TARGET_ACTIVATION_MS ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  empty extension     ${ms(peerStats.total).padEnd(10)} ${ms(peerStats.inside).padEnd(11)} ${ms(peerStats.load)}`,
  );
  console.log(
    `dist/extension.js (production): ${((bundleBytes['extension.js'] ?? 0) / 1024).toFixed(0)} KiB`,
  );
  console.log(
    `VSIX: ${(vsixBytes / 1024).toFixed(0)} KiB   target: < 1024 KiB ${vsixBytes < TARGET_VSIX_BYTES ? 'MET' : 'MISSED'}`,
  );
  mkdirSync(join(root, '.bench-results'), { recursive: true });
  writeFileSync(join(root, '.bench-results/activation.json'), JSON.stringify(report, null, 2));
} finally {
  await browser?.close();
  await server?.stop();
  rmSync(runDir, { recursive: true, force: true });
}
