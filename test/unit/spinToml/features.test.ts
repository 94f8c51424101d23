import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spinTomlLanguage } from '../../../src/language/spinToml';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { CompletionItem, Diagnostic } from '../../../src/language/types';
import { applyEdits, applyWorkspaceEdit, BASE, check, positionOf, URI } from './helpers';

const doc = (text: string) => ({ uri: URI, text });

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

function fixesFor(text: string, diagnostic: Diagnostic) {
  return spinTomlLanguage.codeActions?.(doc(text), diagnostic.range, [diagnostic], {}) ?? [];
}

function applyFirstFix(text: string, code: string): string {
  const d = check(text).find((x) => x.code === code);
  assert.ok(d, `no ${code} diagnostic`);
  const [action] = fixesFor(text, d);
  assert.ok(action?.edit, `no fix for ${code}`);
  return applyWorkspaceEdit(text, action.edit);
}

test('completion: keys of the table at the cursor, required first, present keys left out', () => {
  const text = `${BASE}\n`;
  const items = spinTomlLanguage.complete?.(doc(text), { line: 11, character: 0 }, {}) ?? [];
  const names = labels(items);
  assert.ok(names.includes('allowed_outbound_hosts'));
  assert.ok(names.includes('build'));
  assert.ok(!names.includes('source'), 'source is already there');
  assert.ok(!names.includes('route'));
  const trigger =
    spinTomlLanguage.complete?.(
      doc(BASE.replace('component = "web"', 'component = "web"\nst')),
      { line: 8, character: 2 },
      {},
    ) ?? [];
  assert.ok(labels(trigger).includes('static_response'));
  assert.ok(labels(trigger).includes('executor'));
});

test('completion: component ids after component =, variables inside {{ }}', () => {
  const text = BASE.replace('component = "web"', 'component = "');
  const ids = spinTomlLanguage.complete?.(doc(text), positionOf(text, 'component = "', 0, 13), {}) ?? [];
  assert.deepEqual(labels(ids), ['web']);
  const vars = `${BASE}variables = { a = "{{ to" }\n\n[variables]\ntoken = { required = true }\nregion = { default = "eu" }\n`;
  const at = positionOf(vars, '{{ to', 0, 5);
  const items = spinTomlLanguage.complete?.(doc(vars), at, {}) ?? [];
  assert.deepEqual(labels(items).sort(), ['region', 'token']);
  assert.deepEqual(items.find((i) => i.label === 'token')?.textEdit, {
    range: { start: { line: at.line, character: at.character - 2 }, end: at },
    newText: 'token',
  });
});

test('completion: headers, trigger types and enum values', () => {
  const headers = spinTomlLanguage.complete?.(doc(`${BASE}[`), { line: 11, character: 1 }, {}) ?? [];
  assert.ok(labels(headers).includes('[[trigger.redis]]'));
  assert.ok(labels(headers).includes('[component.web.build]'));
  const types = spinTomlLanguage.complete?.(doc(`${BASE}[[trigger.`), { line: 11, character: 10 }, {}) ?? [];
  assert.ok(labels(types).includes('mqtt'));
  const exec = BASE.replace('route = "/..."', 'route = "/..."\nexecutor = { type = "');
  const values = spinTomlLanguage.complete?.(doc(exec), positionOf(exec, 'type = "', 0, 8), {}) ?? [];
  assert.deepEqual(labels(values), ['http', 'spin', 'wagi']);
});

test('hover explains keys and shows what an id refers to', () => {
  const onRoute = spinTomlLanguage.hover?.(doc(BASE), positionOf(BASE, 'route', 0, 1), {});
  assert.match((onRoute?.contents as MarkupContent).value, /Path the component handles/);
  const onRef = spinTomlLanguage.hover?.(doc(BASE), positionOf(BASE, '"web"', 0, 2), {});
  assert.match((onRef?.contents as MarkupContent).value, /Component `web`[\s\S]*web\.wasm/);
  assert.equal(spinTomlLanguage.hover?.(doc(BASE), { line: 1, character: 0 }, {}), null);
});

