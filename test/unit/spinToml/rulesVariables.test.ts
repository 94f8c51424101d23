import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../../../src/language/spinToml/templates';
import { BASE, expectNone, expectOne } from './helpers';

const withVars = (vars: string, componentExtra: string) =>
  BASE.replace('source = "web.wasm"', `source = "web.wasm"\n${componentExtra}`) + `\n[variables]\n${vars}\n`;

test('a variable must be required or have a default, not both and not neither', () => {
  expectOne(
    withVars('token = { secret = true }', ''),
    'spin-toml/variable-required-or-default',
    'token',
    'must be `required` OR have a `default`',
  );
  expectOne(
    withVars('token = { required = true, default = "x" }', ''),
    'spin-toml/variable-required-or-default',
    'token',
    'it has both',
  );
  expectNone(withVars('token = { required = true }', ''), 'spin-toml/variable-required-or-default');
  expectNone(withVars('token = { default = "x" }', ''), 'spin-toml/variable-required-or-default');
});

test('templates naming an undeclared variable point at the name', () => {
  const text = withVars('token = { required = true }', 'variables = { auth = "Bearer {{ tokn }}" }');
  const d = expectOne(text, 'spin-toml/undeclared-variable', 'tokn', 'unknown variable "tokn"');
  assert.deepEqual(d.data, { name: 'tokn' });
  expectNone(
    withVars('token = { required = true }', 'variables = { auth = "Bearer {{ token }}" }'),
    'spin-toml/undeclared-variable',
  );
});

test('templates in allowed_outbound_hosts and Redis settings are checked too', () => {
  const hosts = withVars(
    'host = { default = "example.com" }',
    'allowed_outbound_hosts = ["https://{{ hots }}"]',
  );
  expectOne(hosts, 'spin-toml/undeclared-variable', 'hots', 'unknown variable "hots"');
  const redis = `${BASE}\n[[trigger.redis]]\naddress = "redis://{{ redis_host }}"\nchannel = "c"\ncomponent = "web"\n`;
  expectOne(redis, 'spin-toml/undeclared-variable', 'redis_host', 'unknown variable "redis_host"');
});

test('unmatched braces are a template syntax error', () => {
  const text = withVars('token = { required = true }', 'variables = { auth = "Bearer {{ token" }');
  expectOne(text, 'spin-toml/template-syntax', '{{', "unmatched '{{' in template");
});

test('template parsing keeps offsets of the names', () => {
  assert.deepEqual(parseTemplate('a{{ x }}b{{y}}'), {
    ok: true,
    references: [
      { name: 'x', start: 4, end: 5 },
      { name: 'y', start: 11, end: 12 },
    ],
  });
  assert.equal(parseTemplate('}} {{').ok, false);
});
