// The built server over Node IPC, the transport VS Code uses to start it: diagnostics, a request
// and a clean exit, as over stdio.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import {
  lineRange,
  position,
  startLanguageServerIn,
  withCode,
  type ServerInFolder,
} from '../support/lspClient';
import { spinApp, spinAppExecutor } from '../support/k8sYamlFixtures';

const SPINAPP = `${spinApp('  image: "ghcr.io/example/shop:v1"\n  executor: edge-shim\n', 'shop')}---
${spinAppExecutor('edge-shim')}`;

describe('language server over node-ipc', () => {
  let server: ServerInFolder;

  before(async () => {
    server = await startLanguageServerIn('spinkube-ipc', { 'spinapp.yaml': SPINAPP }, { transport: 'ipc' });
  });
  after(() => server?.dispose());

  it('publishes diagnostics and answers requests', async () => {
    const uri = server.folder.uri('spinapp.yaml');
    const published = await server.client.openAndWait(uri, SPINAPP);
    const [replicas] = withCode(published.diagnostics, 'spinapp/replicas-not-positive');
    assert.equal(replicas?.range.start.line, 4, JSON.stringify(published.diagnostics));
    const definition = await server.client.request<Location[]>('textDocument/definition', {
      textDocument: { uri },
      position: position(6, 14),
    });
    assert.deepEqual(definition, [{ uri, range: lineRange(11, 8, 17) }]);
  });

  it('exits with code 0 after shutdown and exit', async () => {
    assert.equal(await server.client.stop(), 0);
  });
});