test('fix: rename an invalid id to kebab-case with its references', () => {
  const text = BASE.replace('"web"', '"my_web"').replace('[component.web]', '[component.my_web]');
  const fixed = applyFirstFix(text, 'spin-toml/invalid-component-id');
  assert.equal(fixed, BASE.replace('"web"', '"my-web"').replace('[component.web]', '[component.my-web]'));
  assert.deepEqual(check(fixed), []);
});

test('fix: declare a missing variable', () => {
  const text = BASE.replace('source = "web.wasm"', 'source = "web.wasm"\nvariables = { t = "{{ token }}" }');
  const fixed = applyFirstFix(text, 'spin-toml/undeclared-variable');
  assert.match(fixed, /\[variables\]\ntoken = \{ required = true \}/);
  assert.deepEqual(check(fixed), []);
  const existing = `${text}\n[variables]\nother = { default = "x" }\n`;
  assert.deepEqual(check(applyFirstFix(existing, 'spin-toml/undeclared-variable')), []);
});

test('fix: add a stub component for a trigger', () => {
  const text = BASE.replace('component = "web"', 'component = "api"');
  const fixed = applyFirstFix(text, 'spin-toml/missing-component');
  assert.match(fixed, /\[component\.api\]\nsource = "api\.wasm"/);
  assert.ok(check(fixed).every((d) => d.code !== 'spin-toml/missing-component'));
});

test('fix: insecure:allow-all and allowed_http_hosts', () => {
  const insecure = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nallowed_outbound_hosts = ["insecure:allow-all"]',
  );
  assert.match(
    applyFirstFix(insecure, 'spin-toml/insecure-allow-all'),
    /allowed_outbound_hosts = \["\*:\/\/\*:\*"\]/,
  );
  const http = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nallowed_http_hosts = ["example.com"]',
  );
  const fixed = applyFirstFix(http, 'spin-toml/deprecated-allowed-http-hosts');
  assert.match(fixed, /allowed_outbound_hosts = \["http:\/\/example\.com", "https:\/\/example\.com"\]/);
  assert.deepEqual(check(fixed), []);
  const both = http.replace(
    'allowed_http_hosts',
    'allowed_outbound_hosts = ["redis://r"]\nallowed_http_hosts',
  );
  const merged = applyFirstFix(both, 'spin-toml/deprecated-allowed-http-hosts');
  assert.doesNotMatch(merged, /allowed_http_hosts/);
  assert.match(merged, /"redis:\/\/r", "http:\/\/example\.com"/);
  assert.deepEqual(check(merged), []);
});

test('fix: misspelt key', () => {
  const fixed = applyFirstFix(BASE.replace('route =', 'rout ='), 'spin-toml/unknown-key');
  assert.equal(fixed, BASE);
});

test('document symbols: application, variables, triggers, components', () => {
  const text = `${BASE}\n[variables]\ntoken = { required = true }\n`;
  const symbols = spinTomlLanguage.symbols?.(doc(text)) ?? [];
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['app', 'variables', 'http /...', 'web'],
  );
  assert.deepEqual(
    symbols[1]?.children?.map((s) => s.name),
    ['token'],
  );
  for (const s of symbols) {
    assert.ok(
      s.range.start.line <= s.selectionRange.start.line && s.range.end.line >= s.selectionRange.end.line,
      s.name,
    );
  }
});

test('definition, references and rename of a component id', () => {
  const text = `${BASE}\n[[trigger.redis]]\naddress = "redis://r"\nchannel = "c"\ncomponent = "web"\n`;
  const onRef = positionOf(text, '"web"', 1, 2);
  const defs = spinTomlLanguage.definition?.(doc(text), onRef, {}) ?? [];
  assert.deepEqual(
    defs.map((l) => l.range.start),
    [positionOf(text, 'web]', 0)],
  );
  const refs = spinTomlLanguage.references?.(doc(text), onRef, {}) ?? [];
  assert.equal(refs.length, 3);
  const edit = spinTomlLanguage.rename?.(doc(text), onRef, 'site', {});
  const renamed = applyWorkspaceEdit(text, edit);
  assert.equal(renamed.match(/site/g)?.length, 3);
  assert.ok(!/"web"|\.web\]/.test(renamed));
  assert.equal(spinTomlLanguage.rename?.(doc(text), onRef, 'Not_Valid', {}), null);
});

