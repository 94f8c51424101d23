import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpinToml } from '../../../src/language/spinToml/parse';
import { buildModel } from '../../../src/language/spinToml/model';

const V2 = `spin_manifest_version = 2

[application]
name = "shop"
version = "1.0.0"
authors = ["Ada"]

[variables]
api_key = { required = true, secret = true }
region = { default = "eu" }

[[trigger.http]]
route = "/cart/..."
component = "cart"

[[trigger.http]]
route = "/inline"
component = { source = "inline.wasm" }

[component.cart]
source = "target/cart.wasm"
files = ["static/**/*", { source = "assets", destination = "/assets" }]
allowed_outbound_hosts = ["https://api.example.com"]
key_value_stores = ["default"]
environment = { MODE = "prod" }
variables = { key = "{{ api_key }}" }
dependencies_inherit_configuration = true
[component.cart.build]
command = ["cargo build", "wasm-opt"]
workdir = "cart"
watch = ["src/**/*.rs"]
[component.cart.dependencies]
"aws:client" = "1.0.0"
helper = { component = "helper-lib" }
"ns:pkg/iface" = { path = "dep.wasm", inherit_configuration = ["ai_models"] }
`;

test('parse gives a positioned tree and a plain value once', () => {
  const parse = parseSpinToml(V2);
  assert.ok(parse.root);
  assert.deepEqual(parse.syntaxErrors, []);
  assert.equal((parse.value?.['application'] as { name: string }).name, 'shop');
});

test('a syntax error gives one diagnostic at its place and no value', () => {
  const parse = parseSpinToml('spin_manifest_version = 2\n[application]\nname = \n');
  assert.equal(parse.root, undefined);
  assert.equal(parse.value, undefined);
  assert.equal(parse.syntaxErrors.length, 1);
  assert.equal(parse.syntaxErrors[0]?.range.start.line, 2);
  assert.equal(parse.syntaxErrors[0]?.code, 'spin-toml/syntax');
});

test('v2 model: application, variables, triggers, components with ranges', () => {
  const m = buildModel(parseSpinToml(V2));
  assert.equal(m.version, 2);
  assert.equal(m.application.name?.value, 'shop');
  assert.deepEqual(
    m.application.authors.map((a) => a.value),
    ['Ada'],
  );
  assert.deepEqual(
    m.variables.map((v) => v.name),
    ['api_key', 'region'],
  );
  assert.equal(m.variablesByName.get('api_key')?.required?.value, true);
  assert.equal(m.variablesByName.get('region')?.default?.value, 'eu');
  assert.equal(m.triggersByType.get('http')?.length, 2);
  const [cartTrigger, inlineTrigger] = m.triggers;
  assert.deepEqual(cartTrigger?.component, { kind: 'ref', id: 'cart', range: cartTrigger?.component?.range });
  assert.equal(cartTrigger?.effectiveId, 'cart-http-trigger');
  assert.equal(cartTrigger?.range.start.line, 11);
  assert.equal(inlineTrigger?.component?.kind, 'inline');
  const cart = m.componentsById.get('cart');
  assert.ok(cart);
  assert.deepEqual(cart.idRange, { start: { line: 19, character: 11 }, end: { line: 19, character: 15 } });
  assert.deepEqual(cart.source, { kind: 'path', path: 'target/cart.wasm', range: cart.source?.range });
  assert.equal(cart.files.length, 2);
  assert.equal(cart.files[1]?.kind, 'mapping');
  assert.deepEqual(
    cart.allowedOutboundHosts.map((h) => h.value),
    ['https://api.example.com'],
  );
  assert.equal(cart.environment.get('MODE')?.value, 'prod');
  assert.equal(cart.variables.get('key')?.value, '{{ api_key }}');
  assert.deepEqual(
    cart.build?.command.map((c) => c.value),
    ['cargo build', 'wasm-opt'],
  );
  assert.equal(cart.build?.workdir?.value, 'cart');
  assert.equal(cart.dependenciesInheritConfiguration?.value, true);
  assert.deepEqual(
    cart.dependencies.map((d) => [d.name, d.spec.kind]),
    [
      ['aws:client', 'package'],
      ['helper', 'component'],
      ['ns:pkg/iface', 'path'],
    ],
  );
  assert.deepEqual(cart.dependencies[2]?.inheritConfiguration?.value, ['ai_models']);
  const inline = m.components.find((c) => c.inline);
  assert.equal(inline?.id, 'http-trigger1-component');
  assert.deepEqual(inline?.source, { kind: 'path', path: 'inline.wasm', range: inline?.source?.range });
});

test('v1 manifests map to the same model', () => {
  const m = buildModel(
    parseSpinToml(`spin_manifest_version = "1"
name = "old"
trigger = { type = "http", base = "/" }

[[component]]
id = "hello"
source = "hello.wasm"
config = { greeting = "hi" }
[component.trigger]
route = "/hello"
`),
  );
  assert.equal(m.version, 1);
  assert.equal(m.application.name?.value, 'old');
  assert.equal(m.components[0]?.id, 'hello');
  assert.equal(m.components[0]?.variables.get('greeting')?.value, 'hi');
  assert.equal(m.triggers[0]?.type, 'http');
  assert.equal(m.triggers[0]?.effectiveId, 'trigger-hello');
  assert.equal(m.triggers[0]?.node.entries.has('route'), true);
  assert.ok(m.application.triggerSettings.get('http'));
});

test('version detection', () => {
  assert.equal(buildModel(parseSpinToml('spin_version = "1"\n')).version, 1);
  assert.equal(buildModel(parseSpinToml('spin_manifest_version = "2"\n')).version, 'unknown');
  assert.equal(buildModel(parseSpinToml('spin_manifest_version = "2"\n')).versionKey?.raw, '"2"');
  assert.equal(buildModel(parseSpinToml('')).version, 'unknown');
});
