import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import { validateAgainstSchema } from '../../../src/language/k8sYaml/schemaValidator';
import { spinAppSchema } from '../../../src/language/k8sYaml/spinAppSchema';
import { executorSchema } from '../../../src/language/k8sYaml/executorSchema';
import { spinKubeObjects } from '../../../src/language/k8sYaml/spinKubeObjects';
import { parseYamlStream } from '../../../src/language/k8sYaml/yaml/parseYamlStream';
import type { LanguageContext } from '../../../src/language/types';
import {
  messageOf,
  referenceFile,
  referenceFiles,
  spinApp,
  textAt,
  yamlDoc,
} from '../../support/k8sYamlFixtures';

interface CrdFile {
  spec: { versions: { name: string; schema: { openAPIV3Schema: unknown } }[] };
}

function crdSchema(file: string): unknown {
  const crd = parse(referenceFile('crds', file)) as CrdFile;
  const version = crd.spec.versions.find((v) => v.name === 'v1alpha1');
  assert.ok(version, `${file} serves v1alpha1`);
  return version.schema.openAPIV3Schema;
}

function corpusObjects(group: string, kind: string) {
  return referenceFiles('corpus', 'k8s').flatMap((file) => {
    const text = referenceFile('corpus', 'k8s', file);
    return spinKubeObjects(parseYamlStream(text))
      .filter((o) => o.group === group && o.kind === kind)
      .map((o) => ({ file, object: o }));
  });
}

const SPINAPP_CRDS = ['core.spinkube.dev_spinapps.main.yaml', 'core.spinkube.dev_spinapps.v0.6.1.yaml'];

test('every current corpus SpinApp passes the real SpinApp CRDs (main and v0.6.1)', () => {
  const apps = corpusObjects('core.spinkube.dev', 'SpinApp');
  assert.ok(apps.length >= 25, `${apps.length} SpinApps`);
  for (const crd of SPINAPP_CRDS) {
    const schema = crdSchema(crd);
    for (const { file, object } of apps) {
      const issues = validateAgainstSchema(object.root, schema, '');
      assert.deepEqual(issues, [], `${crd}: ${file}`);
    }
  }
});

test('every corpus SpinAppExecutor passes the real executor CRD, legacy ones the legacy CRDs', () => {
  const current = crdSchema('core.spinkube.dev_spinappexecutors.main.yaml');
  for (const { file, object } of corpusObjects('core.spinkube.dev', 'SpinAppExecutor')) {
    assert.deepEqual(validateAgainstSchema(object.root, current, ''), [], file);
  }
  const legacyApps = crdSchema('core.spinoperator.dev_spinapps.legacy.yaml');
  const legacy = corpusObjects('core.spinoperator.dev', 'SpinApp');
  assert.ok(legacy.length >= 5);
  for (const { file, object } of legacy) {
    assert.deepEqual(validateAgainstSchema(object.root, legacyApps, ''), [], file);
  }
});

test('the bundled description agrees with the real CRDs on every corpus document', () => {
  for (const { file, object } of corpusObjects('core.spinkube.dev', 'SpinApp')) {
    assert.deepEqual(validateAgainstSchema(object.root, spinAppSchema, ''), [], file);
  }
  for (const { file, object } of corpusObjects('core.spinkube.dev', 'SpinAppExecutor')) {
    assert.deepEqual(validateAgainstSchema(object.root, executorSchema, ''), [], file);
  }
});

test('the bundled description names every spec field of the real CRDs', () => {
  const crd = crdSchema('core.spinkube.dev_spinapps.main.yaml') as {
    properties: { spec: { properties: Record<string, unknown>; required: string[] } };
  };
  const bundled = spinAppSchema.properties?.spec?.properties ?? {};
  assert.deepEqual(Object.keys(bundled).sort(), Object.keys(crd.properties.spec.properties).sort());
  assert.deepEqual(spinAppSchema.properties?.spec?.required, crd.properties.spec.required);
  const executorCrd = crdSchema('core.spinkube.dev_spinappexecutors.main.yaml') as {
    properties: { spec: { properties: { deploymentConfig: { properties: Record<string, unknown> } } } };
  };
  const bundledConfig = executorSchema.properties?.spec?.properties?.deploymentConfig?.properties ?? {};
  assert.deepEqual(
    Object.keys(bundledConfig).sort(),
    Object.keys(executorCrd.properties.spec.properties.deploymentConfig.properties).sort(),
  );
});

