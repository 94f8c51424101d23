// Diagnostics that depend on more than the document: cluster facts pushed by the client, and a
// SpinApp checked against the spin.toml next to it (re-checked when that spin.toml changes).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterFacts } from '../../src/language/types';
import {
  startLanguageServer,
  startLanguageServerIn,
  withCode,
  type ServerInFolder,
  type TestLanguageClient,
} from '../support/lspClient';
import { httpAppManifest } from '../support/manifestTexts';

const SPIN_TOML = (components: string[]): string => httpAppManifest('shop', components);

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
  let server: ServerInFolder;
  let client: TestLanguageClient;
  let tomlUri: string;
  let yamlUri: string;

  before(async () => {
    server = await startLanguageServerIn('spinkube-crossfile', {
      'spin.toml': SPIN_TOML(['api']),
      'api.wasm': '',
      'web.wasm': '',
      'spinapp.yaml': SPINAPP,
    });
    client = server.client;
    tomlUri = server.folder.uri('spin.toml');
    yamlUri = server.folder.uri('spinapp.yaml');
  });
  after(() => server?.dispose());

  /** Pushes cluster facts and resolves with the SpinApp's executor-not-found diagnostics once they (dis)appear. */
  const executorNotFoundAfter = async (facts: ClusterFacts | null, expected: 'reported' | 'cleared') => {
    const published = client.waitForDiagnostics(
      yamlUri,
      (p) => withCode(p.diagnostics, 'spinapp/executor-not-found').length > 0 === (expected === 'reported'),
    );
    await client.sendClusterFacts(facts);
    return withCode((await published).diagnostics, 'spinapp/executor-not-found');
  };

  it('re-checks an open SpinApp when its spin.toml changes', async () => {
    const before = (await client.openAndWait(yamlUri, SPINAPP)).diagnostics;
    const unknown = withCode(before, 'spinapp/unknown-component');
    assert.equal(unknown.length, 1, JSON.stringify(before));
    assert.equal(unknown[0]?.range.start.line, 10, 'on the `- web` item');

    await client.openAndWait(tomlUri, SPIN_TOML(['api']));
    const recheck = client.waitForDiagnostics(
      yamlUri,
      (p) => withCode(p.diagnostics, 'spinapp/unknown-component').length === 0,
    );
    client.change(tomlUri, 2, SPIN_TOML(['api', 'web']));
    await recheck;
  });

  it('uses the cluster facts the client pushes, and forgets them on disconnect', async () => {
    const [diagnostic] = await executorNotFoundAfter(
      { defaultNamespace: 'default', executorsByNamespace: { default: ['wasmtime-executor'] } },
      'reported',
    );
    assert.equal(diagnostic?.range.start.line, 6, 'on the executor value');
    assert.match(String(diagnostic?.message), /containerd-shim-spin/);
    await executorNotFoundAfter(
      { defaultNamespace: 'default', executorsByNamespace: { default: ['containerd-shim-spin'] } },
      'cleared',
    );
    await executorNotFoundAfter({ defaultNamespace: 'default', executorsByNamespace: {} }, 'reported');
    await executorNotFoundAfter(null, 'cleared');
  });

  it('ignores the cluster when spinkube.validation.clusterAware is off', async () => {
    const quiet = await startLanguageServer({
      folders: [server.folder.path],
      settings: { validation: { clusterAware: false } },
    });
    try {
      await quiet.sendClusterFacts({ defaultNamespace: 'default', executorsByNamespace: {} });
      const published = await quiet.openAndWait(yamlUri, SPINAPP);
      assert.deepEqual(withCode(published.diagnostics, 'spinapp/executor-not-found'), []);
    } finally {
      await quiet.stop();
    }
  });
});
