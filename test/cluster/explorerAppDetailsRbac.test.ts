// An expanded app whose Deployment, Service or Warning events the user may not list shows the
// refusal there (403, and under it what the user may do), never "not found" or "0 warnings".
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ClusterConnection } from '../../src/cluster/clusterConnection';
import { ClusterTree } from '../../src/clusterTree/tree';
import type { TreeElement } from '../../src/clusterTree/elements';
import { seedApp, seedNode, seedSpinKubeBasics } from '../support/explorerSeed';
import { until } from '../support/fakeTransport';
import { startSimulator } from '../support/k8s-sim/index';

const fast = { backoff: { initialMs: 20, maxMs: 200, jitter: 0 } };

describe('cluster explorer: app details the user may not list', () => {
  it('shows the 403 for the Deployment, Service and Warnings, with what the user may do', async () => {
    const sim = await startSimulator();
    seedSpinKubeBasics(sim, 'default');
    seedNode(sim, 'spin-node-1', { 'spin-v2': 'provisioned' });
    seedApp(sim, { name: 'hello', namespace: 'default' });
    for (const [group, resource] of [
      ['apps', 'deployments'],
      ['', 'services'],
      ['', 'events'],
    ] as const) {
      sim.server.access.deny({ verbs: ['list', 'watch'], group, resource });
    }
    const conn = new ClusterConnection({ source: { setting: sim.kubeconfigPath }, session: fast });
    conn.setActive(true);
    const model = conn.model;
    assert.ok(model);
    const tree = new ClusterTree(conn, { coalesceMs: 10 });
    try {
      await until(() => model.sectionState('apps').phase === 'ready', 'apps listed');
      const app = tree.children(tree.roots()[1]).find((el) => tree.node(el).label === 'hello');
      assert.ok(app, 'the app is listed');
      tree.children(app);
      await tree.appDetailsReady('default/hello');
      const children = (): TreeElement[] => tree.children(app);
      await until(() => children().filter((el) => el.kind === 'message').length === 3, 'three refusals');
      const nodes = children()
        .filter((el) => el.kind === 'message')
        .map((el) => tree.node(el));
      assert.deepEqual(
        nodes.map((n) => [n.label, n.state]),
        [
          ['Deployment hello', 'error:forbidden'],
          ['Service hello', 'error:forbidden'],
          ['Warnings', 'error:forbidden'],
        ],
      );
      assert.match(
        nodes[0]?.description ?? '',
        /^Not allowed \(403\) · Not allowed to list deployments\.apps in namespace "?default"? \(403\)\./,
      );
      for (const node of nodes) assert.doesNotMatch(node.description ?? '', /not found/);
      const refusal = children().find((el) => el.kind === 'message');
      assert.ok(refusal);
      const [access] = tree.children(refusal);
      assert.ok(access, 'under the refusal: what the user may do');
      await until(() => tree.node(access).state !== 'asking', 'the access review answered');
      assert.match(tree.node(access).label, /^You may: /);
    } finally {
      tree.dispose();
      conn.dispose();
      await sim.stop();
    }
  });
});
