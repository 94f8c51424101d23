import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import type { ClusterFacts, Diagnostic, LanguageContext } from '../../../src/language/types';
import { DiagnosticSeverity } from '../../../src/language/types';
import { messageOf, spinApp, textAt, yamlDoc } from '../../support/k8sYamlFixtures';
import { MemoryWorkspace } from '../../support/memoryWorkspace';

const CLUSTER: ClusterFacts = {
  defaultNamespace: 'default',
  executorsByNamespace: { default: ['containerd-shim-spin'], staging: ['spintainer'] },
};

function check(text: string, ctx: LanguageContext, uri?: string): Diagnostic[] {
  return k8sYamlLanguage.validate(yamlDoc(text, uri), ctx);
}

const spec = (executor: string): string =>
  `  image: ghcr.io/a/b:v1\n  executor: ${executor}\n  replicas: 1\n`;

test('an executor that exists in the target namespace is fine', () => {
  assert.deepEqual(check(spinApp(spec('containerd-shim-spin')), { cluster: CLUSTER }), []);
  assert.deepEqual(
    check(spinApp(spec('spintainer'), 'a', '  namespace: staging\n'), { cluster: CLUSTER }),
    [],
  );
});

test('an executor missing from the target namespace is one error on the executor value', () => {
  const text = spinApp(spec('spintainer'));
  const diags = check(text, { cluster: CLUSTER });
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'spinapp/executor-not-found');
  assert.equal(diags[0]?.severity, DiagnosticSeverity.Error);
  assert.equal(textAt(text, diags[0]!.range), 'spintainer');
  assert.equal(
    messageOf(diags[0]),
    'spec.executor: Invalid value: "spintainer": executor does not exist in namespace "default" (executors there: containerd-shim-spin)',
  );
  const other = check(spinApp(spec('containerd-shim-spin'), 'a', '  namespace: staging\n'), {
    cluster: CLUSTER,
  });
  assert.equal(other[0]?.code, 'spinapp/executor-not-found');
  assert.match(messageOf(other[0]), /namespace "staging"/);
});

test('an executor defined in the same file counts, in its namespace', () => {
  const text = `${spinApp(spec('mine'))}---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinAppExecutor
metadata:
  name: mine
spec:
  createDeployment: true
  deploymentConfig:
    runtimeClassName: wasmtime-spin-v2
`;
  assert.deepEqual(check(text, { cluster: CLUSTER }), []);
  const elsewhere = text.replace(
    '  name: mine\nspec:\n  createDeployment',
    '  name: mine\n  namespace: other\nspec:\n  createDeployment',
  );
  assert.equal(check(elsewhere, { cluster: CLUSTER })[0]?.code, 'spinapp/executor-not-found');
});

test('offline, an executor that is not in the file is not reported', () => {
  assert.deepEqual(check(spinApp(spec('anything')), {}), []);
});

const MANIFEST = `spin_manifest_version = 2

[application]
name = "hello-app"

[variables]
greeting = { default = "hi" }
api_key = { required = true, secret = true }

[[trigger.http]]
route = "/..."
component = "hello"

[component.hello]
source = "hello.wasm"

[component.world]
source = "world.wasm"
`;

const workspace = new MemoryWorkspace({
  'file:///ws/app/spin.toml': MANIFEST,
  'file:///ws/other/spin.toml': 'not = [toml',
});

test('a SpinApp next to a spin.toml: components and variables are checked against it', () => {
  const text = spinApp(
    `${spec('containerd-shim-spin')}  components: [hello, wrld]\n  variables:\n  - name: API_KEY\n    value: k\n  - name: greting\n    value: x\n`,
    'deployed-name',
  );
  const diags = check(text, { workspace }, 'file:///ws/app/spinapp.yaml');
  assert.deepEqual(
    diags.map((d) => [d.code, textAt(text, d.range)]),
    [
      ['spinapp/unknown-component', 'wrld'],
      ['spinapp/unknown-variable', 'greting'],
    ],
  );
  assert.equal(messageOf(diags[0]), 'component "wrld" is not in app/spin.toml (components: hello, world)');
  assert.equal(diags[1]?.severity, DiagnosticSeverity.Warning);
});

test('a SpinApp named like the app, elsewhere in the workspace, is matched by name', () => {
  const text = spinApp(spec('containerd-shim-spin'), 'hello-app');
  const diags = check(text, { workspace }, 'file:///ws/deploy/k8s/app.yaml');
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'spinapp/missing-required-variable');
  assert.equal(
    messageOf(diags[0]),
    `the app's required variable "api_key" (app/spin.toml) has no value: add it to spec.variables, or the app fails to start`,
  );
  assert.equal(textAt(text, diags[0]!.range), 'spec');
});

test('no matching spin.toml, or a broken one, means no cross-file diagnostics', () => {
  const text = spinApp(`${spec('containerd-shim-spin')}  components: [nope]\n`, 'unrelated');
  assert.deepEqual(check(text, { workspace }, 'file:///ws/deploy/app.yaml'), []);
  assert.deepEqual(check(text, { workspace }, 'file:///ws/other/app.yaml'), []);
});

test('required variables may come from a runtime config secret', () => {
  const text = spinApp(
    `${spec('containerd-shim-spin')}  runtimeConfig:\n    loadFromSecret: rc\n`,
    'hello-app',
  );
  assert.deepEqual(check(text, { workspace }, 'file:///ws/deploy/app.yaml'), []);
});
