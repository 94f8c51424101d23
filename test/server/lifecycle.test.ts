// The built language server over stdio: start-up, diagnostics as documents open and change,
// settings, robustness against odd requests, the workspace check, and a clean exit.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startLanguageServer, type TestLanguageClient } from '../support/lspClient';

const VALID = `spin_manifest_version = 2

[application]
name = "hello"

[[trigger.http]]
route = "/..."
component = "hello"

[component.hello]
source = "hello.wasm"
`;
/** Line 4 (0-based 3) has an unterminated string. */
const BROKEN = VALID.replace('name = "hello"', 'name = "hello');

describe('language server lifecycle', () => {
  let client: TestLanguageClient;
  let folder: string;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'spinkube-server-'));
    client = await startLanguageServer({ folders: [folder] });
  });
  after(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

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
    const uri = pathToFileURL(path.join(folder, 'spin.toml')).href;
    const first = client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    client.open(uri, BROKEN);
    const broken = await first;
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
    const uri = pathToFileURL(path.join(folder, 'app', 'spin.toml')).href;
    const opened = client.waitForDiagnostics(uri);
    client.open(uri, VALID);
    assert.deepEqual((await opened).diagnostics, []);
    const edited = client.waitForDiagnostics(uri, (p) => p.version === 2);
    // Delete the closing quote of `name = "hello"` (line 3, characters 13..14).
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 3, character: 13 }, end: { line: 3, character: 14 } }, text: '' },
      ],
    });
    assert.equal((await edited).diagnostics[0]?.range.start.line, 3);
    const cleared = client.waitForDiagnostics(uri);
    client.close(uri);
    assert.deepEqual((await cleared).diagnostics, [], 'closing a document clears its diagnostics');
  });

  it('leaves unrelated YAML files alone', async () => {
    const uri = pathToFileURL(path.join(folder, 'workflow.yaml')).href;
    const published = client.waitForDiagnostics(uri);
    client.open(
      uri,
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n',
    );
    assert.deepEqual((await published).diagnostics, []);
    client.close(uri);
  });

  it('answers requests about unknown documents and impossible positions without failing', async () => {
    const unknown = pathToFileURL(path.join(folder, 'nowhere', 'spin.toml')).href;
    const position = { line: 10_000, character: 10_000 };
    assert.equal(
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: unknown }, position }),
      null,
    );
    assert.deepEqual(
      await client.connection.sendRequest('textDocument/completion', {
        textDocument: { uri: unknown },
        position,
      }),
      [],
    );
    const uri = pathToFileURL(path.join(folder, 'spin.toml')).href;
    client.open(uri, VALID);
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
      await client.connection.sendRequest(method, { textDocument: { uri }, position });
    }
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    client.close(uri);
  });

  it('checks every manifest in the workspace on request, skipping node_modules and .git', async () => {
    mkdirSync(path.join(folder, 'svc'), { recursive: true });
    mkdirSync(path.join(folder, 'node_modules', 'dep'), { recursive: true });
    mkdirSync(path.join(folder, '.git'), { recursive: true });
    writeFileSync(path.join(folder, 'svc', 'spin.toml'), BROKEN);
    writeFileSync(path.join(folder, 'spin.toml'), VALID);
    writeFileSync(path.join(folder, 'node_modules', 'dep', 'spin.toml'), BROKEN);
    writeFileSync(path.join(folder, '.git', 'spin.toml'), BROKEN);
    const svcUri = pathToFileURL(path.join(folder, 'svc', 'spin.toml')).href;
    const published = client.waitForDiagnostics(svcUri, (p) => p.diagnostics.length > 0);
    const result = await client.connection.sendRequest<{ files: number; errors: number; warnings: number }>(
      'spinkube/checkWorkspace',
      {},
    );
    assert.equal(result.files, 2);
    assert.equal(result.errors, 1);
    assert.equal((await published).diagnostics[0]?.range.start.line, 3);
    const skipped = pathToFileURL(path.join(folder, 'node_modules', 'dep', 'spin.toml')).href;
    assert.equal(client.diagnosticsOf(skipped), undefined);
  });
});

describe('language server workspace folders', () => {
  it('checks the folders the editor adds and forgets the ones it removes', async () => {
    const first = mkdtempSync(path.join(tmpdir(), 'spinkube-folder-a-'));
    const second = mkdtempSync(path.join(tmpdir(), 'spinkube-folder-b-'));
    writeFileSync(path.join(first, 'spin.toml'), VALID);
    writeFileSync(path.join(second, 'spin.toml'), BROKEN);
    const client = await startLanguageServer({ folders: [first] });
    try {
      const check = () =>
        client.connection.sendRequest<{ files: number; errors: number }>('spinkube/checkWorkspace', {});
      assert.deepEqual(await check(), { files: 1, errors: 0, warnings: 0 });
      await client.changeFolders({ added: [second], removed: [first] });
      // The server asks for the folder list again; a check after that sees only the new folder.
      let result = await check();
      for (let i = 0; i < 20 && result.errors === 0; i++) result = await check();
      assert.deepEqual(result, { files: 1, errors: 1, warnings: 0 });
    } finally {
      await client.stop();
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
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
