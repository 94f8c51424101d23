// The cluster explorer (connection, model and tree) against the Kubernetes API simulator.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ClusterConnection } from '../../src/cluster/clusterConnection';
import type { SpinKubeModel } from '../../src/cluster/spinKubeModel';
import { ClusterTree } from '../../src/clusterTree/tree';
import type { TreeElement } from '../../src/clusterTree/elements';
import { seedApp, seedNode, seedOperator, seedSpinKubeBasics } from '../support/explorerSeed';
import { until } from '../support/fakeTransport';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';

const fast = { backoff: { initialMs: 20, maxMs: 200, jitter: 0 } };

function connect(kubeconfig: string): { conn: ClusterConnection; model: SpinKubeModel } {
  const conn = new ClusterConnection({ source: { setting: kubeconfig }, session: fast });
  conn.setActive(true);
  const model = conn.model;
  assert.ok(model, 'a model once active');
  return { conn, model };
}

async function readyModel(kubeconfig: string) {
  const c = connect(kubeconfig);
  await until(
    () =>
      (['apps', 'nodes', 'executors', 'runtimeClasses'] as const).every(
        (s) => c.model.sectionState(s).phase === 'ready',
      ),
    'model ready',
  );
  return c;
}

describe('cluster explorer against the simulator', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator();
    seedSpinKubeBasics(sim);
    seedNode(sim, 'spin-node-1', { spin: 'true', 'spin-v2': 'provisioned' });
    seedNode(sim, 'plain-node', {});
    seedApp(sim, { name: 'hello', replicas: 2, state: 'ready' });
    seedApp(sim, { name: 'rolling', replicas: 3, state: 'progressing' });
    seedApp(sim, { name: 'crashy', state: 'crashloop' });
    seedApp(sim, { name: 'stuck', state: 'stalled' });
    seedApp(sim, { name: 'orphan', executor: 'missing-executor' });
  });
  after(() => sim.stop());

  it('derives each app status from conditions, replicas, pods and executors', async () => {
    const { conn, model } = await readyModel(sim.kubeconfigPath);
    const state = (name: string) => model.app(`default/${name}`)?.status;
    assert.equal(state('hello')?.state, 'ready');
    assert.equal(model.app('default/hello')?.description, '2/2 · containerd-shim-spin');
    assert.equal(state('rolling')?.state, 'progressing');
    assert.equal(state('crashy')?.summary, 'CrashLoopBackOff');
    assert.equal(state('stuck')?.summary, 'ProgressDeadlineExceeded');
    assert.equal(state('orphan')?.summary, 'MissingExecutor');
    assert.equal(model.appPods('default/hello').length, 2, 'pods found through the app-name index');
    conn.dispose();
  });

  it('tells Spin-capable nodes apart and counts their Spin pods', async () => {
    const { conn, model } = await readyModel(sim.kubeconfigPath);
    const spin = model.node('spin-node-1');
    assert.equal(spin?.spin.capable, 'yes');
    assert.equal(spin?.spin.via, 'runtime-class-manager');
    assert.equal(spin?.spinPods, 2 + 3 + 1 + 1 + 1);
    assert.equal(spin?.podCapacity, 110);
    assert.equal(model.node('plain-node')?.spin.capable, 'no');
    assert.equal(model.nodePods('spin-node-1').length, 8);
    conn.dispose();
  });

  it('checks SpinKube health and publishes cluster facts', async () => {
    const { conn, model } = await readyModel(sim.kubeconfigPath);
    await model.refresh();
    let checks = model.health();
    assert.equal(checks.find((c) => c.id === 'crds')?.detail, 'installed (core.spinkube.dev)');
    assert.equal(checks.find((c) => c.id === 'operator')?.result, 'fail');
    assert.match(checks.find((c) => c.id === 'operator')?.fix ?? '', /helm install spin-operator/);
    assert.equal(checks.find((c) => c.id === 'certManager')?.result, 'fail');
    assert.equal(checks.find((c) => c.id === 'runtimeClass')?.result, 'pass');
    assert.equal(checks.find((c) => c.id === 'spinNode')?.detail, '1 of 2 nodes');
    seedOperator(sim);
    await model.refresh();
    checks = model.health();
    assert.match(checks.find((c) => c.id === 'operator')?.detail ?? '', /ready 1\/1 · v0\.6\.1/);
    const facts = model.facts();
    assert.deepEqual(facts?.executorsByNamespace, { default: ['containerd-shim-spin'] });
    assert.equal(facts?.apiGroup, 'core.spinkube.dev');
    assert.equal(facts?.defaultNamespace, 'default');
    assert.ok(facts?.spinAppSchema, 'the SpinApp CRD schema');
    conn.dispose();
  });

  it('shows the tree: sections, apps with states, an expanded app with its objects and warnings', async () => {
    const { conn, model } = await readyModel(sim.kubeconfigPath);
    const tree = new ClusterTree(conn, { groupSize: 200 });
    const roots = tree.roots();
    assert.deepEqual(
      roots.map((r) => tree.node(r).label),
      ['spinkube-sim', 'Apps', 'Nodes', 'Executors', 'Runtime classes', 'SpinKube health'],
    );
    const apps = tree.children(roots[1]);
    assert.deepEqual(
      apps.map((a) => `${tree.node(a).label}:${tree.node(a).state}`),
      ['crashy:failed', 'hello:ready', 'orphan:failed', 'rolling:progressing', 'stuck:failed'],
    );
    const crashy = apps[0] as TreeElement;
    tree.children(crashy);
    await tree.appDetailsReady('default/crashy');
    const children = tree.children(crashy).map((c) => tree.node(c));
    assert.deepEqual(
      children.map((c) => c.label),
      ['Deployment crashy', 'Service crashy', 'crashy-7d9f-0', 'Warnings'],
    );
    assert.equal(children[0]?.description, '0/1 ready');
    assert.match(children[1]?.description ?? '', /ClusterIP .*:80/);
    assert.equal(children[2]?.description, 'CrashLoopBackOff · 4 restarts · spin-node-1');
    assert.equal(children[3]?.description, '1');
    assert.match(tree.tooltip(crashy) ?? '', /Image: `ghcr.io\/example\/crashy:v1`/);
    tree.dispose();
    conn.dispose();
    assert.equal(model.session.activeCaches().length, 0, 'every watch stopped');
  });

  it('updates only the changed app item when its status changes on the server', async () => {
    const { conn, model } = await readyModel(sim.kubeconfigPath);
    // the one-shot health probe (operator, cert-manager) answers after the lists: let it land first,
    // so that the only change left is the one this test makes
    const probed = (id: string) => model.health().find((c) => c.id === id)?.result !== 'unknown';
    await until(() => probed('operator') && probed('certManager'), 'health probed');
    const tree = new ClusterTree(conn, { coalesceMs: 20 });
    const apps = tree.children(tree.roots()[1]);
    const rolling = apps.find((a) => tree.node(a).label === 'rolling');
    tree.flush();
    const batches: (readonly TreeElement[] | undefined)[] = [];
    tree.onDidChange.on((b) => batches.push(b));
    const type = sim.typeOf('core.spinkube.dev/v1alpha1', 'SpinApp');
    sim.server.ops.patch(
      type,
      'default',
      'rolling',
      'merge',
      {
        status: {
          readyReplicas: 3,
          conditions: [
            {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: '',
              lastTransitionTime: new Date().toISOString(),
            },
          ],
        },
      },
      { subresource: 'status', fieldManager: 'test' },
    );
    await until(() => batches.some((b) => b?.includes(rolling as TreeElement)), 'the rolling item refreshed');
    assert.deepEqual(
      batches.map((b) => b?.map((el) => el.id)),
      [['app:default/rolling']],
      'exactly the changed app item, once; never the whole tree',
    );
    assert.equal(tree.node(rolling as TreeElement).state, 'ready');
    tree.dispose();
    conn.dispose();
  });
});
