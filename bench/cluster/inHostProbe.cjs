// The cluster explorer benchmark's probe, run inside VS Code's extension host as the
// `extensionTestsPath` (see explorerInHost.mjs). It drives SpinKube through its exported API and
// appends one line of JSON measurements to the file named by BENCH_RESULTS.
//
// Environment (set on code-server by explorerInHost.mjs, inherited by the extension host):
//   KUBECONFIG          the simulator's kubeconfig (SpinKube's setting is empty, so it reads this)
//   BENCH_CONTROL       http://127.0.0.1:PORT of the bench process: POST /churn starts the changes
//   BENCH_CLIENT_NODE   file URL of @kubernetes/client-node (for the floor: a bare list)
//   BENCH_RESULTS       where to append the measurements (one JSON line per extension host)
const vscode = require('vscode');
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');

const EXTENSION_ID = 'spinkube-community.spinkube';
const TIMEOUT_MS = 180_000;

/** A gc() for this process: the host is not started with --expose-gc, so turn the flag on here. */
function exposeGc() {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    if (typeof gc === 'function') return gc;
  } catch {
    // not allowed in this build: report heap figures without a collection
  }
  return undefined;
}

const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const memory = (gc) => {
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external) };
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The floor: a bare list of the same objects (SpinApps and their pods) through client-node, in
 * parallel; unpaged, or (for where the time goes) in pages of `limit` as the explorer's caches list.
 */
async function bareList(k8s, limit) {
  const kc = new k8s.KubeConfig();
  kc.loadFromDefault();
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const pages = async (listPage) => {
    let count = 0;
    let token;
    do {
      const page = await listPage(limit ? { limit, _continue: token } : {});
      count += page.items.length;
      token = limit ? page.metadata?._continue || page.metadata?.continue : undefined;
    } while (token);
    return count;
  };
  const t0 = performance.now();
  const [apps, pods] = await Promise.all([
    pages((q) =>
      custom.listClusterCustomObject({
        group: 'core.spinkube.dev',
        version: 'v1alpha1',
        plural: 'spinapps',
        ...q,
      }),
    ),
    pages((q) => core.listPodForAllNamespaces({ labelSelector: 'core.spinkube.dev/app-name', ...q })),
  ]);
  return { ms: performance.now() - t0, apps, pods };
}

/** Time from showing the view to the Apps section's first level rendered (as explorer.mjs does). */
function firstLevel(cluster) {
  const { tree, connection } = cluster;
  const appsSection = tree.roots()[1];
  let visibleMs;
  const t0 = performance.now();
  const visible = cluster.view.onDidChangeVisibility((e) => {
    if (e.visible && visibleMs === undefined) visibleMs = performance.now() - t0;
  });
  // where the time goes: the model's Apps section listed (SpinApps and their pods cached)
  let appsListedMs;
  let modelSub;
  const watchModel = () => {
    modelSub?.dispose();
    modelSub = connection.model?.onDidChange.on(() => {
      if (appsListedMs === undefined && connection.model?.sectionState('apps').phase === 'ready') {
        appsListedMs = performance.now() - t0;
      }
    });
  };
  const connectionSub = connection.onDidChange.on(watchModel);
  watchModel();
  const rendered = new Promise((resolve) => {
    const sub = tree.onDidChange.on(() => {
      const model = connection.model;
      if (model?.sectionState('apps').phase !== 'ready') return;
      // what VS Code asks next: the Apps section's children, and each child's item
      const children = tree.children(appsSection);
      for (const child of children) tree.node(child);
      tree.node(appsSection);
      sub.dispose();
      resolve({ ms: performance.now() - t0, items: children.length, apps: model.appCount() });
    });
  });
  // Showing the view: VS Code asks the provider for the root's children and the explorer connects.
  void vscode.commands.executeCommand('spinkube.cluster.focus');
  return withTimeout(rendered, 'the Apps section to be rendered').then((r) => {
    visible.dispose();
    connectionSub.dispose();
    modelSub?.dispose();
    return { ...r, visibleMs, appsListedMs };
  });
}

