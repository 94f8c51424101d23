// Cluster explorer benchmark inside the real VS Code extension host (code-server 4.100.3): 10,000
// SpinApps with one pod each on 2 nodes in the API simulator (a child process), SpinKube's
// production bundles loaded by a real extension host, the Cluster view shown in a real (headless)
// workbench. Each run opens a new window, so a new extension host process.
//
//   nice -n 0 node bench/cluster/explorerInHost.mjs [--runs 3]   (after `npx tsc -p tsconfig.test.json`)
//
// The probe (inHostProbe.cjs, run as the extensionTestsPath) measures in the extension host:
//   first level  from showing the view (`spinkube.cluster.focus`: VS Code asks the provider for the
//                root's children and the explorer connects) to the Apps section's children
//                resolved and rendered (10 namespace groups), coalescing delay included; also
//                when the model's Apps section was listed (SpinApps and pods cached);
//   floor        a bare client-node list of the same SpinApps and pods from the same host process,
//                before (cold) and after the explorer; the ratio uses the faster; then once more
//                in pages of 500 as the explorer's caches list (not part of the ratio);
//   update       from a SpinApp status write in the simulator (its Date.now() carried in the
//                Available condition's message) to the tree's change event for that item (what
//                the provider forwards as onDidChangeTreeData) with the item rendered showing the
//                new status, under 100 changes/s for 10 s, half to the 200 items on screen;
//   memory       process.memoryUsage() of the extension host before the view is shown and after
//                the caches are full, after a gc (the flag is turned on inside the host).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildExtensionFolder } from './extensionFolder.mjs';
import { startControl, startSim } from './simControl.mjs';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
const TARGET_RATIO = 1.5;
const TARGET_P95_MS = 300;
const TARGET_CACHE_MB = 150;

