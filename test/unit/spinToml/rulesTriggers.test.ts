import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from '../../../src/language/types';
import { BASE, check, expectNone, expectOne, rangeOf } from './helpers';

test('a trigger naming a missing component is an error at the reference', () => {
  const text = BASE.replace('component = "web"', 'component = "api"');
  const d = expectOne(
    text,
    'spin-toml/missing-component',
    '"api"',
    'missing component "api" configured for trigger "api-http-trigger"',
  );
  assert.deepEqual(d.data, { id: 'api' });
  expectNone(BASE, 'spin-toml/missing-component');
});

test('HTTP triggers need exactly one of component and static_response', () => {
  const neither = BASE.replace('component = "web"\n', '');
  expectOne(neither, 'spin-toml/component-or-static-response', 'trigger.http', 'has neither');
  const both = BASE.replace('component = "web"', 'component = "web"\nstatic_response = { body = "hi" }');
  expectOne(both, 'spin-toml/component-or-static-response', 'static_response', 'has both');
  const onlyStatic = BASE.replace('component = "web"', 'static_response = { status_code = 404 }');
  expectNone(onlyStatic, 'spin-toml/component-or-static-response');
});

test('route syntax, private routes and the reserved prefix', () => {
  expectOne(
    BASE.replace('"/..."', '"/a/.../b"'),
    'spin-toml/invalid-route',
    '"/a/.../b"',
    "'...' is only allowed as the last segment",
  );
  expectOne(
    BASE.replace('"/..."', '{ private = false }'),
    'spin-toml/private-route',
    'false',
    "'{ private = true }'",
  );
  expectNone(BASE.replace('"/..."', '{ private = true }'), 'spin-toml/private-route');
  const reserved = expectOne(
    BASE.replace('"/..."', '"/.well-known/spin/info"'),
    'spin-toml/reserved-route',
    '"/.well-known/spin/info"',
    'Routes under /.well-known/spin/',
  );
  assert.equal(reserved.severity, DiagnosticSeverity.Warning);
  expectNone(BASE.replace('"/..."', '"/users/:id/edit"'), 'spin-toml/invalid-route');
});

test('duplicate routes: one warning at the route that will never be used, naming both', () => {
  const text = `${BASE}\n[[trigger.http]]\nroute = "/"\ncomponent = "other"\n\n[[trigger.http]]\nroute = "/..."\ncomponent = "other"\n\n[component.other]\nsource = "o.wasm"\n`;
  const d = expectOne(
    text,
    'spin-toml/duplicate-route',
    rangeOf(text, '"/..."', 0),
    'web: /... (duplicate of other)',
  );
  assert.equal(d.severity, DiagnosticSeverity.Warning);
});

test('Redis triggers need an address (own or application default)', () => {
  const redis = `${BASE}\n[[trigger.redis]]\nchannel = "orders"\ncomponent = "web"\n`;
  expectOne(redis, 'spin-toml/redis-address', rangeOf(redis, 'trigger.redis'), 'has no `address`');
  const withDefault = redis.replace(
    'name = "app"',
    'name = "app"\n[application.trigger.redis]\naddress = "redis://localhost:6379"',
  );
  expectNone(withDefault, 'spin-toml/redis-address');
  const noChannel = `${BASE}\n[[trigger.redis]]\naddress = "redis://r"\ncomponent = "web"\n`;
  expectOne(noChannel, 'spin-toml/missing-key', 'trigger.redis', 'missing field `channel`');
});

test('trigger types the shim cannot run get one warning per type', () => {
  const text = `${BASE}\n[[trigger.timer]]\ncomponent = "web"\n\n[[trigger.timer]]\ncomponent = "web"\n`;
  const d = expectOne(
    text,
    'spin-toml/unsupported-trigger',
    rangeOf(text, 'trigger.timer'),
    'Found unsupported trigger: "timer"',
  );
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  expectNone(text, 'spin-toml/unsupported-trigger', { shimTriggers: ['http', 'timer'] });
  expectOne(BASE, 'spin-toml/unsupported-trigger', 'trigger.http', '"http"', { shimTriggers: ['redis'] });
});

test('WAGI: custom entrypoint is an error, WAGI itself a warning', () => {
  const wagi = BASE.replace('route = "/..."', 'route = "/..."\nexecutor = { type = "wagi" }');
  expectOne(wagi, 'spin-toml/wagi', '"wagi"', 'uses the WAGI executor');
  const entry = BASE.replace(
    'route = "/..."',
    'route = "/..."\nexecutor = { type = "wagi", entrypoint = "main" }',
  );
  expectOne(entry, 'spin-toml/wagi', 'entrypoint', "cannot use deprecated 'entrypoint' field");
});

test("v1 HTTP components without a route get doctor's message", () => {
  const v1 =
    'spin_manifest_version = "1"\nname = "x"\ntrigger = { type = "http" }\n[[component]]\nid = "api"\nsource = "a.wasm"\n';
  expectOne(v1, 'spin-toml/missing-route', '"api"', 'HTTP component "api" missing trigger.route');
  assert.equal(check(`${v1}[component.trigger]\nroute = "/"\n`).filter((d) => d.severity === 1).length, 0);
});

test('a component of the wrong type is one type error, not also "neither"', () => {
  const text = BASE.replace('component = "web"', 'component = 5');
  const diags = check(text);
  assert.deepEqual(
    diags.map((d) => d.code),
    ['spin-toml/type'],
  );
});

test("component ids in a trigger's components table must exist", () => {
  const text = `${BASE}\n[[trigger.cron]]\ncomponent = "web"\ncomponents.helper = ["web", "nope"]\n`;
  expectOne(text, 'spin-toml/missing-component', '"nope"', 'missing component "nope"');
});