/** The 200 app items of the first namespace's first range, as if the user expanded them. */
function expandFirstRange(tree) {
  const appsSection = tree.roots()[1];
  const ns = tree.children(appsSection)[0];
  const range = ns && tree.children(ns)[0];
  const shown = range ? tree.children(range).filter((e) => e.kind === 'app') : [];
  for (const el of shown) tree.node(el);
  return shown.map((e) => e.key);
}

const sentOf = (info) => {
  const conditions = info?.object?.status?.conditions ?? [];
  const message = conditions.find((c) => c.type === 'Available')?.message ?? '';
  const match = /sent=(\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
};

/** Update latency: from the status write (its stamp) to the change event and the item re-rendered. */
async function updateLatency(cluster, shownKeys, control) {
  const { tree, connection } = cluster;
  const shown = new Set(shownKeys);
  const lastSeen = new Map();
  const latencies = [];
  let stale = 0;
  const sub = tree.onDidChange.on((batch) => {
    for (const el of batch ?? []) {
      if (el.kind !== 'app' || !shown.has(el.key)) continue;
      const node = tree.node(el);
      const arrived = Date.now();
      const info = connection.model?.app(el.key);
      const sent = sentOf(info);
      if (sent === undefined || sent === lastSeen.get(el.key)) continue;
      lastSeen.set(el.key, sent);
      latencies.push(arrived - sent);
      // the item shows the new status: "<namespace> · <ready>/<replicas> · …", ready only when Available
      const ready = info.object.status?.readyReplicas ?? 0;
      const available =
        info.object.status?.conditions?.find((c) => c.type === 'Available')?.status === 'True';
      const counts = new RegExp(`(^| · )${ready}/`).test(String(node.description ?? ''));
      if (!counts || (node.state === 'ready') !== available) stale++;
    }
  });
  const others = connection.model
    .appKeys()
    .filter((k) => !shown.has(k))
    .slice(0, 2000);
  const response = await fetch(`${control}/churn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ shown: shownKeys, others }),
  });
  if (!response.ok) throw new Error(`the bench refused the changes: ${await response.text()}`);
  const churned = await response.json();
  await sleep(1500);
  sub.dispose();
  return { latencies, stale, churned };
}

exports.run = async () => {
  const out = {};
  try {
    const gc = exposeGc();
    out.gcExposed = !!gc;
    out.node = process.version;
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
    const api = await extension.activate();
    const k8s = await import(process.env.BENCH_CLIENT_NODE);
    out.memBeforeExplorer = memory(gc);
    const tLoad = performance.now();
    const cluster = api.cluster;
    out.loadExplorerMs = performance.now() - tLoad;
    if (cluster.view.visible) throw new Error('the Cluster view is already visible; nothing to measure');
    out.floor1 = await bareList(k8s);
    out.memBeforeView = memory(gc);
    out.firstLevel = await firstLevel(cluster);
    out.memAfterFirstLevel = memory(gc);
    out.floor2 = await bareList(k8s);
    out.floorPaged = await bareList(k8s, 500);
    const model = cluster.connection.model;
    out.cached = {
      apps: model.appCount(),
      pods: model.appKeys().reduce((n, k) => n + model.appPods(k).length, 0),
    };
    const shownKeys = expandFirstRange(cluster.tree);
    out.shownItems = shownKeys.length;
    const update = await updateLatency(cluster, shownKeys, process.env.BENCH_CONTROL);
    out.latencies = update.latencies;
    out.staleItems = update.stale;
    out.churned = update.churned;
    out.memAfterUpdates = memory(gc);
  } catch (error) {
    out.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  fs.appendFileSync(process.env.BENCH_RESULTS, JSON.stringify(out) + '\n');
  if (out.error) throw new Error(out.error);
};
