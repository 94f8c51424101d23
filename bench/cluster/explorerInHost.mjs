// Cluster explorer benchmark inside the real VS Code extension host (code-server 4.100.3): 10,000
// SpinApps with one pod each on 2 nodes in the API simulator (a child process), SpinKube's
// production bundles loaded by a real extension host, the Cluster view shown in a real (headless)
// workbench.
//
//   nice -n 0 node bench/cluster/explorerInHost.mjs      (after `npx tsc -p tsconfig.test.json`)
//
// The probe (inHostProbe.cjs, run as the extensionTestsPath) measures in the extension host:
//   first level  from showing the view (`spinkube.cluster.focus`: VS Code asks the provider for the
//                root's children and the explorer connects) to the Apps section's children
//                resolved and rendered (10 namespace groups), coalescing delay included;
//   floor        a bare client-node list of the same SpinApps and pods from the same host process,
//                before and after the explorer (the ratio uses the faster);
//   update       from a SpinApp status write in the simulator (its Date.now() carried in the
//                Available condition's message) to the tree's change event for that item (what
//                the provider forwards as onDidChangeTreeData) with the item rendered showing the
//                new status, under 100 changes/s for 10 s, half to the 200 items on screen;
//   memory       process.memoryUsage() of the extension host before the view is shown and after
//                the caches are full, after a gc (the flag is turned on inside the host).
import { fork } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildExtensionFolder } from './extensionFolder.mjs';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const TARGET_RATIO = 1.5;
const TARGET_P95_MS = 300;
const TARGET_CACHE_MB = 150;

