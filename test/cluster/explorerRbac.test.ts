// A user who may not list SpinApps (403) sees, under the refusal, what they may do instead: the
// tree asks the API server for a SelfSubjectRulesReview of the namespace that was refused.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ClusterConnection } from '../../src/cluster/clusterConnection';
import type { Section } from '../../src/cluster/spinKubeModel';
import { ClusterTree } from '../../src/clusterTree/tree';
import type { TreeElement } from '../../src/clusterTree/elements';
import { seedApp, seedNode, seedSpinKubeBasics } from '../support/explorerSeed';
import { until } from '../support/fakeTransport';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';

const fast = { backoff: { initialMs: 20, maxMs: 200, jitter: 0 } };
const SPIN = 'core.spinkube.dev';

async function seeded(namespace = 'default'): Promise<Simulator> {
  const sim = await startSimulator();
  seedSpinKubeBasics(sim, namespace);
  seedNode(sim, 'spin-node-1', { 'spin-v2': 'provisioned' });
  seedApp(sim, { name: 'hello', namespace });
  return sim;
}

function connect(sim: Simulator, namespaces: string[] = []) {
  const conn = new ClusterConnection({ source: { setting: sim.kubeconfigPath }, namespaces, session: fast });
  conn.setActive(true);
  const model = conn.model;
  assert.ok(model);
  const tree = new ClusterTree(conn, { coalesceMs: 10 });
  const phase = (s: Section) => model.sectionState(s).phase;
  const close = async () => {
    tree.dispose();
    conn.dispose();
    await sim.stop();
  };
  return { conn, model, tree, phase, close };
}

/** The Apps section's first child (the 403 message) and what is under it, once answered. */
async function forbiddenItems(tree: ClusterTree): Promise<{ message: TreeElement; access: TreeElement }> {
  const message = tree.children(tree.roots()[1])[0];
  assert.ok(message, 'a message under Apps');
  const [access] = tree.children(message);
  assert.ok(access, 'an item under the 403');
  await until(() => tree.node(access).state !== 'asking', 'the access review answered');
  return { message, access };
}

describe('cluster explorer: what a forbidden user may do', () => {
  it('shows the 403 and, under it, the rules the cluster grants in that namespace', async () => {
    const sim = await seeded();
    // a read-only user who may not list or watch SpinApps
    sim.server.access.deny({ verbs: ['list', 'watch'], group: SPIN, resource: 'spinapps' });
    for (const group of ['', 'apps', SPIN, 'node.k8s.io']) {
      sim.server.access.deny({
        verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
        group,
        resource: '*',
      });
    }
    const { model, tree, phase, close } = connect(sim);
    await until(() => phase('apps') === 'error', 'apps forbidden');
    const batches: (readonly TreeElement[] | undefined)[] = [];
    tree.onDidChange.on((b) => batches.push(b));

    const { message, access } = await forbiddenItems(tree);
    const refusal = tree.node(message);
    assert.equal(refusal.label, 'Not allowed (403)');
    assert.equal(refusal.collapsible, 'expanded');
    assert.match(
      refusal.description ?? '',
      /Not allowed to list spinapps\.core\.spinkube\.dev in all namespaces \(403\)\. spinapps\.core\.spinkube\.dev is forbidden: User "system:anonymous" cannot list resource "spinapps"/,
    );
    const allowed = tree.node(access);
    assert.equal(allowed.state, 'rules');
    assert.equal(
      allowed.label,
      'You may: get spinapps.core.spinkube.dev, pods/log; get, list, watch spinappexecutors.core.spinkube.dev, pods, deployments.apps, services, events, nodes, runtimeclasses.node.k8s.io',
    );
    assert.equal(allowed.description, 'in namespace "default"', "the context's namespace");
    assert.match(
      allowed.tooltip ?? '',
      /A cluster admin can grant get, list and watch on spinapps\.core\.spinkube\.dev/,
    );
    // The item is refreshed by itself, or with everything when another section changed in the same
    // flush (a whole-tree refresh: `undefined`), as a slow list of nodes can make it.
    await until(
      () => batches.some((b) => b === undefined || b.includes(access)),
      'the access item refreshed',
    );
    await until(() => phase('nodes') === 'ready', 'the other sections still work');

    sim.server.access.clear();
    tree.refreshAll();
    await model.refresh();
    await until(() => phase('apps') === 'ready', 'apps listed once allowed');
    assert.deepEqual(
      tree.children(tree.roots()[1]).map((a) => tree.node(a).label),
      ['hello'],
    );
    await close();
  });

  it('falls back to a clear sentence when asking what is allowed is forbidden too', async () => {
    const sim = await seeded();
    sim.server.access.deny({ verbs: ['list', 'watch'], group: SPIN, resource: 'spinapps' });
    sim.server.access.deny({
      verbs: ['create'],
      group: 'authorization.k8s.io',
      resource: 'selfsubjectrulesreviews',
    });
    const { tree, phase, close } = connect(sim);
    await until(() => phase('apps') === 'error', 'apps forbidden');
    const { access } = await forbiddenItems(tree);
    const node = tree.node(access);
    assert.equal(node.state, 'unavailable');
    assert.equal(node.label, 'Cannot tell what you may do');
    assert.equal(node.description, 'in namespace "default": asking is not allowed either (403)');
    assert.match(
      node.tooltip ?? '',
      /grant get, list and watch on spinapps\.core\.spinkube\.dev in namespace "default"/,
    );
    await close();
  });

  it('explains a refused list of nodes, which belong to no namespace, under the Nodes section', async () => {
    const sim = await seeded();
    sim.server.access.deny({ verbs: ['list', 'watch'], group: '', resource: 'nodes' });
    const { tree, phase, close } = connect(sim);
    await until(() => phase('nodes') === 'error', 'nodes forbidden');
    const [message] = tree.children(tree.roots()[2]);
    assert.ok(message);
    assert.equal(tree.node(message).label, 'Not allowed (403)');
    const [access] = tree.children(message);
    assert.ok(access);
    await until(() => tree.node(access).state === 'rules', 'the access review answered');
    const node = tree.node(access);
    assert.match(node.label, /; get, change nodes$/);
    assert.match(node.tooltip ?? '', /nodes belong to no namespace: .* ClusterRole and ClusterRoleBinding/);
    await until(() => phase('apps') === 'ready', 'apps still listed');
    await close();
  });

  it('reviews the namespace whose list was refused when the explorer shows chosen namespaces', async () => {
    const sim = await seeded('team-a');
    sim.server.access.deny({
      verbs: ['list', 'watch'],
      group: SPIN,
      resource: 'spinapps',
      namespace: 'team-a',
    });
    const { model, tree, phase, close } = connect(sim, ['team-a']);
    await until(() => phase('apps') === 'error', 'apps forbidden in team-a');
    const state = model.sectionState('apps');
    assert.equal(state.phase === 'error' ? state.namespace : undefined, 'team-a');
    const { access } = await forbiddenItems(tree);
    const node = tree.node(access);
    assert.equal(node.description, 'in namespace "team-a"');
    assert.match(
      node.label,
      /^You may: get, change spinapps\.core\.spinkube\.dev; do anything with spinappexecutors\.core\.spinkube\.dev, pods, /,
    );
    await close();
  });
});
