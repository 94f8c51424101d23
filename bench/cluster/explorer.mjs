// Cluster explorer benchmark: 10,000 SpinApps with one pod each on 2 nodes, in the API simulator
// (a child process, so this process holds only the client side).
//
//   node --expose-gc bench/cluster/explorer.mjs        (after `npx tsc -p tsconfig.test.json`)
//
// Measures, in plain Node with the explorer's own tree model (ClusterTree, what the VS Code tree
// provider adapts; no VS Code):
//   first level: from the view becoming visible (connection.setActive(true)) to the tree's change
//     event after which the Apps section's first level (namespace groups) is rendered, including
//     the tree's coalescing delay;
//   floor: a bare list of the same objects (SpinApps and their pods) through @kubernetes/client-node;
//   update latency: from a SpinApp status write on the server to the changed tree item rendered,
//     under 100 changes per second (half to items on screen, half elsewhere), median and p95;
//   heap: heap used by the caches and tree after the first level (gc before and after).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const k8s = require('@kubernetes/client-node');
const { ClusterConnection } = require(join(root, 'out/src/cluster/clusterConnection.js'));
const { ClusterTree } = require(join(root, 'out/src/clusterTree/tree.js'));

const now = () => performance.timeOrigin + performance.now();
const gc = globalThis.gc ?? (() => undefined);
const child = fork(join(root, 'bench/cluster/simProcess.mjs'), {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const messages = [];
const waiters = [];
child.on('message', (m) => {
  const w = waiters.findIndex((x) => x.type === m.type);
  if (w >= 0) waiters.splice(w, 1)[0].resolve(m);
  else messages.push(m);
});
const next = (type) =>
  new Promise((resolve) => {
    const i = messages.findIndex((m) => m.type === type);
    if (i >= 0) resolve(messages.splice(i, 1)[0]);
    else waiters.push({ type, resolve });
  });

const { kubeconfigPath } = await next('ready');

async function floor() {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const t0 = now();
  const [apps, pods] = await Promise.all([
    custom.listClusterCustomObject({ group: 'core.spinkube.dev', version: 'v1alpha1', plural: 'spinapps' }),
    core.listPodForAllNamespaces({ labelSelector: 'core.spinkube.dev/app-name' }),
  ]);
  return { ms: now() - t0, apps: apps.items.length, pods: pods.items.length };
}

const floor1 = await floor();

gc();
const heap0 = process.memoryUsage().heapUsed;
const conn = new ClusterConnection({ source: { setting: kubeconfigPath } });
const tree = new ClusterTree(conn, { groupSize: 200 });
const [, appsSection] = tree.roots();
const t0 = now();
const firstLevel = await new Promise((resolve) => {
  const sub = tree.onDidChange.on(() => {
    const model = conn.model;
    if (model?.sectionState('apps').phase !== 'ready') return;
    const children = tree.children(appsSection);
    for (const c of children) tree.node(c);
    tree.node(appsSection);
    sub.dispose();
    resolve({ ms: now() - t0, items: children.length, apps: model.appCount() });
  });
  conn.setActive(true);
});
gc();
const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;

const floor2 = await floor();

// expand the first namespace and its first range: 200 app items on screen
const ns = tree.children(appsSection)[0];
const range = tree.children(ns)[0];
const shown = tree.children(range);
for (const el of shown) tree.node(el);
const shownKeys = shown.map((e) => e.key);
const others = conn.model
  .appKeys()
  .filter((k) => !shownKeys.includes(k))
  .slice(0, 2000);

const pending = new Map();
const latencies = [];
tree.onDidChange.on((batch) => {
  for (const el of batch ?? []) {
    if (el.kind !== 'app') continue;
    const times = pending.get(el.key);
    if (!times?.length) continue;
    tree.node(el);
    const t = now();
    for (const sent of times) latencies.push(t - sent);
    pending.delete(el.key);
  }
});
child.on('message', (m) => {
  if (m.type === 'changed' && shownKeys.includes(m.key)) {
    const list = pending.get(m.key) ?? [];
    list.push(m.t);
    pending.set(m.key, list);
  }
});
const keys = [];
for (let i = 0; i < 100; i++) keys.push(shownKeys[i % shownKeys.length], others[i % others.length]);
child.send({ type: 'churn', keys, perSecond: 100, seconds: 10 });
const churned = await next('churned');
await new Promise((r) => setTimeout(r, 1000));

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const fmt = (n) => n.toFixed(1);
console.log(
  JSON.stringify(
    {
      apps: firstLevel.apps,
      floorListMs: [fmt(floor1.ms), fmt(floor2.ms)],
      floorObjects: floor1.apps + floor1.pods,
      firstLevelMs: fmt(firstLevel.ms),
      firstLevelItems: firstLevel.items,
      ratioToFloor: fmt(firstLevel.ms / Math.min(floor1.ms, floor2.ms)),
      cacheHeapMb: fmt(heapMb),
      changesSent: churned.sent,
      latencySamples: latencies.length,
      updateMedianMs: fmt(pct(50)),
      updateP95Ms: fmt(pct(95)),
      unresolved: pending.size,
    },
    null,
    2,
  ),
);
tree.dispose();
conn.dispose();
child.send({ type: 'stop' });
