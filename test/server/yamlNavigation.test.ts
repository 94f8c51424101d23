// SpinApp YAML over the protocol: definition, references and rename of executor names (the
// executor in a YAML file next to the SpinApp, on disk), definition of a component in spin.toml,
// and the annotations check against an executor the client knows from the cluster.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-types';
import {
  lineRange as range,
  position as at,
  startLanguageServerIn,
  type ServerInFolder,
  withCode,
  type TestLanguageClient,
} from '../support/lspClient';
import { spinApp, spinAppExecutor } from '../support/k8sYamlFixtures';
import { httpAppManifest } from '../support/manifestTexts';

const SPIN_TOML = httpAppManifest('shop', ['api']);

const SPINAPPS = `${spinApp(
  '  image: "ghcr.io/example/shop:v1"\n  executor: edge-shim\n  replicas: 1\n  components:\n    - api\n',
  'shop',
)}---
${spinApp('  image: "ghcr.io/example/shop:v2"\n  executor: "edge-shim"\n  replicas: 1\n', 'shop-canary')}`;

const EXECUTORS = spinAppExecutor(
  'edge-shim',
  '  createDeployment: true\n  deploymentConfig:\n    runtimeClassName: wasmtime-spin-v2\n',
);

const ANNOTATED = spinApp(
  '  image: "ghcr.io/example/shop:v1"\n  executor: external\n  replicas: 1\n  podAnnotations:\n    team: web\n',
  'external-app',
);

describe('SpinApp YAML navigation over the protocol', () => {
  let server: ServerInFolder;
  let client: TestLanguageClient;
  const uri = (name: string): string => server.folder.uri(name);

  before(async () => {
    server = await startLanguageServerIn('spinkube-yamlnav', {
      'spin.toml': SPIN_TOML,
      'api.wasm': '',
      'spinapps.yaml': SPINAPPS,
      'executors.yaml': EXECUTORS,
    });
    client = server.client;
    await client.openAndWait(uri('spinapps.yaml'), SPINAPPS);
  });
  after(() => server?.dispose());

  const request = <R>(method: string, params: object): Promise<R> =>
    client.request<R>(method, { textDocument: { uri: uri('spinapps.yaml') }, ...params });

  it('goes from spec.executor to the SpinAppExecutor in the YAML file next to it', async () => {
    const found = await request<Location[]>('textDocument/definition', { position: at(6, 14) });
    assert.deepEqual(found, [{ uri: uri('executors.yaml'), range: range(3, 8, 17) }]);
  });

  it('lists the SpinApps using an executor, with or without its declaration', async () => {
    const uses = [
      { uri: uri('spinapps.yaml'), range: range(6, 12, 21) },
      { uri: uri('spinapps.yaml'), range: range(17, 13, 22) },
    ];
    const all = await request<Location[]>('textDocument/references', {
      position: at(17, 15),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(all, [...uses, { uri: uri('executors.yaml'), range: range(3, 8, 17) }]);
    const without = await request<Location[]>('textDocument/references', {
      position: at(17, 15),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(without, uses);
  });

  it('renames an executor in the SpinApps and in its definition, after prepareRename gives its range', async () => {
    const prepared = await request<{ range: unknown; placeholder: string } | null>(
      'textDocument/prepareRename',
      { position: at(17, 15) },
    );
    assert.deepEqual(prepared, { range: range(17, 13, 22), placeholder: 'edge-shim' });
    const edit = await request<WorkspaceEdit | null>('textDocument/rename', {
      position: at(17, 15),
      newName: 'fast-shim',
    });
    assert.deepEqual(edit, {
      changes: {
        [uri('spinapps.yaml')]: [
          { range: range(6, 12, 21), newText: 'fast-shim' },
          { range: range(17, 13, 22), newText: 'fast-shim' },
        ],
        [uri('executors.yaml')]: [{ range: range(3, 8, 17), newText: 'fast-shim' }],
      },
    });
  });

  it('goes from a spec.components item to the component in spin.toml', async () => {
    const found = await request<Location[]>('textDocument/definition', { position: at(9, 7) });
    assert.deepEqual(found, [{ uri: uri('spin.toml'), range: range(9, 11, 14) }]);
  });

  it('checks annotations against an executor known only from the cluster facts', async () => {
    const annotatedUri = uri('annotated.yaml');
    const first = await client.openAndWait(annotatedUri, ANNOTATED);
    assert.deepEqual(withCode(first.diagnostics, 'spinapp/annotations-without-deployment'), []);
    const rejected = client.waitForDiagnostics(
      annotatedUri,
      (p) => withCode(p.diagnostics, 'spinapp/annotations-without-deployment').length > 0,
    );
    await client.sendClusterFacts({
      defaultNamespace: 'default',
      executorsByNamespace: { default: ['edge-shim', 'external'] },
      executorSettings: { default: { external: { createDeployment: false }, 'edge-shim': {} } },
    });
    const [diagnostic] = withCode((await rejected).diagnostics, 'spinapp/annotations-without-deployment');
    assert.equal(
      diagnostic?.message,
      `spec.podAnnotations: Invalid value: {"team":"web"}: podAnnotations can't be set when the executor does not use operator deployments`,
    );
    assert.deepEqual(diagnostic?.range, range(8, 2, 16));
  });
});