if (!existsSync(join(root, 'out/test/support/k8s-sim/index.js'))) {
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
const { startCodeServer } = support('codeServer.js');
const { launchBrowser } = support('browser.js');
const { extensionTestsUrl, runExtensionTests } = support('extensionTests.js');

const loadAtStart = loadavg();

/** The simulator child process and its messages. */
function startSim() {
  const child = fork(join(root, 'bench/cluster/simProcess.mjs'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listeners = new Set();
  child.on('message', (m) => {
    for (const l of listeners) l(m);
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m.type !== type) return;
        listeners.delete(onMessage);
        resolve(m);
      };
      listeners.add(onMessage);
      child.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before '${type}'`)));
    });
  return { child, listeners, next };
}

/** POST /churn {shown, others}: 100 status changes/s for 10 s, half to shown keys; answers when done. */
function startControl(sim) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      try {
        if (req.method !== 'POST' || req.url !== '/churn')
          throw new Error(`unknown request ${req.method} ${req.url}`);
        const { shown, others } = JSON.parse(body);
        if (!shown?.length || !others?.length) throw new Error('no keys to change');
        const shownSet = new Set(shown);
        const keys = [];
        for (let i = 0; i < 100; i++) keys.push(shown[i % shown.length], others[i % others.length]);
        let sentToShown = 0;
        const count = (m) => {
          if (m.type === 'changed' && shownSet.has(m.key)) sentToShown++;
        };
        sim.listeners.add(count);
        const done = sim.next('churned');
        sim.child.send({ type: 'churn', keys, perSecond: 100, seconds: 10 });
        const { sent } = await done;
        sim.listeners.delete(count);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sent, sentToShown }));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? error.message : String(error));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const fmt = (n) => (typeof n === 'number' ? n.toFixed(1) : String(n));

const runDir = mkdtempSync(join(tmpdir(), 'spinkube-bench-explorer-'));
let sim;
let control;
let server;
let browser;
try {
  sim = startSim();
  const { kubeconfigPath } = await sim.next('ready');
  control = await startControl(sim);
  const extensionDir = join(runDir, 'extension');
  const bundleBytes = await buildExtensionFolder(extensionDir);
  const host = await ensureTestHost();
  const workspace = join(runDir, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'README.md'), 'An empty folder: nothing activates at startup.\n');
  const resultsFile = join(runDir, 'results.json');
  const clientNode = pathToFileURL(require.resolve('@kubernetes/client-node')).href;
  server = await startCodeServer({
    codeServerBin: host.codeServerBin,
    runDir: join(runDir, 'code-server'),
    env: {
      KUBECONFIG: kubeconfigPath,
      BENCH_CONTROL: control.url,
      BENCH_CLIENT_NODE: clientNode,
      BENCH_RESULTS: resultsFile,
    },
  });
  browser = await launchBrowser();
  const page = await browser.newPage();
  const probe = join(root, 'bench/cluster/inHostProbe.cjs');
  const run = await runExtensionTests(page, extensionTestsUrl(server, workspace, extensionDir, probe), {
    timeoutMs: 600_000,
    onLog: (type, line) => {
      if (type === 'error') console.error(`[host] ${line}`);
    },
  });
  await page.close();
  if (!existsSync(resultsFile))
    throw new Error(`the probe wrote no results (${run.via}); see ${server.logFile}`);
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  if (r.error) throw new Error(`the probe failed: ${r.error}`);
  const latencies = [...r.latencies].sort((a, b) => a - b);
  const floorMs = Math.min(r.floor1.ms, r.floor2.ms);
  const cacheMb = r.memAfterFirstLevel.heapUsedMb - r.memBeforeView.heapUsedMb;
  const report = {
    host: `code-server 4.100.3 extension host, Node ${r.node}`,
    apps: r.firstLevel.apps,
    cached: r.cached,
    floorListMs: [fmt(r.floor1.ms), fmt(r.floor2.ms)],
    floorObjects: r.floor1.apps + r.floor1.pods,
    loadExplorerMs: fmt(r.loadExplorerMs),
    viewVisibleMs: fmt(r.firstLevel.visibleMs),
    firstLevelMs: fmt(r.firstLevel.ms),
    firstLevelItems: r.firstLevel.items,
    ratioToFloor: fmt(r.firstLevel.ms / floorMs),
    ratioToColdFloor: fmt(r.firstLevel.ms / r.floor1.ms),
    gcInHost: r.gcExposed,
    memBeforeView: r.memBeforeView,
    memAfterFirstLevel: r.memAfterFirstLevel,
    memAfterUpdates: r.memAfterUpdates,
    cacheHeapMb: fmt(cacheMb),
    itemsOnScreen: r.shownItems,
    changesSent: r.churned.sent,
    changesToItemsOnScreen: r.churned.sentToShown,
    latencySamples: latencies.length,
    updateMedianMs: fmt(pct(latencies, 50)),
    updateP95Ms: fmt(pct(latencies, 95)),
    updateMaxMs: fmt(latencies.at(-1)),
    itemsNotShowingNewStatus: r.staleItems,
    productionBundleBytes: bundleBytes,
    loadAverage: [loadAtStart, loadavg()].map((l) => l.map((v) => v.toFixed(1)).join(' ')),
  };
  console.log(JSON.stringify(report, null, 2));
  const verdict = (ok) => (ok ? 'MET' : 'MISSED');
  console.log(
    `targets: first level ${fmt(r.firstLevel.ms / floorMs)}x of the bare list (< ${TARGET_RATIO}x) ${verdict(r.firstLevel.ms / floorMs < TARGET_RATIO)}; ` +
      `update p95 ${fmt(pct(latencies, 95))} ms (< ${TARGET_P95_MS}) ${verdict(pct(latencies, 95) < TARGET_P95_MS)}; ` +
      `caches ${fmt(cacheMb)} MB (< ${TARGET_CACHE_MB}) ${verdict(cacheMb < TARGET_CACHE_MB)}`,
  );
  const date = new Date().toISOString().slice(0, 10);
  console.log(
    `| ${date}, in the extension host | 2 cores, Node ${r.node}, load average ${report.loadAverage.join(' → ')} | ` +
      `${r.cached.apps.toLocaleString('en')} + ${r.cached.pods.toLocaleString('en')} | ${fmt(floorMs)} ms | ` +
      `${fmt(r.firstLevel.ms)} ms | ${fmt(r.firstLevel.ms / floorMs)}x | ${fmt(pct(latencies, 50))} ms | ` +
      `${fmt(pct(latencies, 95))} ms | ${fmt(cacheMb)} MB |`,
  );
  mkdirSync(join(root, '.bench-results'), { recursive: true });
  writeFileSync(join(root, '.bench-results/explorerInHost.json'), JSON.stringify(report, null, 2));
} finally {
  await browser?.close();
  await server?.stop();
  control?.server.close();
  sim?.child.send({ type: 'stop' });
  rmSync(runDir, { recursive: true, force: true });
}
