import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePackageName } from '../../../src/language/spinToml/rules/dependencyRules';
import { BASE, expectNone, expectOne } from './helpers';

const deps = (lines: string, extra = '') => `${BASE}${extra}[component.web.dependencies]\n${lines}\n`;

test('package-form dependency names', () => {
  assert.deepEqual(parsePackageName('ns:pkg/iface@1.2.3'), {
    namespace: 'ns',
    name: 'pkg',
    iface: 'iface',
    version: '1.2.3',
  });
  assert.match(String(parsePackageName('ns:pkg@1.2')), /full semantic version/);
  assert.match(String(parsePackageName('Ns_x:pkg')), /invalid namespace/);
  expectOne(
    deps('"ns:pkg@1" = { path = "d.wasm" }'),
    'spin-toml/dependency-name',
    '"ns:pkg@1"',
    'Invalid dependency name',
  );
});

test('plain-name registry dependencies must say which package', () => {
  expectOne(
    deps('helper = { version = "1.0.0" }'),
    'spin-toml/dependency',
    'helper',
    'dependency "helper" must specify a package name',
  );
  expectNone(deps('helper = { version = "1.0.0", package = "a:b" }'), 'spin-toml/dependency');
});

test('an export needs an interface in the key', () => {
  expectOne(
    deps('"a:b" = { path = "d.wasm", export = "x" }'),
    'spin-toml/dependency',
    'export',
    'is not currently permitted',
  );
  expectNone(deps('"a:b/c" = { path = "d.wasm", export = "x" }'), 'spin-toml/dependency');
});

test('component dependencies must exist and have no resources of their own', () => {
  expectOne(
    deps('"a:b/c" = { component = "lib" }'),
    'spin-toml/dependency-component',
    '"lib"',
    'dependency ID lib does not exist',
  );
  const withLib = deps(
    '"a:b/c" = { component = "lib" }',
    '[component.lib]\nsource = "lib.wasm"\nkey_value_stores = ["default"]\n',
  );
  expectOne(withLib, 'spin-toml/dependency-resources', '"lib"', 'because it specifies: key_value_stores');
  expectNone(
    deps('"a:b/c" = { component = "lib" }', '[component.lib]\nsource = "lib.wasm"\n'),
    'spin-toml/dependency-resources',
  );
});

test('conflicting keys for one package', () => {
  expectOne(
    deps('"a:b/c" = { path = "1.wasm" }\n"a:b" = { path = "2.wasm" }'),
    'spin-toml/dependency-conflict',
    '"a:b"',
    '"a:b" dependency conflicts with "a:b/c"'.replace(/"/g, ''),
  );
  expectNone(
    deps('"a:b/c" = { path = "1.wasm" }\n"a:b/d" = { path = "2.wasm" }'),
    'spin-toml/dependency-conflict',
  );
});

test('the two inheritance styles are exclusive', () => {
  const text =
    BASE.replace('source = "web.wasm"', 'source = "web.wasm"\ndependencies_inherit_configuration = true') +
    '[component.web.dependencies]\n"a:b/c" = { path = "d.wasm", inherit_configuration = false }\n';
  expectOne(text, 'spin-toml/dependency-inherit', 'dependencies_inherit_configuration', 'mutually exclusive');
});
