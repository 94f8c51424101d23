// The explorer's actions on an app inside the real extension host, against the sandbox cluster:
// Describe and live YAML as read-only documents (kubectl's key order, managedFields hidden), Edit →
// Apply with server-side apply and its conflicts, the live document of an undeployed app, Follow
// Logs in one terminal per app, Port-Forward to the app's first route with the list of forwards,
// and choosing a kubeconfig file when there is none.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LogView } from '../../../src/vscode/cluster/logTerminal';
import type { ForwardEntry } from '../../../src/vscode/cluster/portForwards';
import { getApi, removeWorkspaceFile, waitFor, writeWorkspaceFile } from './helpers';

const APP = 'pf-app';
const FOLDER = 'cluster-actions';
const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.17.0';
const SPIN_TOML = `spin_manifest_version = 2

[application]
name = "${APP}"

[[trigger.http]]
route = "/greet/..."
component = "greet"

[component.greet]
source = "greet.wasm"
`;
const SPINAPP = `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: ${APP}
spec:
  image: "${IMAGE}"
  executor: containerd-shim-spin
  replicas: 1
`;
const APP_PATH = `/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/${APP}`;

async function appElement() {
  const { cluster } = await getApi();
  return waitFor(() => cluster.tree.find(`app:default/${APP}`), 30_000, `${APP} in the tree`);
}

function activeLiveEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.uri.scheme === 'spinkube-k8s' ? editor : undefined;
}

