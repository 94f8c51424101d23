// Untitled documents over LSP, as VS Code sends them (`untitled:Untitled-1` with the editor's
// language id): Scaffold's "Open in a new editor" result and a pasted manifest are checked.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLanguageServer, type TestLanguageClient } from '../support/lspClient';

const SPINAPP = `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: sample-app
spec:
  image: "ghcr.io/you/sample-app:v1"
  executor: containerd-shim-spin
  replicas: "two"
`;

describe('untitled documents', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await startLanguageServer();
  });
  after(() => client?.stop());

  it('an untitled YAML document with a SpinApp gets its problems', async () => {
    const published = await client.openAndWait('untitled:Untitled-1', SPINAPP, 'yaml');
    const replicas = published.diagnostics.find((d) => d.range.start.line === 7);
    assert.ok(replicas, JSON.stringify(published.diagnostics));
  });

  it('an untitled plain-text document holding a SpinApp is checked as YAML', async () => {
    const published = await client.openAndWait('untitled:Untitled-2', SPINAPP, 'plaintext');
    assert.ok(published.diagnostics.some((d) => d.range.start.line === 7));
  });

  it('an untitled TOML document declaring spin_manifest_version is checked as a spin.toml', async () => {
    const published = await client.openAndWait(
      'untitled:Untitled-3',
      'spin_manifest_version = 2\n[application]\nname = "x\n',
      'toml',
    );
    assert.ok(published.diagnostics.some((d) => d.range.start.line === 2));
  });
});
