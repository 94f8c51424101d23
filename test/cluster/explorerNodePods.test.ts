// Expanding a Node lists and watches that node's pods with the field selector spec.nodeName=<node>
// (in the explorer's namespaces), so the API server filters them and no request lists every pod.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterConnection } from '../../src/cluster/clusterConnection';
import { createTransport, type KubeTransport, type RequestOptions } from '../../src/cluster/transport';
import { ClusterTree } from '../../src/clusterTree/tree';
import type { TreeElement } from '../../src/clusterTree/elements';
import { seedApp, seedNode, seedSpinKubeBasics } from '../support/explorerSeed';
import { until } from '../support/fakeTransport';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';

const fast = { backoff: { initialMs: 20, maxMs: 200, jitter: 0 } };

interface SeenRequest {
  readonly path: string;
  readonly watch: boolean;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** The real HTTP transport, noting every request it sends. */
function recordingTransport(kubeconfigPath: string): { transport: KubeTransport; seen: SeenRequest[] } {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const inner = createTransport(kc);
  const seen: SeenRequest[] = [];
  const note = (o: RequestOptions): void => {
    const q = o.query ?? {};
    seen.push({
      path: o.path,
      watch: q.watch !== undefined,
      labelSelector: q.labelSelector === undefined ? undefined : String(q.labelSelector),
      fieldSelector: q.fieldSelector === undefined ? undefined : String(q.fieldSelector),
    });
  };
  return {
    seen,
    transport: {
      server: inner.server,
      request: (o) => (note(o), inner.request(o)),
      stream: (o, onLine) => (note(o), inner.stream(o, onLine)),
    },
  };
}

function pod(sim: Simulator, namespace: string, name: string, node: string): void {
  sim.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] },
  });
}

async function seeded(): Promise<Simulator> {
  const sim = await startSimulator();
  seedSpinKubeBasics(sim);
  seedSpinKubeBasics(sim, 'team-a');
  seedNode(sim, 'spin-node-1', { spin: 'true' });
  seedNode(sim, 'spin-node-2', { spin: 'true' });
  seedApp(sim, { name: 'hello', replicas: 2, node: 'spin-node-1' });
  seedApp(sim, { name: 'elsewhere', node: 'spin-node-2' });
  seedApp(sim, { name: 'team-app', namespace: 'team-a', node: 'spin-node-1' });
  pod(sim, 'kube-system', 'kube-proxy-x7k2p', 'spin-node-1');
  return sim;
}

async function open(sim: Simulator, namespaces: string[] = []) {
  const { transport, seen } = recordingTransport(sim.kubeconfigPath);
  const conn = new ClusterConnection({
    source: { setting: sim.kubeconfigPath },
    namespaces,
    session: { ...fast, transport },
  });
  conn.setActive(true);
  const model = conn.model;
  assert.ok(model);
  await until(() => model.sectionState('nodes').phase === 'ready', 'nodes listed');
  await until(() => model.sectionState('apps').phase === 'ready', 'apps listed');
  const tree = new ClusterTree(conn, { coalesceMs: 10 });
  const nodesSection = tree.roots()[2] as TreeElement;
  const nodeItem = (name: string): TreeElement => {
    const found = tree.children(nodesSection).find((n) => tree.node(n).label === name);
    assert.ok(found, `node ${name} in the tree`);
    return found;
  };
  const podLabels = (node: TreeElement): string[] => tree.children(node).map((c) => tree.node(c).label);
  const nodeSelected = (name: string) => seen.filter((r) => r.fieldSelector === `spec.nodeName=${name}`);
  const close = async () => {
    tree.dispose();
    conn.dispose();
    await sim.stop();
  };
  return { conn, model, tree, seen, nodeItem, podLabels, nodeSelected, close };
}