test('rename of a component id also renames its sub-tables', () => {
  const text = `${BASE}\n[component.web.build]\ncommand = "make"\n\n[component.web.dependencies]\n"a:b/c" = { path = "d.wasm" }\n`;
  const onDecl = positionOf(text, 'web]', 0, 1);
  const refs = spinTomlLanguage.references?.(doc(text), onDecl, {}) ?? [];
  assert.equal(refs.length, 4);
  const renamed = applyWorkspaceEdit(text, spinTomlLanguage.rename?.(doc(text), onDecl, 'site', {}));
  assert.match(renamed, /\[component\.site\.build\]/);
  assert.match(renamed, /\[component\.site\.dependencies\]/);
  assert.ok(!/web\b(?!\.wasm)/.test(renamed), renamed);
  assert.deepEqual(check(renamed), []);
});

test('fix: kebab-case an id also fixes its sub-tables', () => {
  const text = `${BASE.replace('"web"', '"my_web"').replace('[component.web]', '[component.my_web]')}\n[component.my_web.build]\ncommand = "make"\n`;
  const fixed = applyFirstFix(text, 'spin-toml/invalid-component-id');
  assert.match(fixed, /\[component\.my-web\.build\]/);
  assert.deepEqual(check(fixed), []);
});

test('definition and rename of a variable from a template', () => {
  const text =
    BASE.replace('source = "web.wasm"', 'source = "web.wasm"\nvariables = { t = "{{ token }}" }') +
    '\n[variables]\ntoken = { required = true }\n';
  const at = positionOf(text, 'token }}', 0, 1);
  const defs = spinTomlLanguage.definition?.(doc(text), at, {}) ?? [];
  assert.deepEqual(defs[0]?.range, {
    start: positionOf(text, 'token = {'),
    end: positionOf(text, 'token = {', 0, 5),
  });
  const renamed = applyWorkspaceEdit(text, spinTomlLanguage.rename?.(doc(text), at, 'api_token', {}));
  assert.match(renamed, /\{\{ api_token \}\}/);
  assert.match(renamed, /\napi_token = \{ required = true \}/);
});

test('features never throw on broken input', () => {
  for (const text of ['', '[', 'a = [', '[[trigger.http]]\ncomponent = {', '\u0000\uffff']) {
    const d = doc(text);
    assert.ok(Array.isArray(spinTomlLanguage.complete?.(d, { line: 0, character: 1 }, {})));
    spinTomlLanguage.hover?.(d, { line: 0, character: 0 }, {});
    assert.ok(Array.isArray(spinTomlLanguage.symbols?.(d)));
    assert.ok(Array.isArray(spinTomlLanguage.references?.(d, { line: 5, character: 5 }, {})));
  }
  assert.equal(applyEdits('abc', []), 'abc');
});

test('completion: v1 trigger types and v1 component keys', () => {
  const text = 'spin_version = "1"\ntrigger = { type = "';
  const types = spinTomlLanguage.complete?.(doc(text), { line: 1, character: 20 }, {}) ?? [];
  assert.ok(labels(types).includes('http'));
  const v1 =
    'spin_manifest_version = "1"\nname = "x"\ntrigger = { type = "http" }\n\n[[component]]\nid = "api"\nsource = "a.wasm"\n\n';
  const keys = labels(spinTomlLanguage.complete?.(doc(v1), { line: 8, character: 0 }, {}) ?? []);
  assert.ok(keys.includes('config') && keys.includes('trigger') && !keys.includes('variables'));
});
