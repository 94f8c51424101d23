// The request features over LSP against the built server: completion, hover, code actions,
// document symbols, definition, references, prepareRename and rename, for spin.toml and SpinApp YAML.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  Hover,
  Location,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { lineRange, position, startLanguageServer, type TestLanguageClient } from '../support/lspClient';

const TOML_URI = 'file:///tmp/spinkube-features/spin.toml';
const YAML_URI = 'file:///tmp/spinkube-features/spinapp.yaml';

const SPIN_TOML = `spin_manifest_version = 2

[application]
name = "shop"

[[trigger.http]]
route = "/..."
component = "api"

[component.api]
source = "api.wasm"
allowed_outbound_hosts = ["insecure:allow-all"]

`;

const SPINAPP = `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: shop
spec:
  image: "ghcr.io/example/shop:v1"
  executor: containerd-shim-spin
  replicas: 1
  
`;

const labels = (result: CompletionItem[] | CompletionList | null): string[] =>
  (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);
const hoverText = (hover: Hover | null): string => {
  const contents = hover?.contents;
  if (!contents) return '';
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  return contents.value;
};

describe('language server features', () => {
  let client: TestLanguageClient;
  const request = <R>(method: string, params: object): Promise<R> => client.request<R>(method, params);

  before(async () => {
    client = await startLanguageServer();
    await Promise.all([client.openAndWait(TOML_URI, SPIN_TOML), client.openAndWait(YAML_URI, SPINAPP)]);
  });
  after(async () => {
    await client?.stop();
  });

  it('completes component keys inside a component table, and component ids after component =', async () => {
    const keys = labels(
      await request('textDocument/completion', {
        textDocument: { uri: TOML_URI },
        position: position(12, 0),
      }),
    );
    assert.ok(keys.includes('files'), keys.join(', '));
    assert.ok(keys.includes('key_value_stores'));
    assert.ok(!keys.includes('spin_manifest_version'));
  });

  it('completes SpinApp spec fields in YAML', async () => {
    const fields = labels(
      await request('textDocument/completion', {
        textDocument: { uri: YAML_URI },
        position: position(8, 2),
      }),
    );
    assert.ok(fields.includes('enableAutoscaling'), fields.join(', '));
    assert.ok(fields.includes('variables'));
  });

  it('explains keys on hover', async () => {
    const toml = await request<Hover | null>('textDocument/hover', {
      textDocument: { uri: TOML_URI },
      position: position(10, 2),
    });
    assert.match(hoverText(toml), /source/);
    const yaml = await request<Hover | null>('textDocument/hover', {
      textDocument: { uri: YAML_URI },
      position: position(6, 4),
    });
    assert.match(hoverText(yaml), /SpinAppExecutor/);
  });

  it('offers the quick fix for a diagnostic, as an edit of the document', async () => {
    const diagnostics = client.diagnosticsOf(TOML_URI)?.diagnostics ?? [];
    const insecure = diagnostics.find((d) => d.code === 'spin-toml/insecure-allow-all');
    assert.ok(insecure, JSON.stringify(diagnostics));
    const actions = await request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: TOML_URI },
      range: insecure.range,
      context: { diagnostics: [insecure] },
    });
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.ok(fix, JSON.stringify(actions));
    const edits = fix.edit?.changes?.[TOML_URI] ?? [];
    assert.ok(
      edits.some((e) => e.newText.includes('*://*:*')),
      JSON.stringify(edits),
    );
    const onlyRefactors = await request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: TOML_URI },
      range: insecure.range,
      context: { diagnostics: [insecure], only: ['refactor.extract'] },
    });
    assert.deepEqual(onlyRefactors, [], 'the `only` filter is honoured');
  });

  it('lists the application, triggers and components as document symbols', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: TOML_URI },
    });
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('shop'), names.join(', '));
    assert.ok(names.includes('api'));
    const yaml = await request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: YAML_URI },
    });
    assert.ok(yaml.some((s) => s.name.includes('shop')));
  });

  it('goes from a trigger to its component and finds the references of a component', async () => {
    const at = { textDocument: { uri: TOML_URI }, position: position(7, 14) };
    const definition = await request<Location[]>('textDocument/definition', at);
    assert.equal(definition[0]?.range.start.line, 9, 'the [component.api] header');
    const withDeclaration = await request<Location[]>('textDocument/references', {
      ...at,
      context: { includeDeclaration: true },
    });
    const without = await request<Location[]>('textDocument/references', {
      ...at,
      context: { includeDeclaration: false },
    });
    assert.deepEqual(withDeclaration.map((l) => l.range.start.line).sort(), [7, 9]);
    assert.deepEqual(
      without.map((l) => l.range.start.line),
      [7],
    );
  });

  it('renames a component id everywhere in the manifest, after prepareRename gives its range', async () => {
    const at = { textDocument: { uri: TOML_URI }, position: position(7, 14) };
    const prepared = await request<{ range: Range; placeholder: string } | null>(
      'textDocument/prepareRename',
      at,
    );
    assert.deepEqual(prepared, {
      range: lineRange(7, 13, 16),
      placeholder: 'api',
    });
    const edit = await request<WorkspaceEdit | null>('textDocument/rename', { ...at, newName: 'backend' });
    const edits = edit?.changes?.[TOML_URI] ?? [];
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]).sort(), [
      [7, 'backend'],
      [9, 'backend'],
    ]);
    const nothing = await request('textDocument/prepareRename', {
      textDocument: { uri: TOML_URI },
      position: position(0, 0),
    });
    assert.equal(nothing, null, 'a key cannot be renamed');
  });
});