describe('cluster explorer actions', function () {
  this.timeout(90_000);

  before(async () => {
    const { cluster } = await getApi();
    await writeWorkspaceFile(`${FOLDER}/spin.toml`, SPIN_TOML);
    await vscode.commands.executeCommand('spinkube.cluster.focus');
    await waitFor(
      () => cluster.connection.model?.sectionState('apps').phase === 'ready',
      30_000,
      'the explorer to list the apps',
    );
    const result = await vscode.commands.executeCommand<{ state: string }>('spinkube.apply', {
      yaml: SPINAPP,
      namespace: 'default',
      wait: false,
    });
    assert.equal(result?.state, 'applied');
    await waitFor(
      () => cluster.connection.model?.appPods(`default/${APP}`).some((p) => p.status?.phase === 'Running'),
      60_000,
      `a running pod of ${APP}`,
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeWorkspaceFile(FOLDER);
    const { cluster } = await getApi();
    await cluster.connection.session?.transport
      .request({ method: 'DELETE', path: APP_PATH })
      .catch(() => undefined);
  });

  it('Describe opens a read-only document named "describe: <app>"', async () => {
    await vscode.commands.executeCommand('spinkube.cluster.describe', await appElement());
    const editor = await waitFor(activeLiveEditor, 10_000, 'the describe editor');
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, `describe: ${APP}`);
    assert.match(editor.document.getText(), new RegExp(`^Name: +${APP}$`, 'm'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('live YAML starts with apiVersion and kind, and shows managedFields only when asked to', async () => {
    await vscode.commands.executeCommand('spinkube.cluster.openYaml', await appElement());
    const editor = await waitFor(activeLiveEditor, 10_000, 'the live YAML editor');
    const keys = (text: string) =>
      text
        .split('\n')
        .filter((l) => /^\w/.test(l))
        .map((l) => l.split(':')[0]);
    assert.deepEqual(keys(editor.document.getText()).slice(0, 4), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.doesNotMatch(editor.document.getText(), /managedFields/);
    const config = vscode.workspace.getConfiguration('spinkube');
    await config.update('explorer.showManagedFields', true, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => /managedFields:/.test(editor.document.getText()), 10_000, 'managedFields shown');
    } finally {
      await config.update('explorer.showManagedFields', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Edit → Apply changes the app with server-side apply; a field another manager owns is a conflict', async () => {
    const { cluster } = await getApi();
    const live = await waitFor(activeLiveEditor, 10_000, 'the live YAML editor');
    await vscode.commands.executeCommand('spinkube.cluster.editLive', live.document.uri);
    const editor = await waitFor(
      () =>
        vscode.window.activeTextEditor?.document.isUntitled ? vscode.window.activeTextEditor : undefined,
      10_000,
      'the editable copy',
    );
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, `${APP}.yaml`);
    assert.equal(editor.document.languageId, 'yaml');
    const text = editor.document.getText();
    assert.doesNotMatch(text, /^status:|resourceVersion|managedFields/m);
    const replicas = text.indexOf('replicas: 1');
    assert.ok(replicas > 0, text);
    await editor.edit((b) =>
      b.replace(
        new vscode.Range(
          editor.document.positionAt(replicas),
          editor.document.positionAt(replicas + 'replicas: 1'.length),
        ),
        'replicas: 2',
      ),
    );
    const applied = await vscode.commands.executeCommand<{ state: string }>('spinkube.apply');
    assert.notEqual(applied?.state, 'failed', JSON.stringify(applied));
    await waitFor(
      () => cluster.connection.model?.app(`default/${APP}`)?.object.spec?.replicas === 2,
      20_000,
      '2 replicas',
    );
    await waitFor(() => /replicas: 2/.test(live.document.getText()), 10_000, 'the live YAML to follow');

    // kubectl takes spec.replicas over; applying 2 again conflicts and says who owns the field.
    await cluster.connection.session?.transport.request({
      method: 'PATCH',
      path: APP_PATH,
      query: { fieldManager: 'kubectl', force: true },
      body: {
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name: APP },
        spec: { replicas: 3 },
      },
      contentType: 'application/apply-patch+yaml',
    });
    await vscode.window.showTextDocument(editor.document);
    const conflict = await vscode.commands.executeCommand<{ state: string; kind: string; message: string }>(
      'spinkube.apply',
    );
    assert.equal(conflict?.kind, 'apply-conflict');
    assert.match(conflict.message, /kubectl/);
    assert.match(conflict.message, /spec\.replicas/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Follow Logs shows every line with its pod in one terminal per app, stops, and is reused', async () => {
    const view = await vscode.commands.executeCommand<LogView>(
      'spinkube.cluster.followLogs',
      await appElement(),
    );
    assert.equal(view.terminal.name, `SpinKube logs: ${APP}`);
    await waitFor(
      () => view.lines.some((l) => l.startsWith(`[${APP}-`)),
      20_000,
      'a log line with its pod name',
    );
    assert.ok(view.following);
    await vscode.commands.executeCommand('spinkube.cluster.stopLogs');
    assert.equal(view.following, false);
    assert.match(view.lines.at(-1) ?? '', /Stopped following/);

    const config = vscode.workspace.getConfiguration('spinkube');
    await config.update('logs.timestamps', true, vscode.ConfigurationTarget.Global);
    try {
      const terminals = vscode.window.terminals.length;
      const again = await vscode.commands.executeCommand<LogView>(
        'spinkube.cluster.followLogs',
        await appElement(),
      );
      assert.equal(again.terminal, view.terminal, 'the same terminal');
      assert.equal(vscode.window.terminals.length, terminals);
      await waitFor(
        () => again.lines.some((l) => new RegExp(`^\\[${APP}-[^\\]]+\\] \\d{4}-\\d\\d-\\d\\dT`).test(l)),
        20_000,
        'a log line with its pod name and timestamp',
      );
      again.stop();
    } finally {
      await config.update('logs.timestamps', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it("Port-Forward opens the app's first route, is listed, and stops when the app is undeployed", async () => {
    const { cluster } = await getApi();
    const entry = await vscode.commands.executeCommand<ForwardEntry>(
      'spinkube.cluster.portForward',
      await appElement(),
    );
    assert.match(entry.url, /^http:\/\/127\.0\.0\.1:\d+\/greet\/$/);
    const answer = await fetch(entry.url);
    assert.match(await answer.text(), new RegExp(`Hello from ${APP}`));
    const listed = await vscode.commands.executeCommand<readonly ForwardEntry[]>(
      'spinkube.cluster.listPortForwards',
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepEqual(
      listed.map((e) => [e.key, e.url]),
      [[`default/${APP}`, entry.url]],
    );

    // The live YAML still open follows the app to its deletion.
    const live = vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'spinkube-k8s' && d.uri.path.endsWith(`${APP}.yaml`),
    );
    assert.ok(live, 'the live YAML is still open');
    const undeployed = await vscode.commands.executeCommand<{ deleted: string[] }>('spinkube.undeploy', {
      name: APP,
      namespace: 'default',
      confirm: false,
    });
    assert.deepEqual(undeployed?.deleted, [`SpinApp/${APP}`]);
    await waitFor(() => !cluster.connection.model?.app(`default/${APP}`), 20_000, 'the app to be gone');
    // nothing listens on the local port any more
    await waitFor(
      () =>
        fetch(entry.url).then(
          () => false,
          () => true,
        ),
      20_000,
      'the forward to stop',
    );
    await waitFor(
      () => live.getText().startsWith(`# ${APP} was deleted`),
      20_000,
      `the live YAML to say ${APP} was deleted (it shows: ${live.getText().split('\n')[0]})`,
    );
  });

  it('without a kubeconfig the view is empty for its welcome content; choosing a file connects it', async () => {
    const { cluster } = await getApi();
    const sandbox = process.env.KUBECONFIG ?? '';
    assert.ok(sandbox, 'the test host runs with the sandbox KUBECONFIG');
    try {
      await vscode.commands.executeCommand('spinkube.cluster.chooseKubeconfig', '/nonexistent/kubeconfig');
      await waitFor(() => cluster.connection.status.phase === 'noKubeconfig', 10_000, 'no kubeconfig');
      assert.deepEqual(cluster.tree.roots(), []);
      await vscode.commands.executeCommand('spinkube.cluster.chooseKubeconfig', sandbox);
      await waitFor(() => cluster.connection.status.phase === 'connected', 10_000, 'connected again');
      const inspected = vscode.workspace.getConfiguration('spinkube').inspect<string>('kubeconfig');
      assert.equal(inspected?.globalValue, sandbox, 'written to the user (machine) settings');
      assert.equal(inspected?.workspaceValue, undefined, 'never to the workspace');
    } finally {
      await vscode.workspace
        .getConfiguration('spinkube')
        .update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
