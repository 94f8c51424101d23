// Diagnostics that depend on more than the document: cluster facts pushed by the client, and a
// SpinApp checked against the spin.toml next to it (re-checked when that spin.toml changes).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startLanguageServer, withCode, type TestLanguageClient } from '../support/lspClient';

const SPIN_TOML = (components: string[]): string =>
  `spin_manifest_version = 2

[application]
name = "shop"

${components
  .map(
    (id) => `[[trigger.http]]
route = "/${id}/..."
component = "${id}"

[component.${id}]
source = "${id}.wasm"
`,
  )
  .join('\n')}`;

const SPINAPP = `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: shop
spec:
  image: "ghcr.io/example/shop:v1"
  executor: containerd-shim-spin
  replicas: 1
  components:
    - api
    - web
`;

describe('cross-file and cluster-aware diagnostics', () => {
  let client: TestLanguageClient;
  let folder: string;
  let tomlUri: string;
  let yamlUri: string;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'spinkube-crossfile-'));
    writeFileSync(path.join(folder, 'spin.toml'), SPIN_TOML(['api']));
    for (const id of ['api', 'web']) writeFileSync(path.join(folder, `${id}.wasm`), '');
    writeFileSync(path.join(folder, 'spinapp.yaml'), SPINAPP);
    tomlUri = pathToFileURL(path.join(folder, 'spin.toml')).href;
    yamlUri = pathToFileURL(path.join(folder, 'spinapp.yaml')).href;
    client = await startLanguageServer({ folders: [folder] });
  });
  after(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('re-checks an open SpinApp when its spin.toml changes', async () => {
    const opened = client.waitForDiagnostics(yamlUri);
    client.open(yamlUri, SPINAPP);
    const before = (await opened).diagnostics;
    const unknown = withCode(before, 'spinapp/unknown-component');
    assert.equal(unknown.length, 1, JSON.stringify(before));
    assert.equal(unknown[0]?.range.start.line, 10, 'on the `- web` item');

    const toml = client.waitForDiagnostics(tomlUri);
    client.open(tomlUri, SPIN_TOML(['api']));
    await toml;
    const recheck = client.waitForDiagnostics(
      yamlUri,
      (p) => withCode(p.diagnostics, 'spinapp/unknown-component').length === 0,
    );
    client.change(tomlUri, 2, SPIN_TOML(['api', 'web']));
    await recheck;
  });

  it('uses the cluster facts the client pushes, and forgets them on disconnect', async () => {
    const missing = client.waitForDiagnostics(
      yamlUri,
      (p) => withCode(p.diagnostics, 'spinapp/executor-not-found').length > 0,
    );
    await client.connection.sendNotification('spinkube/clusterFacts', {
      facts: { defaultNamespace: 'default', executorsByNamespace: { default: ['wasmtime-executor'] } },
    });
    const [diagnostic] = withCode((await missing).diagnostics, 'spinapp/executor-not-found');
    assert.equal(diagnostic?.range.start.line, 6, 'on the executor value');
    assert.match(String(diagnostic?.message), /containerd-shim-spin/);

    const present = client.waitForDiagnostics(
      yamlUri,
      (p) => withCode(p.diagnostics, 'spinapp/executor-not-found').length === 0,
    );
    await client.connection.sendNotification('spinkube/clusterFacts', {
      facts: { defaultNamespace: 'default', executorsByNamespace: { default: ['containerd-shim-spin'] } },
    });
    await present;

    const again = client.waitForDiagnostics(
      yamlUri,
      (p) => withCode(p.diagnostics, 'spinapp/executor-not-found').length > 0,
    );
    await client.connection.sendNotification('spinkube/clusterFacts', {
      facts: { defaultNamespace: 'default', executorsByNamespace: {} },
    });
    await again;
    const offline = client.waitForDiagnostics(
      yamlUri,
      (p) => withCode(p.diagnostics, 'spinapp/executor-not-found').length === 0,
    );
    await client.connection.sendNotification('spinkube/clusterFacts', { facts: null });
    await offline;
  });

  it('ignores the cluster when spinkube.validation.clusterAware is off', async () => {
    const quiet = await startLanguageServer({
      folders: [folder],
      settings: { validation: { clusterAware: false } },
    });
    try {
      await quiet.connection.sendNotification('spinkube/clusterFacts', {
        facts: { defaultNamespace: 'default', executorsByNamespace: {} },
      });
      const published = quiet.waitForDiagnostics(yamlUri);
      quiet.open(yamlUri, SPINAPP);
      assert.deepEqual(withCode((await published).diagnostics, 'spinapp/executor-not-found'), []);
    } finally {
      await quiet.stop();
    }
  });
});