describe('cluster explorer: a node and its pods', () => {
  it('lists and watches the pods of an expanded node by field selector, never all pods', async () => {
    const sim = await seeded();
    const { conn, tree, seen, nodeItem, podLabels, nodeSelected, close } = await open(sim);
    assert.equal(nodeSelected('spin-node-1').length, 0, 'nothing asked before the node is expanded');
    const node1 = nodeItem('spin-node-1');
    assert.equal(tree.node(node1).collapsible, 'collapsed');
    tree.children(node1);
    await tree.nodePodsReady('spin-node-1');
    assert.deepEqual(podLabels(node1), [
      'hello-7d9f-0',
      'hello-7d9f-1',
      'kube-proxy-x7k2p',
      'team-app-7d9f-0',
    ]);
    const requests = nodeSelected('spin-node-1');
    assert.deepEqual(requests.map((r) => `${r.path} ${r.watch ? 'watch' : 'list'}`).slice(0, 2), [
      '/api/v1/pods list',
      '/api/v1/pods watch',
    ]);
    const podRequests = seen.filter((r) => r.path.endsWith('/pods'));
    assert.deepEqual(
      podRequests.filter((r) => !r.fieldSelector && !r.labelSelector),
      [],
      'no request for every pod of the cluster',
    );

    // the watch keeps the node's children live: a pod scheduled there appears, one elsewhere does not
    const batches: (readonly TreeElement[] | undefined)[] = [];
    tree.onDidChange.on((b) => batches.push(b));
    pod(sim, 'default', 'late-arrival', 'spin-node-1');
    pod(sim, 'default', 'other-node-pod', 'spin-node-2');
    await until(() => podLabels(node1).includes('late-arrival'), 'the new pod on the node');
    await until(() => batches.some((b) => b?.includes(node1)), 'the node item refreshed');
    assert.ok(!podLabels(node1).includes('other-node-pod'));
    const shown = tree.children(node1).find((c) => tree.node(c).label === 'kube-proxy-x7k2p') as TreeElement;
    assert.match(tree.node(shown).description ?? '', /spin-node-1/);

    // collapsing stops the node's watch
    tree.collapsed(node1);
    const selectorCaches = () =>
      conn.session?.activeCaches().filter((c) => c.scope.fieldSelector === 'spec.nodeName=spin-node-1') ?? [];
    assert.equal(selectorCaches().length, 0, 'the field-selector watch is closed');
    await close();
  });

  it('says so when the pods of a node may not be listed, and what is allowed instead', async () => {
    const sim = await seeded();
    const { tree, nodeItem, podLabels, close } = await open(sim);
    sim.server.access.deny({ verbs: ['list', 'watch'], group: '', resource: 'pods' });
    const node1 = nodeItem('spin-node-1');
    tree.children(node1);
    await tree.nodePodsReady('spin-node-1');
    assert.deepEqual(podLabels(node1), ['Not allowed to list pods (403)']);
    const message = tree.children(node1)[0] as TreeElement;
    assert.match(
      tree.node(message).description ?? '',
      /Not allowed to list pods in all namespaces \(403\)\. pods is forbidden: User "system:anonymous" cannot list resource "pods"/,
    );
    // and, under it, what the user may do instead
    assert.equal(tree.node(message).collapsible, 'expanded');
    const [access] = tree.children(message);
    assert.ok(access);
    await until(() => tree.node(access).state === 'rules', 'the access review answered');
    assert.match(
      tree.node(access).label,
      /^You may: do anything with spinapps\.core\.spinkube\.dev, .*; get, change pods(;|$)/,
    );
    assert.equal(tree.node(access).description, 'in namespace "default"');
    await close();
  });

  it('keeps to the chosen namespaces and says when a node has no pods there', async () => {
    const sim = await seeded();
    const { tree, nodeItem, podLabels, nodeSelected, close } = await open(sim, ['team-a']);
    const node1 = nodeItem('spin-node-1');
    tree.children(node1);
    await tree.nodePodsReady('spin-node-1');
    assert.deepEqual(podLabels(node1), ['team-app-7d9f-0']);
    assert.deepEqual(
      [...new Set(nodeSelected('spin-node-1').map((r) => r.path))],
      ['/api/v1/namespaces/team-a/pods'],
    );
    const node2 = nodeItem('spin-node-2');
    tree.children(node2);
    await tree.nodePodsReady('spin-node-2');
    assert.deepEqual(podLabels(node2), ['No pods on this node in team-a']);
    await close();
  });
});
