import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from '../../../src/language/types';
import { BASE, check, expectNone, expectOne, rangeOf } from './helpers';

test('the valid base manifest has no diagnostics at all', () => {
  assert.deepEqual(check(BASE), []);
});

test('an unknown key is reported at the key with a suggestion', () => {
  const text = BASE.replace('name = "app"', 'name = "app"\nversoin = "1.0.0"');
  const d = expectOne(text, 'spin-toml/unknown-key', 'versoin', 'unknown field `versoin`');
  assert.match(String(d.message), /did you mean `version`\?/);
  assert.deepEqual(d.data, { key: 'versoin', suggestion: 'version' });
});

test('v1-only keys in a v2 component are unknown fields', () => {
  const text = BASE.replace('source = "web.wasm"', 'source = "web.wasm"\nconfig = { a = "b" }');
  expectOne(text, 'spin-toml/unknown-key', 'config', 'unknown field `config`');
});

test('unknown keys in HTTP triggers are errors, in other trigger types they are settings', () => {
  expectOne(
    BASE.replace('route = "/..."', 'route = "/..."\nrout = "/x"'),
    'spin-toml/unknown-key',
    rangeOf(BASE.replace('route = "/..."', 'route = "/..."\nrout = "/x"'), 'rout', 1),
    'did you mean `route`?',
  );
  const mqtt = `${BASE}\n[[trigger.mqtt]]\ncomponent = "web"\naddress = "mqtt://broker:1883"\ntopic = "t"\nqos = "1"\n`;
  expectNone(mqtt, 'spin-toml/unknown-key');
});

test('wrong types say what was expected', () => {
  const text = BASE.replace('name = "app"', 'name = 42');
  expectOne(text, 'spin-toml/type', '42', 'invalid type: integer `42`, expected a string');
  const routes = BASE.replace('route = "/..."', 'route = ["/a"]');
  expectOne(routes, 'spin-toml/type', '["/a"]', 'expected a route string or `{ private = true }`');
});

test('missing required keys are reported at their table', () => {
  const text = BASE.replace('source = "web.wasm"\n', 'description = "no source"\n');
  expectOne(text, 'spin-toml/missing-key', rangeOf(text, 'web', 1), 'missing field `source`');
});

test('a manifest without triggers lacks the required trigger table', () => {
  const text = 'spin_manifest_version = 2\n[application]\nname = "x"\n';
  expectOne(
    text,
    'spin-toml/missing-key',
    { start: { line: 0, character: 0 }, end: { line: 0, character: 25 } },
    'missing field `trigger`',
  );
});

test('unknown enum values are reported', () => {
  const text = BASE.replace('route = "/..."', 'route = "/..."\nexecutor = { type = "cgi" }');
  expectOne(text, 'spin-toml/invalid-value', '"cgi"', 'expected one of `http`, `spin`, `wagi`');
});

test('version: missing, invalid, and v1 information', () => {
  expectOne(
    '[application]\nname = "x"\n',
    'spin-toml/version-missing',
    { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } },
    'missing field `spin_manifest_version`',
  );
  expectOne(
    BASE.replace('= 2', '= "2"'),
    'spin-toml/version-invalid',
    '"2"',
    'invalid manifest version: "2"',
  );
  const v1 = 'spin_manifest_version = "1"\nname = "x"\ntrigger = { type = "http" }\n';
  const d = expectOne(
    v1,
    'spin-toml/v1-manifest',
    'spin_manifest_version',
    'Version 1 manifest can be upgraded to version 2',
  );
  assert.equal(d.severity, DiagnosticSeverity.Information);
});

test('a TOML syntax error is the only diagnostic', () => {
  const diags = check(`${BASE}\n[component.web]\nsource = "again.wasm"\n`);
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'spin-toml/syntax');
  assert.equal(diags[0]?.range.start.line, 12);
});

test('bad input never throws', () => {
  const inputs = [
    '',
    '\u0000',
    '[',
    '= =',
    'a = """',
    '[[trigger]]\n[trigger]',
    'trigger = 5\ncomponent = []',
    'spin_manifest_version = 2\ntrigger.http = 3\ncomponent.x = "y"\nvariables = []\napplication = 1',
  ];
  for (const text of inputs) assert.ok(Array.isArray(check(text)));
  const odd = check(
    'spin_manifest_version = 2\ntrigger.http = 3\ncomponent.x = "y"\nvariables = []\napplication = 1',
  );
  assert.ok(
    odd.every((d) => d.code !== 'spin-toml/rule-failed'),
    JSON.stringify(odd),
  );
});

test('deeply nested values are read without exhausting the stack', () => {
  for (const depth of [100, 3000, 30000]) {
    const text = `spin_manifest_version = 2\nx = ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const diags = check(text);
    assert.ok(diags.length > 0);
    assert.ok(
      diags.every((d) => d.code !== 'spin-toml/rule-failed'),
      JSON.stringify(diags),
    );
  }
  const nested = check(`spin_manifest_version = 2\nx = ${'['.repeat(30000)}${']'.repeat(30000)}\n`);
  assert.match(String(nested[0]?.message), /nested too deeply|unknown field/);
});
