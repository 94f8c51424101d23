// Document and range formatting of spin.toml over LSP against the built server, with the
// `spinkube.format.*` settings the client sends.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startLanguageServer, type TestLanguageClient } from '../support/lspClient';

const URI = 'file:///tmp/spinkube-formatting/spin.toml';

const MESSY = `spin_manifest_version=2
[application]
name =   "shop"   # the shop
[[trigger.http]]
route="/..."
component ="api"
[component.api]
source = "api.wasm"
allowed_outbound_hosts = [ "https://one.example.com", "https://two.example.com" ]
`;

const FORMATTED = `spin_manifest_version = 2

[application]
name = "shop" # the shop

[[trigger.http]]
route = "/..."
component = "api"

[component.api]
source = "api.wasm"
allowed_outbound_hosts = [
  "https://one.example.com",
  "https://two.example.com"
]
`;

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'spin-toml', 1, text), edits);
}

describe('spin.toml formatting over LSP', () => {
  let client: TestLanguageClient;
  before(async () => {
    client = await startLanguageServer({
      settings: { format: { columnWidth: 60, arrayTrailingComma: false } },
    });
    await client.openAndWait(URI, MESSY);
  });
  after(async () => {
    await client?.stop();
  });

  it('formats the whole document with the user settings', async () => {
    const edits = await client.request<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri: URI },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.equal(apply(MESSY, edits), FORMATTED);
  });

  it('formats only the statements in a range', async () => {
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri: URI },
      range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.equal(
      apply(MESSY, edits),
      MESSY.replace(
        '[[trigger.http]]\nroute="/..."\ncomponent ="api"',
        '[[trigger.http]]\nroute = "/..."\ncomponent = "api"',
      ),
    );
  });
});
