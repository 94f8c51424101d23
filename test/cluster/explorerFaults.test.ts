// Every fault the explorer must survive, against the simulator: dropped watches, 410 Gone, 429,
// 401, 403, an unreachable server, SpinKube not installed, no kubeconfig at all.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ClusterConnection } from '../../src/cluster/clusterConnection';
import type { Section } from '../../src/cluster/spinKubeModel';
import { ClusterTree } from '../../src/clusterTree/tree';
import { seedApp, seedNode, seedSpinKubeBasics } from '../support/explorerSeed';
import { until } from '../support/fakeTransport';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';

const fast = { backoff: { initialMs: 20, maxMs: 200, jitter: 0 } };

function connect(kubeconfig: string) {
  const conn = new ClusterConnection({ source: { setting: kubeconfig }, session: fast });
  conn.setActive(true);
  const model = conn.model;
  assert.ok(model);
  const phase = (s: Section) => model.sectionState(s).phase;
  return { conn, model, phase };
}

function kubeconfigFor(server: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kc-'));
  const path = join(dir, 'config');
  writeFileSync(
    path,
    `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "${server}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: wrong-token}}]
contexts: [{name: ctx, context: {cluster: c, user: u}}]
current-context: ctx
`,
  );
  return path;
}

async function seeded(): Promise<Simulator> {
  const sim = await startSimulator();
  seedSpinKubeBasics(sim);
  seedNode(sim, 'spin-node-1', { 'spin-v2': 'provisioned' });
  seedApp(sim, { name: 'hello' });
  return sim;
}

function appsCache(conn: ClusterConnection) {
  const cache = conn.session?.activeCaches().find((c) => c.kind.plural === 'spinapps');
  assert.ok(cache, 'a SpinApp cache');
  return cache;
}

