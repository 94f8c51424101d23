import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import { DiagnosticSeverity, type Diagnostic, type LanguageContext } from '../../../src/language/types';
import { messageOf, spinApp, textAt, yamlDoc } from '../../support/k8sYamlFixtures';

function check(text: string, ctx: LanguageContext = {}): Diagnostic[] {
  return k8sYamlLanguage.validate(yamlDoc(text), ctx);
}

const APP = spinApp('  image: ghcr.io/a/b:v1\n  executor: containerd-shim-spin\n  replicas: 1\n');

const WORKFLOW = `name: CI
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          npm ci
          npm test
`;

test('a GitHub workflow gets no diagnostics, even with a syntax error', () => {
  assert.deepEqual(check(WORKFLOW), []);
  assert.deepEqual(check(`${WORKFLOW}  bad: [unclosed\n`), []);
});

test('other kinds in a mixed file are left alone', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  whatever: true
---
${APP}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec: {replicas: "many"}
`;
  assert.deepEqual(check(text), []);
});

test('every SpinKube document of a multi-document file is checked, with ranges in the right document', () => {
  const text = `${APP}---
${spinApp('  image: ghcr.io/a/b:v1\n  executor: containerd-shim-spin\n  replicas: -1\n', 'second')}`;
  const diags = check(text);
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'spinapp/replicas-not-positive');
  assert.equal(diags[0]?.range.start.line, 16);
  assert.equal(textAt(text, diags[0]!.range), '-1');
});

test('YAML syntax errors are reported in files with a SpinKube document', () => {
  const text = `${APP}---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinApp
metadata:
  name: broken
spec:
  image: [unclosed
`;
  const diags = check(text);
  assert.ok(diags.length >= 1);
  assert.ok(diags.every((d) => d.code === 'yaml/syntax' && d.severity === DiagnosticSeverity.Error));
  assert.ok(
    diags.every((d) => d.range.start.line >= 9),
    'errors point into the broken document',
  );
});

test('duplicate keys in a SpinApp are syntax errors', () => {
  const text = spinApp('  image: a\n  image: b\n  executor: e\n  replicas: 1\n');
  const diags = check(text);
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'yaml/syntax');
  assert.match(messageOf(diags[0]), /unique/);
});

test('the legacy API group is one warning on the apiVersion value', () => {
  const text = APP.replace('core.spinkube.dev', 'core.spinoperator.dev');
  const diags = check(text);
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'spinkube/legacy-api-group');
  assert.equal(diags[0]?.severity, DiagnosticSeverity.Warning);
  assert.equal(textAt(text, diags[0]!.range), 'core.spinoperator.dev/v1alpha1');
  // …and no warning when the connected cluster itself only serves the legacy group.
  assert.deepEqual(
    check(text, {
      cluster: {
        defaultNamespace: 'default',
        executorsByNamespace: { default: ['containerd-shim-spin'] },
        apiGroup: 'core.spinoperator.dev',
      },
    }),
    [],
  );
});

test('unknown versions and kinds of the SpinKube group are errors', () => {
  const v1 = APP.replace('v1alpha1', 'v1');
  assert.deepEqual(
    check(v1).map((d) => [d.code, messageOf(d)]),
    [
      [
        'spinkube/unknown-api-version',
        'no version "v1" of core.spinkube.dev is served; use core.spinkube.dev/v1alpha1',
      ],
    ],
  );
  const kind = APP.replace('kind: SpinApp', 'kind: Spinapp');
  const diags = check(kind);
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'spinkube/unknown-kind');
  assert.match(messageOf(diags[0]), /did you mean "SpinApp"/);
});

test('the same object twice in one file is a warning on the second name', () => {
  const text = `${APP}---\n${APP}`;
  const diags = check(text);
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.code, 'spinkube/duplicate-object');
  assert.equal(diags[0]?.range.start.line, 12);
});

test('SpinAppExecutor: runtimeClassName xor spinImage, createDeployment required', () => {
  const executor = (spec: string): string =>
    `apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinAppExecutor\nmetadata:\n  name: ex\nspec:\n${spec}`;
  assert.deepEqual(
    check(
      executor('  createDeployment: true\n  deploymentConfig:\n    runtimeClassName: wasmtime-spin-v2\n'),
    ),
    [],
  );
  const both = executor(
    '  createDeployment: true\n  deploymentConfig:\n    runtimeClassName: rc\n    spinImage: img\n',
  );
  assert.deepEqual(
    check(both).map((d) => [d.code, messageOf(d)]),
    [
      [
        'spinappexecutor/runtime-class-and-spin-image',
        'spec.deploymentConfig.runtimeClassName: Invalid value: "rc": runtimeClassName and spinImage are mutually exclusive',
      ],
    ],
  );
  const neither = executor(
    '  createDeployment: true\n  deploymentConfig:\n    installDefaultCACerts: true\n',
  );
  assert.deepEqual(
    check(neither).map((d) => [d.code, messageOf(d)]),
    [
      [
        'spinappexecutor/missing-runtime',
        'spec.deploymentConfig.runtimeClassName: Invalid value: "": either runtimeClassName or spinImage must be set',
      ],
    ],
  );
  const missing = executor(
    '  deploymentConfig:\n    runtimeClassName: rc\n    otel: {exporter_otlp_endpointt: x}\n',
  );
  assert.deepEqual(
    check(missing).map((d) => d.code),
    ['spinappexecutor/unknown-field', 'spinappexecutor/missing-required'],
  );
});

test('never throws on odd input', () => {
  const inputs = [
    '',
    'apiVersion: core.spinkube.dev/v1alpha1',
    'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nspec: 3\nmetadata: []\n',
    'apiVersion: core.spinkube.dev/v1alpha1\nkind: [SpinApp]\n',
    'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nspec:\n  variables: {a: 1}\n  volumes: [1, [2], {name: 3}]\n  resources: {limits: [1]}\n',
    '- apiVersion: core.spinkube.dev/v1alpha1\n',
    'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\n&a spec: *a\n',
    '\u0000\u0001apiVersion: core.spinkube.dev/v1alpha1',
  ];
  const ctx: LanguageContext = {
    cluster: { defaultNamespace: 'x', executorsByNamespace: {}, spinAppSchema: { properties: 7 } },
  };
  for (const text of inputs) {
    assert.doesNotThrow(() => check(text));
    assert.doesNotThrow(() => check(text, ctx));
    for (const d of check(text, ctx)) {
      assert.notEqual(d.code, 'spinkube/internal-error', `${text}: ${messageOf(d)}`);
    }
  }
});

test('an alias bomb is cut off with a message instead of expanding without end', () => {
  const lines = [
    'apiVersion: core.spinkube.dev/v1alpha1',
    'kind: SpinApp',
    'metadata:',
    '  name: bomb',
    'a0: &a0 [x, x, x, x, x, x, x, x, x]',
  ];
  for (let i = 1; i < 12; i++) {
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  }
  lines.push('spec:', '  executor: *a11', '  image: *a11');
  const diags = check(`${lines.join('\n')}\n`);
  assert.ok(diags.some((d) => d.code === 'yaml/syntax' && /more than 100000 nodes/.test(messageOf(d))));
});
