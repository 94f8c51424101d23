// Completion inside string values: outbound hosts, templates in component variables, paths for
// `source` and `files`, key-value store labels and trigger routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiskWorkspaceView } from '../../../src/language/diskWorkspace';
import { spinTomlLanguage } from '../../../src/language/spinToml';
import type { CompletionItem, LanguageContext } from '../../../src/language/types';
import { positionOf, URI } from './helpers';

const APP = `spin_manifest_version = 2

[application]
name = "shop"

[variables]
api_host = { default = "api.example.com" }
token = { required = true }

[[trigger.http]]
route = "/cart/..."
component = "cart"

[component.cart]
source = "cart.wasm"
allowed_outbound_hosts = ["redis://cache.internal:6379"]
key_value_stores = ["default", "sessions"]

[component.web]
source = "web.wasm"
`;

function completeAt(text: string, needle: string, ctx: LanguageContext = {}, uri = URI): CompletionItem[] {
  const at = positionOf(text, needle, 0, needle.length);
  return spinTomlLanguage.complete?.({ uri, text }, at, ctx) ?? [];
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

test('allowed_outbound_hosts: schemes, variables, hosts used elsewhere, port forms, *', () => {
  const text = APP.replace('source = "web.wasm"', 'source = "web.wasm"\nallowed_outbound_hosts = ["');
  const items = completeAt(text, 'allowed_outbound_hosts = ["', {}, URI);
  const names = labels(items);
  for (const label of [
    'https://',
    'http://',
    'redis://',
    '*://',
    '*://*:*',
    '{{ api_host }}',
    'https://{{ api_host }}',
  ]) {
    assert.ok(names.includes(label), `${label} in ${names.join(', ')}`);
  }
  assert.ok(names.includes('redis://cache.internal:6379'), 'a host used by another component');
  const edit = items.find((i) => i.label === 'https://')?.textEdit as { range: unknown; newText: string };
  const at = positionOf(text, 'allowed_outbound_hosts = ["', 0, 27);
  assert.deepEqual(edit, { range: { start: at, end: at }, newText: 'https://' });

  const typed = APP.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nallowed_outbound_hosts = [\n  "https://a.example.com",\n  "https://api.example.com',
  );
  const ports = labels(completeAt(typed, '"https://api.example.com'));
  assert.ok(ports.includes('https://api.example.com:443'), ports.join(', '));
  assert.ok(ports.includes('https://api.example.com:*'));
});

test('{{ }} templates in component variables offer the app variables', () => {
  const table = APP.replace('source = "web.wasm"', 'source = "web.wasm"\n[component.web.variables]\nkey = "');
  assert.deepEqual(labels(completeAt(table, 'key = "')).sort(), ['{{ api_host }}', '{{ token }}']);
  const inline = APP.replace('source = "web.wasm"', 'source = "web.wasm"\nvariables = { key = "');
  assert.deepEqual(labels(completeAt(inline, 'key = "')).sort(), ['{{ api_host }}', '{{ token }}']);
});

test('source and files offer paths in the app folder, .wasm first for source', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spinkube-complete-'));
  mkdirSync(path.join(dir, 'dist'));
  mkdirSync(path.join(dir, 'static'));
  writeFileSync(path.join(dir, 'README.md'), '');
  writeFileSync(path.join(dir, 'dist', 'web.wasm'), '');
  writeFileSync(path.join(dir, 'static', 'index.html'), '');
  const uri = pathToFileURL(path.join(dir, 'spin.toml')).href;
  const ctx: LanguageContext = { workspace: new DiskWorkspaceView([dir]) };

  const source = APP.replace('source = "web.wasm"', 'source = "');
  const items = completeAt(source, '[component.web]\nsource = "', ctx, uri);
  const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
  assert.equal(sorted[0]?.label, 'dist/web.wasm');
  assert.ok(labels(items).includes('README.md'));

  const files = APP.replace('source = "web.wasm"', 'source = "web.wasm"\nfiles = ["');
  const fileItems = labels(completeAt(files, 'files = ["', ctx, uri));
  assert.ok(fileItems.includes('static/**/*'), fileItems.join(', '));
  assert.ok(fileItems.includes('static/index.html'));
  const mapping = APP.replace('source = "web.wasm"', 'source = "web.wasm"\nfiles = [{ source = "');
  assert.ok(labels(completeAt(mapping, 'files = [{ source = "', ctx, uri)).includes('static'));
});

test('key_value_stores offers default and the labels used elsewhere', () => {
  const text = APP.replace('source = "web.wasm"', 'source = "web.wasm"\nkey_value_stores = ["');
  assert.deepEqual(labels(completeAt(text, 'key_value_stores = ["')), ['default', 'sessions']);
});

test('a trigger route offers /... forms', () => {
  const text = APP.replace('route = "/cart/..."', 'route = "/');
  assert.deepEqual(labels(completeAt(text, 'route = "/')), ['/...', '/cart/...', '/cart']);
});
