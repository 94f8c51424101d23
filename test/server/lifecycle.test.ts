// The built language server over stdio: start-up, diagnostics as documents open and change,
// settings, robustness against odd requests, the workspace check, and a clean exit.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from '../../src/server/protocol';
import {
  position,
  startLanguageServer,
  startLanguageServerIn,
  type ServerInFolder,
  type TestLanguageClient,
} from '../support/lspClient';
import { tempFolder, type TempFolder } from '../support/tempFolder';
import { singleComponentManifest } from '../support/manifestTexts';

const VALID = singleComponentManifest('hello', 'hello');
/** Line 4 (0-based 3) has an unterminated string. */
const BROKEN = VALID.replace('name = "hello"', 'name = "hello');

describe('language server lifecycle', () => {
  let server: ServerInFolder;
  let client: TestLanguageClient;
  let folder: TempFolder;

  before(async () => {
    server = await startLanguageServerIn('spinkube-server');
    ({ client, folder } = server);
  });
  after(() => server?.dispose());

  it('advertises every feature it implements', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(client.initializeResult.serverInfo?.name, 'spinkube-language-server');
    assert.ok(caps.completionProvider);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.codeActionProvider);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  });

  it('reports a broken spin.toml with a code and the range of the fault, and clears it once fixed', async () => {
    const uri = folder.uri('spin.toml');
    const broken = await client.openAndWait(uri, BROKEN);
    assert.equal(broken.version, 1);
    const [diagnostic] = broken.diagnostics;
    assert.ok(diagnostic);
    assert.equal(typeof diagnostic.code, 'string');
    assert.equal(diagnostic.source, 'spinkube');
    assert.equal(diagnostic.severity, 1);
    assert.equal(diagnostic.range.start.line, 3);

    const fixed = client.waitForDiagnostics(uri, (p) => p.version === 2);
    client.change(uri, 2, VALID);
    assert.deepEqual((await fixed).diagnostics, []);

    const again = client.waitForDiagnostics(uri, (p) => p.version === 3);
    client.change(uri, 3, BROKEN);
    assert.equal((await again).diagnostics[0]?.range.start.line, 3);
    client.close(uri);
  });

  it('applies incremental edits to the text it checks', async () => {
    const uri = folder.uri('app/spin.toml');
    assert.deepEqual((await client.openAndWait(uri, VALID)).diagnostics, []);
    const edited = client.waitForDiagnostics(uri, (p) => p.version === 2);
    // Delete the closing quote of `name = "hello"` (line 3, characters 13..14).
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: position(3, 13), end: position(3, 14) }, text: '' }],
    });
    assert.equal((await edited).diagnostics[0]?.range.start.line, 3);
    const cleared = client.waitForDiagnostics(uri);
    client.close(uri);
    assert.deepEqual((await cleared).diagnostics, [], 'closing a document clears its diagnostics');
  });

  it('leaves unrelated YAML files alone', async () => {
    const uri = folder.uri('workflow.yaml');
    const published = await client.openAndWait(
      uri,
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
    );
    assert.deepEqual(published.diagnostics, []);
    client.close(uri);
  });

  it('answers requests about unknown documents and impossible positions without failing', async () => {
    const unknown = folder.uri('nowhere/spin.toml');
    const far = position(10_000, 10_000);
    assert.equal(
      await client.request('textDocument/hover', { textDocument: { uri: unknown }, position: far }),
      null,
    );
    assert.deepEqual(
      await client.request('textDocument/completion', { textDocument: { uri: unknown }, position: far }),
      [],
    );
    const uri = folder.uri('spin.toml');
    client.open(uri, VALID);
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
      await client.request(method, { textDocument: { uri }, position: far });
    }
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    client.close(uri);
  });

  it('checks every manifest in the workspace on request, skipping node_modules and .git', async () => {
    folder.write('svc/spin.toml', BROKEN);
    folder.write('spin.toml', VALID);
    folder.write('node_modules/dep/spin.toml', BROKEN);
    folder.write('.git/spin.toml', BROKEN);
    const svcUri = folder.uri('svc/spin.toml');
    const published = client.waitForDiagnostics(svcUri, (p) => p.diagnostics.length > 0);
    const result = await client.request<CheckWorkspaceResult>(CheckWorkspaceRequest);
    assert.equal(result.files, 2);
    assert.equal(result.errors, 1);
    assert.equal((await published).diagnostics[0]?.range.start.line, 3);
    assert.equal(client.diagnosticsOf(folder.uri('node_modules/dep/spin.toml')), undefined);
  });
});

describe('language server workspace folders', () => {
  it('checks the folders the editor adds and forgets the ones it removes', async () => {
    const first = tempFolder('spinkube-folder-a', { 'spin.toml': VALID });
    const second = tempFolder('spinkube-folder-b', { 'spin.toml': BROKEN });
    const client = await startLanguageServer({ folders: [first.path] });
    try {
      const check = () => client.request<CheckWorkspaceResult>(CheckWorkspaceRequest);
      assert.deepEqual(await check(), { files: 1, errors: 0, warnings: 0 });
      await client.changeFolders({ added: [second.path], removed: [first.path] });
      // The server asks for the folder list again; a check after that sees only the new folder.
      let result = await check();
      for (let i = 0; i < 20 && result.errors === 0; i++) result = await check();
      assert.deepEqual(result, { files: 1, errors: 1, warnings: 0 });
    } finally {
      await client.stop();
      first.remove();
      second.remove();
    }
  });
});

describe('language server settings', () => {
  it('publishes nothing while spinkube.validation.enable is false', async () => {
    const client = await startLanguageServer({ settings: { validation: { enable: false } } });
    try {
      const uri = 'file:///tmp/spinkube-disabled/spin.toml';
      const published = client.waitForDiagnostics(uri, (p) => p.version === 2);
      client.open(uri, BROKEN);
      client.change(uri, 2, BROKEN + '\n');
      assert.deepEqual((await published).diagnostics, []);
    } finally {
      await client.stop();
    }
  });
});

describe('language server shutdown', () => {
  it('exits with code 0 after shutdown and exit', async () => {
    const client = await startLanguageServer();
    assert.equal(await client.stop(), 0);
  });
});