describe('cluster explorer faults', () => {
  it('resumes a dropped watch from its resourceVersion, without relisting', async () => {
    const sim = await seeded();
    const { conn, model, phase } = connect(sim.kubeconfigPath);
    await until(() => phase('apps') === 'ready', 'apps ready');
    const cache = appsCache(conn);
    await until(() => cache.stats.watches >= 1, 'watching');
    const lists = cache.stats.lists;
    assert.ok(sim.faults.dropWatches() > 0);
    seedApp(sim, { name: 'after-drop' });
    await until(() => !!model.app('default/after-drop'), 'the change after the drop');
    assert.equal(cache.stats.lists, lists, 'no relist');
    assert.ok(cache.stats.watches >= 2);
    conn.dispose();
    await sim.stop();
  });

  it('relists on 410 Gone and keeps showing the apps', async () => {
    const sim = await seeded();
    const { conn, model, phase } = connect(sim.kubeconfigPath);
    await until(() => phase('apps') === 'ready', 'apps ready');
    const cache = appsCache(conn);
    sim.faults.inject({ verb: 'watch', path: '/spinapps', status: 410, count: 1 });
    sim.faults.dropWatches();
    seedApp(sim, { name: 'after-gone' });
    // After the relist the watch restarts: the state comes back to ready (it may pass reconnecting).
    await until(
      () => cache.stats.relists >= 1 && !!model.app('default/after-gone') && phase('apps') === 'ready',
      'relisted and ready again',
    );
    assert.equal(model.app('default/hello')?.status.state, 'ready');
    conn.dispose();
    await sim.stop();
  });

  it('backs off on 429, says reconnecting, then shows the apps', async () => {
    const sim = await seeded();
    sim.faults.inject({ verb: 'list', path: '/spinapps', status: 429, retryAfterSeconds: 0, count: 2 });
    const { conn, model, phase } = connect(sim.kubeconfigPath);
    const seen = new Set<string>();
    model.onDidChange.on(() => seen.add(phase('apps')));
    await until(() => phase('apps') === 'ready', 'apps ready');
    assert.ok(seen.has('reconnecting'), `states seen: ${[...seen].join(', ')}`);
    assert.equal(appsCache(conn).stats.retries, 2);
    assert.equal(model.appCount(), 1);
    conn.dispose();
    await sim.stop();
  });

  it('says the credentials were rejected (401) instead of spinning', async () => {
    const sim = await startSimulator({ token: 'right-token' });
    const { conn, phase } = connect(kubeconfigFor(sim.url));
    await until(() => phase('apps') === 'error' && phase('nodes') === 'error', 'errors');
    const tree = new ClusterTree(conn);
    const apps = tree.children(tree.roots()[1]).map((e) => tree.node(e));
    assert.equal(apps[0]?.label, 'Credentials rejected (401)');
    assert.equal(apps[0]?.command?.command, 'spinkube.cluster.refresh');
    tree.dispose();
    conn.dispose();
    await sim.stop();
  });

  it('says which list was forbidden (403) and recovers on refresh', async () => {
    const sim = await seeded();
    sim.faults.inject({ verb: 'list', path: '/spinapps', status: 403, count: 1 });
    const { conn, model, phase } = connect(sim.kubeconfigPath);
    await until(() => phase('apps') === 'error', 'forbidden');
    const state = model.sectionState('apps');
    assert.equal(state.phase === 'error' && state.kind, 'forbidden');
    assert.match(
      state.phase === 'error' ? state.message : '',
      /Not allowed to list spinapps\.core\.spinkube\.dev in all namespaces \(403\)/,
    );
    const tree = new ClusterTree(conn);
    assert.equal(tree.node(tree.children(tree.roots()[1])[0]!).label, 'Not allowed (403)');
    assert.equal(phase('nodes'), 'ready', 'other sections still work');
    await model.refresh();
    await until(() => phase('apps') === 'ready', 'ready after refresh');
    tree.dispose();
    conn.dispose();
    await sim.stop();
  });

  it('reconnects when the API server goes away and comes back', async () => {
    const sim = await seeded();
    const { conn, model, phase } = connect(sim.kubeconfigPath);
    await until(() => phase('apps') === 'ready', 'apps ready');
    await sim.faults.goOffline();
    await until(() => phase('apps') === 'reconnecting', 'reconnecting');
    assert.equal(model.appCount(), 1, 'the last known apps stay shown');
    await sim.faults.goOnline();
    seedApp(sim, { name: 'back-online' });
    await until(() => phase('apps') === 'ready' && !!model.app('default/back-online'), 'back');
    conn.dispose();
    await sim.stop();
  });

  it('shows an unreachable cluster as reconnecting, never an exception', async () => {
    const { conn, phase } = connect(kubeconfigFor('http://127.0.0.1:1'));
    await until(() => phase('nodes') === 'reconnecting' && phase('apps') === 'reconnecting', 'reconnecting');
    const tree = new ClusterTree(conn);
    const node = tree.node(tree.children(tree.roots()[1])[0]!);
    assert.equal(node.label, 'Reconnecting…');
    assert.match(node.description ?? '', /Cannot reach the cluster at http:\/\/127\.0\.0\.1:1/);
    tree.dispose();
    conn.dispose();
  });

  it('says SpinKube is not installed when the CRDs are missing', async () => {
    const sim = await startSimulator({ spinKubeCrds: false });
    const { conn, model, phase } = connect(sim.kubeconfigPath);
    await until(() => phase('apps') === 'notInstalled' && phase('nodes') === 'ready', 'not installed');
    const tree = new ClusterTree(conn);
    const first = tree.node(tree.children(tree.roots()[1])[0]!);
    assert.equal(first.label, 'SpinKube is not installed');
    assert.equal(first.command?.command, 'vscode.open');
    assert.equal(model.health().find((c) => c.id === 'crds')?.result, 'fail');
    assert.equal(model.facts(), null);
    tree.dispose();
    conn.dispose();
    await sim.stop();
  });

  it('reads the legacy core.spinoperator.dev group', async () => {
    const sim = await startSimulator({ spinKubeCrds: false, legacyCrds: true });
    const { conn, model, phase } = connect(sim.kubeconfigPath);
    await until(() => phase('apps') === 'ready', 'ready');
    assert.equal(model.apiGroup, 'core.spinoperator.dev');
    assert.match(model.health().find((c) => c.id === 'crds')?.fix ?? '', /Upgrade spin-operator/);
    conn.dispose();
    await sim.stop();
  });

  it('explains a missing kubeconfig with an action', () => {
    const conn = new ClusterConnection({ source: { setting: '/nonexistent/kubeconfig' } });
    conn.setActive(true);
    assert.equal(conn.status.phase, 'noKubeconfig');
    assert.equal(conn.model, undefined);
    const tree = new ClusterTree(conn);
    const [root] = tree.roots().map((e) => tree.node(e));
    assert.equal(root?.label, 'No kubeconfig found');
    assert.deepEqual(root?.command?.arguments, ['spinkube.kubeconfig']);
    tree.dispose();
    conn.dispose();
  });
});