test('the real CRD finds unknown fields, wrong types, missing fields and bad quantities', () => {
  const schema = crdSchema('core.spinkube.dev_spinapps.main.yaml');
  const text = spinApp(
    '  image: 42\n  replicas: 1\n  replica: 2\n  checks:\n    readiness:\n      httpGet: {}\n  resources:\n    limits:\n      memory: 1 GB\n',
  );
  const [object] = spinKubeObjects(parseYamlStream(text));
  assert.ok(object);
  const issues = validateAgainstSchema(object.root, schema, '');
  assert.deepEqual(
    issues.map((i) => [i.kind, i.path, text.slice(i.start, i.end)]),
    [
      ['invalid-type', 'spec.image', '42'],
      ['unknown-field', 'spec.replica', 'replica'],
      ['missing-required', 'spec.checks.readiness.httpGet.path', 'httpGet'],
      ['invalid-quantity', 'spec.resources.limits.memory', '1 GB'],
      ['missing-required', 'spec.executor', 'spec'],
    ],
  );
});

test('with an older CRD installed, fields it does not know are pruned-field warnings', () => {
  const ctx: LanguageContext = {
    cluster: {
      defaultNamespace: 'default',
      executorsByNamespace: { default: ['containerd-shim-spin'] },
      spinAppSchema: crdSchema('core.spinoperator.dev_spinapps.legacy.yaml'),
    },
  };
  const text = spinApp(
    '  image: ghcr.io/a/b:v1\n  executor: containerd-shim-spin\n  replicas: 1\n  components: [hello]\n',
  );
  const diags = k8sYamlLanguage.validate(yamlDoc(text), ctx);
  assert.deepEqual(
    diags.map((d) => [d.code, textAt(text, d.range)]),
    [['spinapp/unknown-field', 'components']],
  );
  assert.equal(messageOf(diags[0]), 'unknown field "spec.components": the API server prunes unknown fields');
  // The bundled description (no cluster) knows the field.
  assert.deepEqual(k8sYamlLanguage.validate(yamlDoc(text), {}), []);
});

test('int32 ranges, enums, patterns and sizes of a hand-made schema', () => {
  const schema = {
    type: 'object',
    properties: {
      n: { type: 'integer', format: 'int32', minimum: 1 },
      e: { type: 'string', enum: ['A', 'B'] },
      p: { type: 'string', pattern: '^[a-z]+$', maxLength: 3 },
      l: { type: 'array', maxItems: 1, items: { type: 'boolean' } },
      free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
  const text = 'n: 3000000000\ne: C\np: abcd1\nl: [true, 1]\nfree: {x: 1}\nz: 0\n';
  const [doc] = parseYamlStream(text);
  assert.ok(doc?.contents);
  const issues = validateAgainstSchema(doc.contents, schema, '');
  assert.deepEqual(
    issues.map((i) => [i.kind, i.path]),
    [
      ['out-of-range', 'n'],
      ['invalid-enum', 'e'],
      ['invalid-pattern', 'p'],
      ['invalid-length', 'p'],
      ['invalid-length', 'l'],
      ['invalid-type', 'l[1]'],
      ['unknown-field', 'z'],
    ],
  );
});

test('a malformed schema is accepted without throwing', () => {
  const [doc] = parseYamlStream('a: 1\nb: [x]\n');
  assert.ok(doc?.contents);
  for (const schema of [
    null,
    3,
    'x',
    [],
    { properties: 5 },
    { type: 'object', properties: { a: 'no' } },
    { pattern: '(' },
  ]) {
    assert.doesNotThrow(() => validateAgainstSchema(doc.contents!, schema, ''));
  }
});
