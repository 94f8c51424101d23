// Quick fixes and tags added for editing: a trigger naming a near-miss component id, outbound
// hosts without a scheme or port, deprecated keys, and the short unknown-key message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, DiagnosticTag, type MarkupContent } from 'vscode-languageserver-types';
import { spinTomlLanguage } from '../../../src/language/spinToml';
import type { Diagnostic } from '../../../src/language/types';
import { applyWorkspaceEdit, BASE, check, expectOne, positionOf, URI } from './helpers';

const doc = (text: string) => ({ uri: URI, text });

function fixTitles(text: string, code: string): string[] {
  const d = check(text).find((x) => x.code === code) as Diagnostic;
  assert.ok(d, `no ${code}`);
  return (spinTomlLanguage.codeActions?.(doc(text), d.range, [d], {}) ?? []).map((a) => a.title);
}

function applyFix(text: string, code: string, title: string): string {
  const d = check(text).find((x) => x.code === code) as Diagnostic;
  const action = spinTomlLanguage.codeActions?.(doc(text), d.range, [d], {}).find((a) => a.title === title);
  assert.ok(action?.edit, `no fix "${title}"`);
  return applyWorkspaceEdit(text, action.edit);
}

const ECHO = `spin_manifest_version = 2

[application]
name = "app"

[[trigger.http]]
route = "/echo/..."
component = "ecko"

[component.echo]
source = "echo.wasm"
`;

test('a trigger naming a near-miss component is offered "Change to" first, then "Add component"', () => {
  assert.deepEqual(fixTitles(ECHO, 'spin-toml/missing-component'), [
    'Change to `echo`',
    'Add component `ecko`',
  ]);
  const changed = applyFix(ECHO, 'spin-toml/missing-component', 'Change to `echo`');
  assert.equal(changed, ECHO.replace('"ecko"', '"echo"'));
  assert.deepEqual(check(changed), []);
  const preferred = spinTomlLanguage
    .codeActions?.(doc(ECHO), check(ECHO)[0]!.range, check(ECHO), {})
    .map((a) => a.isPreferred);
  assert.deepEqual(preferred, [true, false]);
  // With no declared id close to it, only the stub remains, and it is the preferred fix.
  const far = ECHO.replace('"ecko"', '"zzzzzz"');
  assert.deepEqual(fixTitles(far, 'spin-toml/missing-component'), ['Add component `zzzzzz`']);
});

test("the missing-component message keeps Spin's words and says which trigger it is", () => {
  expectOne(
    ECHO,
    'spin-toml/missing-component',
    '"ecko"',
    'missing component "ecko" configured for trigger "ecko-http-trigger" (the [[trigger.http]] at line 6, route /echo/...) (did you mean "echo"?)',
  );
});

test('an outbound host without a scheme is offered https://, http:// and *:// forms', () => {
  const text = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nallowed_outbound_hosts = ["example.com"]',
  );
  assert.deepEqual(fixTitles(text, 'spin-toml/outbound-host'), [
    'Change to `https://example.com`',
    'Change to `http://example.com`',
    'Change to `*://example.com:*`',
  ]);
  const fixed = applyFix(text, 'spin-toml/outbound-host', 'Change to `https://example.com`');
  assert.match(fixed, /allowed_outbound_hosts = \["https:\/\/example\.com"\]/);
  assert.deepEqual(check(fixed), []);
  const withPort = text.replace('"example.com"', '"example.com:8080"');
  assert.deepEqual(fixTitles(withPort, 'spin-toml/outbound-host'), [
    'Change to `https://example.com:8080`',
    'Change to `http://example.com:8080`',
    'Change to `*://example.com:8080`',
  ]);
});

test('a port-less host for a scheme without a default port, and http//host typos, get a fix', () => {
  const entry = (e: string) =>
    BASE.replace('source = "web.wasm"', `source = "web.wasm"\nallowed_outbound_hosts = ["${e}"]`);
  assert.deepEqual(fixTitles(entry('tcp://db.internal'), 'spin-toml/outbound-host'), [
    'Change to `tcp://db.internal:*`',
  ]);
  assert.deepEqual(fixTitles(entry('http//example.com'), 'spin-toml/outbound-host'), [
    'Change to `http://example.com`',
  ]);
  assert.deepEqual(fixTitles(entry('https:/example.com'), 'spin-toml/outbound-host'), [
    'Change to `https://example.com`',
  ]);
  for (const e of ['tcp://db.internal', 'http//example.com', 'https:/example.com']) {
    const text = entry(e);
    const title = fixTitles(text, 'spin-toml/outbound-host')[0] as string;
    assert.deepEqual(check(applyFix(text, 'spin-toml/outbound-host', title)), []);
  }
});

test('deprecated keys carry the Deprecated tag in diagnostics and completion', () => {
  const http = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nallowed_http_hosts = ["example.com"]',
  );
  const d = check(http).find((x) => x.code === 'spin-toml/deprecated-allowed-http-hosts');
  assert.deepEqual(d?.tags, [DiagnosticTag.Deprecated]);
  const items = spinTomlLanguage.complete?.(doc(`${BASE}\n`), { line: 11, character: 0 }, {}) ?? [];
  assert.deepEqual(items.find((i) => i.label === 'allowed_http_hosts')?.tags, [CompletionItemTag.Deprecated]);
  assert.equal(items.find((i) => i.label === 'allowed_outbound_hosts')?.tags, undefined);
  const v1Key = BASE.replace('source = "web.wasm"', 'source = "web.wasm"\nconfig = { a = "b" }');
  const config = expectOne(
    v1Key,
    'spin-toml/unknown-key',
    'config',
    'a version 1 key: version 2 uses `variables`',
  );
  assert.deepEqual(config.tags, [DiagnosticTag.Deprecated]);
  const v1 = `spin_manifest_version = "1"\nname = "a"\ntrigger = { type = "http" }\n`;
  assert.deepEqual(check(v1).find((x) => x.code === 'spin-toml/v1-manifest')?.tags, [
    DiagnosticTag.Deprecated,
  ]);
});

test('the unknown-key message names the key and the nearest key only; the hover lists them all', () => {
  const text = BASE.replace('source = "web.wasm"', 'source = "web.wasm"\nenviroment = { A = "1" }');
  const d = expectOne(text, 'spin-toml/unknown-key', 'enviroment', 'unknown field `enviroment`');
  assert.equal(d.message, 'unknown field `enviroment` (did you mean `environment`?)');
  const hover = spinTomlLanguage.hover?.(doc(text), positionOf(text, 'enviroment', 0, 2), {});
  const value = (hover?.contents as MarkupContent).value;
  assert.match(value, /not a key of this table/);
  for (const key of ['source', 'environment', 'allowed_outbound_hosts', 'key_value_stores', 'build']) {
    assert.ok(value.includes(`\`${key}\``), `${key} in the hover`);
  }
  const nothing = BASE.replace('source = "web.wasm"', 'source = "web.wasm"\nqqqqqqqqq = 1');
  assert.equal(
    check(nothing).find((x) => x.code === 'spin-toml/unknown-key')?.message,
    'unknown field `qqqqqqqqq`',
  );
});
