import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idProblem } from '../../../src/language/spinToml/identifiers';
import { BASE, check, expectNone, expectOne, rangeOf } from './helpers';

test('Spin identifier messages, rule by rule', () => {
  assert.equal(idProblem('', 'kebab'), 'empty');
  assert.equal(idProblem('a_b', 'kebab'), "words must be separated with '-', not '_'");
  assert.equal(idProblem('a--b', 'kebab'), "'-'-separated words must not be empty");
  assert.equal(idProblem('a-1', 'kebab'), "'-'-separated words must start with an ASCII letter; got '1'");
  assert.equal(
    idProblem('a-b.c', 'kebab'),
    "'-'-separated words may only contain alphanumeric ASCII; got '.'",
  );
  assert.equal(
    idProblem('camelCase', 'kebab'),
    '\'-\'-separated words must be all lowercase or all UPPERCASE; got "camelCase"',
  );
  assert.equal(idProblem('API-v2', 'kebab'), undefined);
  assert.equal(
    idProblem('API_KEY', 'lower-snake'),
    'Lower-case identifiers must be all lowercase; got "API_KEY"',
  );
  assert.equal(idProblem('api_key2', 'lower-snake'), undefined);
});

test('an invalid component id is one error at the key, with a kebab-case suggestion', () => {
  const text = BASE.replace('component = "web"', 'component = "my_web"').replace(
    '[component.web]',
    '[component.my_web]',
  );
  const d = expectOne(
    text,
    'spin-toml/invalid-component-id',
    rangeOf(text, 'my_web', 1),
    "words must be separated with '-', not '_'",
  );
  assert.deepEqual(d.data, { id: 'my_web', suggestion: 'my-web' });
  // The reference is reported separately, at the reference (two places, two problems).
  expectOne(text, 'spin-toml/invalid-component-ref', '"my_web"', "words must be separated with '-', not '_'");
  // ...and the invalid reference is not also reported as a missing component.
  expectNone(text, 'spin-toml/missing-component');
});

test('valid ids give no identifier errors', () => {
  expectNone(BASE, 'spin-toml/invalid-component-id');
  expectNone(BASE, 'spin-toml/invalid-component-ref');
});

test('variable names must be lower_snake_case', () => {
  const text = `${BASE}\n[variables]\nApiKey = { default = "x" }\n`;
  expectOne(
    text,
    'spin-toml/invalid-variable-name',
    'ApiKey',
    "'_'-separated words must be all lowercase or all UPPERCASE",
  );
  expectNone(`${BASE}\n[variables]\napi_key = { default = "x" }\n`, 'spin-toml/invalid-variable-name');
});

test('component variable keys and store labels are checked', () => {
  const text = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nvariables = { "bad-key" = "x" }\nkey_value_stores = ["default", "b@d"]',
  );
  expectOne(
    text,
    'spin-toml/invalid-variable-name',
    '"bad-key"',
    "words must be separated with '_', not '-'",
  );
  expectOne(text, 'spin-toml/invalid-store-label', '"b@d"', 'expected kebab-case or snake_case');
  const ok = BASE.replace(
    'source = "web.wasm"',
    'source = "web.wasm"\nkey_value_stores = ["default", "my_store", "other-store"]',
  );
  expectNone(ok, 'spin-toml/invalid-store-label');
});

test('v1 ids that Spin repairs are accepted; unrepairable ones are errors', () => {
  const v1 = (id: string) =>
    `spin_manifest_version = "1"\nname = "x"\ntrigger = { type = "http" }\n[[component]]\nid = "${id}"\nsource = "a.wasm"\n[component.trigger]\nroute = "/"\n`;
  expectNone(v1('snake_case'), 'spin-toml/invalid-component-id');
  expectNone(v1('mixedCase'), 'spin-toml/invalid-component-id');
  expectOne(v1('1st'), 'spin-toml/invalid-component-id', '"1st"', 'invalid ID `1st`');
  assert.equal(check(v1('ok')).filter((d) => d.severity === 1).length, 0);
});
