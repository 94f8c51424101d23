// The cluster explorer inside the real extension host, against the sandbox cluster (KUBECONFIG):
// the view shows the context, sections, nodes and health; a SpinApp created on the cluster appears
// with its state, and expanding it lists its Deployment, Service and pods; live YAML opens read-only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeElement } from '../../../src/clusterTree/elements';
import { getApi, waitFor } from './helpers';

const APP = 'explorer-hello';
const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.17.0';

describe('cluster explorer', function () {
  this.timeout(90_000);

  it('shows the sandbox context, its sections, Spin-capable nodes and SpinKube health', async () => {
    const { cluster } = await getApi();
    await vscode.commands.executeCommand('spinkube.cluster.focus');
    await waitFor(() => cluster.view.visible, 10_000, 'the Cluster view to be visible');
    const tree = cluster.tree;
    await waitFor(
      () =>
        cluster.connection.model?.sectionState('nodes').phase === 'ready' &&
        cluster.connection.model.sectionState('apps').phase === 'ready',
      30_000,
      'the explorer to list the cluster',
    );
    const roots = tree.roots().map((r) => tree.node(r));
    assert.equal(roots[0]?.state, 'connected');
    assert.deepEqual(
      roots.slice(1).map((r) => r.label),
      ['Apps', 'Nodes', 'Executors', 'Runtime classes', 'SpinKube health'],
    );
    const nodesSection = tree.roots()[2] as TreeElement;
    const nodes = tree.children(nodesSection).map((n) => tree.node(n));
    assert.ok(
      nodes.some((n) => n.state === 'ready,spin=yes'),
      `a Spin-capable node among ${nodes.map((n) => n.state).join(', ')}`,
    );
    const health = tree.children(tree.roots()[5]).map((n) => tree.node(n));
    assert.equal(health.find((h) => h.label === 'SpinKube CRDs')?.state, 'pass');
    assert.equal(health.find((h) => h.label === 'Spin RuntimeClass')?.state, 'pass');
    assert.equal(health.find((h) => h.label === 'SpinAppExecutor')?.state, 'pass');
  });

  it('shows a new SpinApp ready, and its Deployment, Service and pods when expanded', async () => {
    const { cluster } = await getApi();
    const session = cluster.connection.session;
    assert.ok(session, 'connected');
    await session.transport.request({
      method: 'POST',
      path: '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps',
      body: {
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name: APP, namespace: 'default' },
        spec: { image: IMAGE, executor: 'containerd-shim-spin', replicas: 2 },
      },
    });
    const tree = cluster.tree;
    const appsSection = tree.roots()[1] as TreeElement;
    const app = await waitFor(
      () =>
        tree
          .children(appsSection)
          .find((e) => e.kind === 'app' && e.key === `default/${APP}` && tree.node(e).state === 'ready'),
      60_000,
      `${APP} to be ready in the tree`,
    );
    assert.equal(tree.node(app).description, '2/2 · containerd-shim-spin');
    assert.match(
      tree.tooltip(app) ?? '',
      new RegExp(`Image: \`${IMAGE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\``),
    );
    tree.children(app);
    if (app.kind === 'app') await tree.appDetailsReady(app.key);
    const children = await waitFor(
      () => {
        const items = tree.children(app).map((c) => tree.node(c));
        return items.filter((i) => i.contextValue === 'spinkube.pod').length === 2 ? items : undefined;
      },
      30_000,
      'two pods under the app',
    );
    assert.equal(children[0]?.label, `Deployment ${APP}`);
    assert.equal(children[0]?.state, 'present');
    assert.equal(children[1]?.label, `Service ${APP}`);
    for (const pod of children.filter((i) => i.contextValue === 'spinkube.pod')) {
      assert.ok(pod.label.startsWith(`${APP}-`), pod.label);
      assert.match(pod.description ?? '', /^Running · 0 restarts · \S+$/);
    }
  });

  it('opens the live YAML of the app read-only and copies its image', async () => {
    const { cluster } = await getApi();
    const app = cluster.tree.find(`app:default/${APP}`);
    assert.ok(app, 'the app item was shown');
    await vscode.commands.executeCommand('spinkube.cluster.openYaml', app);
    const editor = await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.uri.scheme === 'spinkube-k8s'
          ? vscode.window.activeTextEditor
          : undefined,
      10_000,
      'the live YAML editor',
    );
    assert.match(editor.document.getText(), /kind: SpinApp/);
    assert.match(editor.document.getText(), new RegExp(`name: ${APP}`));
    await vscode.commands.executeCommand('spinkube.cluster.copyImage', app);
    assert.equal(await vscode.env.clipboard.readText(), IMAGE);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await cluster.connection.session?.transport.request({
      method: 'DELETE',
      path: `/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/${APP}`,
    });
    await waitFor(() => !cluster.connection.model?.app(`default/${APP}`), 20_000, 'the app to disappear');
  });
});
