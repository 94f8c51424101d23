// How the language service decides which checks a document gets: by file name, by the editor's
// language id, and for untitled documents by their content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentKindOf } from '../../src/language/documentKind';
import { LanguageService } from '../../src/language/service';

const SPINAPP = `apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: sample-app
spec:
  image: "ghcr.io/you/sample-app:v1"
  executor: containerd-shim-spin
  replicas: "two"
`;

const MANIFEST = `spin_manifest_version = 2

[application]
name = "sample-app"
`;

test('file names decide first: spin.toml, *.yaml and *.yml', () => {
  assert.equal(documentKindOf('file:///app/spin.toml'), 'spin-toml');
  assert.equal(documentKindOf('file:///app/deploy/app.yaml'), 'yaml');
  assert.equal(documentKindOf('file:///app/deploy/app.yml'), 'yaml');
  assert.equal(documentKindOf('file:///app/README.md', SPINAPP), 'other');
});

test("the editor's language id decides for untitled documents and files of other names", () => {
  assert.equal(documentKindOf('untitled:Untitled-1', SPINAPP, 'yaml'), 'yaml');
  assert.equal(documentKindOf('untitled:Untitled-2', '', 'spin-toml'), 'spin-toml');
  assert.equal(documentKindOf('file:///app/manifest', 'a = 1', 'spin-toml'), 'spin-toml');
  assert.equal(documentKindOf('untitled:Untitled-3', 'hello', 'plaintext'), 'other');
});

test('untitled documents are recognised by their content', () => {
  assert.equal(documentKindOf('untitled:Untitled-1', SPINAPP, 'plaintext'), 'yaml');
  assert.equal(documentKindOf('untitled:Untitled-1', MANIFEST, 'plaintext'), 'spin-toml');
  assert.equal(documentKindOf('untitled:Untitled-1', MANIFEST, 'toml'), 'spin-toml');
  assert.equal(documentKindOf('file:///app/spin.dev.toml', MANIFEST, 'toml'), 'spin-toml');
  // a Deployment, or a SpinApp kind without a SpinKube apiVersion, is not ours
  assert.equal(documentKindOf('untitled:Untitled-1', 'apiVersion: apps/v1\nkind: Deployment\n'), 'other');
  assert.equal(documentKindOf('untitled:Untitled-1', 'apiVersion: example.com/v1\nkind: SpinApp\n'), 'other');
  assert.equal(documentKindOf('untitled:Untitled-1', SPINAPP.replace('spinkube', 'spinoperator')), 'yaml');
});

test('an untitled SpinApp is checked: a string where replicas wants a number is an error', () => {
  const service = new LanguageService();
  for (const languageId of ['yaml', 'plaintext']) {
    const diagnostics = service.validate({
      uri: `untitled:Untitled-${languageId}`,
      text: SPINAPP,
      languageId,
    });
    assert.ok(
      diagnostics.some((d) => d.range.start.line === 7 && /integer|number/i.test(String(d.message))),
      `${languageId}: ${JSON.stringify(diagnostics.map((d) => d.message))}`,
    );
  }
});

test('an untitled spin.toml is checked', () => {
  const service = new LanguageService();
  const text = `${MANIFEST}\n[component.Bad_Id]\nsource = "a.wasm"\n`;
  const diagnostics = service.validate({ uri: 'untitled:Untitled-9', text, languageId: 'toml' });
  assert.ok(diagnostics.length > 0, 'diagnostics for a bad component id');
});
