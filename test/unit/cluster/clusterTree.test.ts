// The tree model over a fake API: bucketing of large groups, stable elements, coalesced
// refreshes of only the changed items, lazy app details, and what a hidden view costs.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ClusterConnection } from '../../../src/cluster/clusterConnection';
import { ClusterTree } from '../../../src/clusterTree/tree';
import { bucket, type TreeElement } from '../../../src/clusterTree/elements';
import { FakeTransport, until } from '../../support/fakeTransport';

const APPS = '/apis/core.spinkube.dev/v1alpha1/spinapps';
const PODS = '/api/v1/pods';

function kubeconfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kc-'));
  const path = join(dir, 'config');
  writeFileSync(
    path,
    'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://fake.invalid"}}]\n' +
      'users: [{name: u, user: {}}]\ncontexts: [{name: fake, context: {cluster: c, user: u}}]\ncurrent-context: fake\n',
  );
  return path;
}

function fakeCluster(apps: { ns: string; name: string }[]): FakeTransport {
  const t = new FakeTransport();
  t.objects.set('/apis/core.spinkube.dev/v1alpha1', new Map());
  // discovery answers from a fixed body
  const request = t.request.bind(t);
  t.request = async <T>(options: Parameters<FakeTransport['request']>[0]): Promise<T> => {
    if (options.path === '/apis/core.spinkube.dev/v1alpha1') {
      return { resources: [{ name: 'spinapps' }] } as T;
    }
    if (options.path.startsWith('/apis/cert-manager') || options.path.includes('customresourcedefinitions')) {
      return Promise.reject(Object.assign(new Error('not found'), {}));
    }
    return request<T>(options);
  };
  for (const ns of new Set(apps.map((a) => a.ns))) {
    t.put('/apis/core.spinkube.dev/v1alpha1/spinappexecutors', {
      metadata: { name: 'containerd-shim-spin', namespace: ns },
      spec: { createDeployment: true },
    } as never);
  }
  for (const a of apps) {
    t.put(APPS, {
      metadata: { name: a.name, namespace: a.ns, uid: `${a.ns}-${a.name}` },
      spec: { executor: 'containerd-shim-spin', replicas: 1 },
      status: { readyReplicas: 1, conditions: [{ type: 'Available', status: 'True' }] },
    } as never);
  }
  return t;
}

async function openTree(t: FakeTransport, groupSize: number) {
  const conn = new ClusterConnection({ source: { setting: kubeconfig() }, session: { transport: t } });
  const tree = new ClusterTree(conn, { groupSize, coalesceMs: 10 });
  conn.setActive(true);
  await until(
    () =>
      conn.model?.sectionState('apps').phase === 'ready' &&
      conn.model.sectionState('executors').phase === 'ready',
    'apps and executors listed',
  );
  // let the change events of the first lists (sent on the next turns of the event loop) go by
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  return { conn, tree, apps: tree.roots()[1] as TreeElement };
}

