// Over the protocol: prepareRename in SpinApp YAML refuses, with its reason as the error message the
// editor shows, a name that rename could not rename, and rename explains an invalid new name;
// references and rename of a component id, from spin.toml or a SpinApp, reach the SpinApps of the
// app in the YAML files near the spin.toml (its folder and every folder below it).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-types';
import { spinApp } from '../support/k8sYamlFixtures';
import {
  lineRange as range,
  position as at,
  startLanguageServerIn,
  type ServerInFolder,
  type TestLanguageClient,
} from '../support/lspClient';
import { httpAppManifest } from '../support/manifestTexts';

const SPIN_TOML = httpAppManifest('shop', ['api']);
const APP_SPEC =
  '  image: "ghcr.io/example/shop:v1"\n  executor: containerd-shim-spin\n  replicas: 1\n  components:\n    - api\n';
const SPINAPP = spinApp(APP_SPEC, 'shop');
const CANARY = spinApp(APP_SPEC, 'shop');
const OTHER_APP = spinApp(APP_SPEC, 'not-this-app');

describe('rename refusals and spin.toml references over the protocol', () => {
  let server: ServerInFolder;
  let client: TestLanguageClient;
  const uri = (name: string): string => server.folder.uri(name);

  before(async () => {
    server = await startLanguageServerIn('spinkube-renamerefs', {
      'spin.toml': SPIN_TOML,
      'api.wasm': '',
      'spinapp.yaml': SPINAPP,
      'deploy/canary.yaml': CANARY,
      'deploy/other.yaml': OTHER_APP,
      'k8s/overlays/prod/shop.yaml': CANARY,
    });
    client = server.client;
    await client.openAndWait(uri('spinapp.yaml'), SPINAPP);
    await client.openAndWait(uri('spin.toml'), SPIN_TOML);
  });
  after(() => server?.dispose());

  it('refuses to prepare a rename of an executor the workspace does not define, saying why', async () => {
    await assert.rejects(
      client.request('textDocument/prepareRename', {
        textDocument: { uri: uri('spinapp.yaml') },
        position: at(6, 15),
      }),
      (error: Error) => {
        assert.match(error.message, /SpinAppExecutor "containerd-shim-spin" is not defined in this file/);
        return true;
      },
    );
  });

  it('still prepares a rename of a component the spin.toml declares', async () => {
    const prepared = await client.request('textDocument/prepareRename', {
      textDocument: { uri: uri('spinapp.yaml') },
      position: at(9, 7),
    });
    assert.deepEqual(prepared, { range: range(9, 6, 9), placeholder: 'api' });
  });

  it('answers a rename to an invalid name with the reason, as an error the editor shows', async () => {
    await assert.rejects(
      client.request('textDocument/rename', {
        textDocument: { uri: uri('spinapp.yaml') },
        position: at(9, 7),
        newName: 'My_Api',
      }),
      (error: Error) => {
        assert.match(error.message, /^"My_Api" is not a valid component id: /);
        return true;
      },
    );
  });

  it('lists the SpinApps of the app among the references of a spin.toml component', async () => {
    const found = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri('spin.toml') },
      position: at(9, 12),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(found, [
      { uri: uri('spin.toml'), range: range(9, 11, 14) },
      { uri: uri('spin.toml'), range: range(7, 13, 16) },
      // Nearest first: the spin.toml's folder, then deeper ones.
      { uri: uri('spinapp.yaml'), range: range(9, 6, 9) },
      { uri: uri('deploy/canary.yaml'), range: range(9, 6, 9) },
      { uri: uri('k8s/overlays/prod/shop.yaml'), range: range(9, 6, 9) },
    ]);
  });

  it("renames a component id started in spin.toml in the app's SpinApps too, not in another app's", async () => {
    const edit = await client.request<WorkspaceEdit | null>('textDocument/rename', {
      textDocument: { uri: uri('spin.toml') },
      position: at(9, 12),
      newName: 'backend',
    });
    assert.deepEqual(edit, {
      changes: {
        [uri('spin.toml')]: [
          { range: range(9, 11, 14), newText: 'backend' },
          { range: range(7, 13, 16), newText: 'backend' },
        ],
        [uri('spinapp.yaml')]: [{ range: range(9, 6, 9), newText: 'backend' }],
        [uri('deploy/canary.yaml')]: [{ range: range(9, 6, 9), newText: 'backend' }],
        [uri('k8s/overlays/prod/shop.yaml')]: [{ range: range(9, 6, 9), newText: 'backend' }],
      },
    });
  });

  it("renames a component started in a SpinApp in spin.toml and in all the app's SpinApps", async () => {
    const edit = await client.request<WorkspaceEdit | null>('textDocument/rename', {
      textDocument: { uri: uri('spinapp.yaml') },
      position: at(9, 7),
      newName: 'backend',
    });
    assert.deepEqual(Object.keys(edit?.changes ?? {}).sort(), [
      uri('deploy/canary.yaml'),
      uri('k8s/overlays/prod/shop.yaml'),
      uri('spin.toml'),
      uri('spinapp.yaml'),
    ]);
    assert.deepEqual(edit?.changes?.[uri('k8s/overlays/prod/shop.yaml')], [
      { range: range(9, 6, 9), newText: 'backend' },
    ]);
  });

  it("lists the app's other SpinApps among the references of a SpinApp's component", async () => {
    const found = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri('spinapp.yaml') },
      position: at(9, 7),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      found.filter((l) => !l.uri.endsWith('/spin.toml')).map((l) => l.uri),
      [uri('spinapp.yaml'), uri('deploy/canary.yaml'), uri('k8s/overlays/prod/shop.yaml')],
    );
  });
});