if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('--runs takes a whole number of at least 1');
  process.exit(2);
}
if (!existsSync(join(root, 'out/test/support/k8s-sim/index.js'))) {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.test.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(1);
}
const support = (name) => require(join(root, 'out/test/support/vscode', name));
const { ensureTestHost } = support('installHost.js');
const { startCodeServer } = support('codeServer.js');
const { launchBrowser } = support('browser.js');
const { extensionTestsUrl, runExtensionTests } = support('extensionTests.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const fmt = (n) => (typeof n === 'number' ? n.toFixed(1) : String(n));
const load = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(' ');

/** One run's figures from the probe's line. */
function summarize(r) {
  const latencies = [...r.latencies].sort((a, b) => a - b);
  const floorMs = Math.min(r.floor1.ms, r.floor2.ms);
  return {
    apps: r.cached.apps,
    pods: r.cached.pods,
    firstLevelItems: r.firstLevel.items,
    loadExplorerMs: r.loadExplorerMs,
    viewVisibleMs: r.firstLevel.visibleMs,
    appsListedMs: r.firstLevel.appsListedMs ?? NaN,
    firstLevelMs: r.firstLevel.ms,
    floorColdMs: r.floor1.ms,
    floorWarmMs: r.floor2.ms,
    floorPagedMs: r.floorPaged.ms,
    floorPagedObjects: r.floorPaged.apps + r.floorPaged.pods,
    ratio: r.firstLevel.ms / floorMs,
    ratioToColdFloor: r.firstLevel.ms / r.floor1.ms,
    cacheHeapMb: r.memAfterFirstLevel.heapUsedMb - r.memBeforeView.heapUsedMb,
    cacheRssMb: r.memAfterFirstLevel.rssMb - r.memBeforeView.rssMb,
    memBeforeView: r.memBeforeView,
    memAfterFirstLevel: r.memAfterFirstLevel,
    memAfterUpdates: r.memAfterUpdates,
    changesSent: r.churned.sent,
    changesToItemsOnScreen: r.churned.sentToShown,
    latencies,
    staleItems: r.staleItems,
    gcExposed: r.gcExposed,
    node: r.node,
  };
}

const runDir = mkdtempSync(join(tmpdir(), 'spinkube-bench-explorer-'));
const loadAtStart = load();
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
  const resultsFile = join(runDir, 'results.jsonl');
  server = await startCodeServer({
    codeServerBin: host.codeServerBin,
    runDir: join(runDir, 'code-server'),
    env: {
      KUBECONFIG: kubeconfigPath,
      BENCH_CONTROL: control.url,
      BENCH_CLIENT_NODE: pathToFileURL(require.resolve('@kubernetes/client-node')).href,
      BENCH_RESULTS: resultsFile,
    },
  });
  browser = await launchBrowser();
  const probe = join(root, 'bench/cluster/inHostProbe.cjs');
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    const result = await runExtensionTests(page, extensionTestsUrl(server, workspace, extensionDir, probe), {
      timeoutMs: 600_000,
    });
    await page.close();
    if (result.code !== 0) {
      const lines = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').trim().split('\n') : [];
      const last = lines[run] ? JSON.parse(lines[run]) : undefined;
      throw new Error(
        `run ${run + 1}: ${last?.error ?? `the probe failed (${result.via})`}; see ${server.logFile}`,
      );
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  const runs = readFileSync(resultsFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => summarize(JSON.parse(line)));
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const med = (key) => median(runs.map((r) => r[key]));
  const summary = {
    runs: runs.length,
    host: `code-server 4.100.3 extension host, Node ${runs[0].node}, gc in host: ${runs[0].gcExposed}`,
    appsAndPods: `${runs[0].apps} + ${runs[0].pods}`,
    firstLevelItems: runs[0].firstLevelItems,
    loadExplorerMs: fmt(med('loadExplorerMs')),
    viewVisibleMs: fmt(med('viewVisibleMs')),
    appsListedMs: fmt(med('appsListedMs')),
    firstLevelMs: fmt(med('firstLevelMs')),
    floorColdMs: fmt(med('floorColdMs')),
    floorWarmMs: fmt(med('floorWarmMs')),
    floorPaged500Ms: fmt(med('floorPagedMs')),
    floorPagedObjects: runs[0].floorPagedObjects,
    ratio: fmt(med('ratio')),
    ratioToColdFloor: fmt(med('ratioToColdFloor')),
    cacheHeapMb: fmt(med('cacheHeapMb')),
    cacheRssMb: fmt(med('cacheRssMb')),
    hostHeapAfterFirstLevelMb: fmt(median(runs.map((r) => r.memAfterFirstLevel.heapUsedMb))),
    hostRssAfterUpdatesMb: fmt(median(runs.map((r) => r.memAfterUpdates.rssMb))),
    changesSent: runs.reduce((n, r) => n + r.changesSent, 0),
    changesToItemsOnScreen: runs.reduce((n, r) => n + r.changesToItemsOnScreen, 0),
    latencySamples: latencies.length,
    updateMedianMs: fmt(pct(latencies, 50)),
    updateP95Ms: fmt(pct(latencies, 95)),
    updateMaxMs: fmt(latencies.at(-1)),
    itemsNotShowingNewStatus: runs.reduce((n, r) => n + r.staleItems, 0),
    perRun: runs.map((r) => ({
      firstLevelMs: fmt(r.firstLevelMs),
      appsListedMs: fmt(r.appsListedMs),
      floorMs: [fmt(r.floorColdMs), fmt(r.floorWarmMs), fmt(r.floorPagedMs)],
      ratio: fmt(r.ratio),
      cacheHeapMb: fmt(r.cacheHeapMb),
      updateP95Ms: fmt(pct(r.latencies, 95)),
    })),
    productionBundleBytes: bundleBytes,
    loadAverage: `${loadAtStart} → ${load()}`,
  };
  console.log(JSON.stringify(summary, null, 2));
  const verdict = (ok) => (ok ? 'MET' : 'MISSED');
  const ratio = med('ratio');
  const p95 = pct(latencies, 95);
  const cacheMb = med('cacheHeapMb');
  console.log(
    `targets: first level ${fmt(ratio)}x of the bare list (< ${TARGET_RATIO}x) ${verdict(ratio < TARGET_RATIO)}; ` +
      `update p95 ${fmt(p95)} ms (< ${TARGET_P95_MS} ms) ${verdict(p95 < TARGET_P95_MS)}; ` +
      `caches ${fmt(cacheMb)} MB (< ${TARGET_CACHE_MB} MB) ${verdict(cacheMb < TARGET_CACHE_MB)}`,
  );
  const floorMs = median(runs.map((r) => Math.min(r.floorColdMs, r.floorWarmMs)));
  console.log(
    `| ${new Date().toISOString().slice(0, 10)}, extension host, median of ${runs.length} | 2 cores, ` +
      `Node ${runs[0].node}, load average ${summary.loadAverage} | ${runs[0].apps.toLocaleString('en')} + ` +
      `${runs[0].pods.toLocaleString('en')} | ${fmt(floorMs)} ms (${summary.floorColdMs} ms cold) | ` +
      `${summary.firstLevelMs} ms | ${summary.ratio}x | ${summary.updateMedianMs} ms | ${summary.updateP95Ms} ms | ` +
      `${summary.cacheHeapMb} MB |`,
  );
  mkdirSync(join(root, '.bench-results'), { recursive: true });
  writeFileSync(join(root, '.bench-results/explorerInHost.json'), JSON.stringify(summary, null, 2));
} finally {
  await browser?.close();
  await server?.stop();
  control?.close();
  sim?.stop();
  rmSync(runDir, { recursive: true, force: true });
}