describe('cluster tree model', () => {
  it('splits sorted names into ranges of at most groupSize, recursively when needed', () => {
    const names = Array.from({ length: 45 }, (_, i) => `n/app-${String(i).padStart(2, '0')}`);
    const ranges = bucket(names, 20, (k) => k.slice(2));
    assert.deepEqual(
      ranges.map((r) => `${r.label}:${r.keys.length}`),
      ['app-00 … app-19:20', 'app-20 … app-39:20', 'app-40 … app-44:5'],
    );
    const many = Array.from({ length: 1000 }, (_, i) => String(i).padStart(4, '0'));
    const top = bucket(many, 20, (k) => k);
    assert.equal(top.length, 3, '400 per range at the top level');
    assert.ok(top.every((r) => r.keys.length <= 400));
  });

  it('never puts more than groupSize children under one node', async () => {
    const apps = Array.from({ length: 130 }, (_, i) => ({
      ns: i < 100 ? 'big' : 'small',
      name: `app-${String(i).padStart(3, '0')}`,
    }));
    const { conn, tree, apps: section } = await openTree(fakeCluster(apps), 50);
    const namespaces = tree.children(section);
    assert.deepEqual(
      namespaces.map((n) => tree.node(n).label),
      ['big', 'small'],
    );
    const big = tree.children(namespaces[0]);
    assert.deepEqual(
      big.map((r) => tree.node(r).label),
      ['app-000 … app-049', 'app-050 … app-099'],
    );
    const firstRange = tree.children(big[0]);
    assert.equal(firstRange.length, 50);
    assert.equal(tree.children(namespaces[1]).length, 30);
    assert.equal(tree.node(firstRange[0]!).state, 'ready');
    tree.dispose();
    conn.dispose();
  });

  it('hands out the same element object for an app across refreshes, and refreshes only it', async () => {
    const t = fakeCluster([
      { ns: 'default', name: 'a' },
      { ns: 'default', name: 'b' },
    ]);
    const { conn, tree, apps } = await openTree(t, 200);
    const before = tree.children(apps);
    tree.flush();
    const batches: (readonly TreeElement[] | undefined)[] = [];
    tree.onDidChange.on((b) => batches.push(b));
    t.put(APPS, {
      metadata: { name: 'b', namespace: 'default', uid: 'default-b' },
      spec: { executor: 'containerd-shim-spin', replicas: 2 },
      status: { readyReplicas: 1, conditions: [{ type: 'Available', status: 'True' }] },
    } as never);
    await until(() => batches.some((b) => b?.includes(before[1]!)), 'b refreshed');
    const refreshed = batches.flatMap((b) => b ?? []);
    assert.ok(!refreshed.includes(before[0]!), 'a is not refreshed');
    assert.ok(!batches.includes(undefined), 'never the whole tree');
    assert.equal(tree.node(before[1]!).state, 'progressing');
    assert.equal(tree.children(apps)[1], before[1], 'stable element object');
    tree.dispose();
    conn.dispose();
  });

  it('coalesces a burst of changes into one refresh', async () => {
    const t = fakeCluster(Array.from({ length: 30 }, (_, i) => ({ ns: 'default', name: `a${i}` })));
    const { conn, tree, apps } = await openTree(t, 200);
    tree.children(apps);
    tree.flush();
    const batches: (readonly TreeElement[] | undefined)[] = [];
    tree.onDidChange.on((b) => batches.push(b));
    for (let i = 0; i < 30; i++) {
      t.put(APPS, {
        metadata: { name: `a${i}`, namespace: 'default', uid: `default-a${i}` },
        spec: { executor: 'containerd-shim-spin', replicas: 1 },
        status: { readyReplicas: 0, conditions: [{ type: 'Progressing', status: 'True' }] },
      } as never);
    }
    await until(() => batches.flatMap((b) => b ?? []).length >= 30, 'all thirty');
    assert.ok(batches.length <= 2, `${batches.length} refreshes for 30 changes`);
    tree.dispose();
    conn.dispose();
  });

  it('finds an app’s pods through the label index, and stops every watch when hidden', async () => {
    const t = fakeCluster([{ ns: 'default', name: 'a' }]);
    t.put(PODS, {
      metadata: { name: 'a-1', namespace: 'default', labels: { 'core.spinkube.dev/app-name': 'a' } },
      spec: { nodeName: 'n1' },
      status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 1 }] },
    } as never);
    const { conn, tree, apps } = await openTree(t, 200);
    const app = tree.children(apps)[0] as TreeElement;
    const kids = tree.children(app).map((c) => tree.node(c));
    assert.deepEqual(
      kids.map((k) => k.label),
      ['Deployment a', 'Service a', 'a-1', 'Warnings'],
    );
    assert.equal(kids[2]?.description, 'Running · 1 restart · n1');
    const podLists = t.requests.filter((r) => r.path === PODS && !r.query?.['watch']);
    assert.equal(podLists.length, 1, 'one pod list for the whole tree, none on expand');
    assert.equal(podLists[0]?.query?.['labelSelector'], 'core.spinkube.dev/app-name');
    const session = conn.session;
    conn.setActive(false);
    assert.equal(conn.model, undefined);
    tree.collapsed(app);
    tree.dispose();
    assert.deepEqual(
      session?.activeCaches().map((c) => c.kind.plural),
      [],
      'no cache left running',
    );
    conn.dispose();
  });
});
