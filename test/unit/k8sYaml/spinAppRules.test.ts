import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import { DiagnosticSeverity, type Diagnostic, type LanguageContext } from '../../../src/language/types';
import { messageOf, spinApp, textAt, yamlDoc } from '../../support/k8sYamlFixtures';

function check(text: string, ctx: LanguageContext = {}): Diagnostic[] {
  return k8sYamlLanguage.validate(yamlDoc(text), ctx);
}

function only(text: string, code: string, ctx: LanguageContext = {}): Diagnostic {
  const diags = check(text, ctx);
  assert.equal(diags.length, 1, JSON.stringify(diags.map((d) => `${String(d.code)}: ${d.message}`)));
  const [d] = diags;
  assert.ok(d);
  assert.equal(d.code, code);
  assert.equal(d.source, 'spinkube');
  return d;
}

const BASE = '  image: ghcr.io/a/b:v1\n  executor: containerd-shim-spin\n';

test('a minimal SpinApp is valid', () => {
  assert.deepEqual(check(spinApp(`${BASE}  replicas: 1\n`)), []);
});

test('replicas together with enableAutoscaling is one error on the replicas value', () => {
  const text = spinApp(`${BASE}  replicas: 3\n  enableAutoscaling: true\n`);
  const d = only(text, 'spinapp/replicas-with-autoscaling');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(
    d.message,
    'spec.replicas: Invalid value: 3: replicas cannot be set when autoscaling is enabled',
  );
  assert.equal(textAt(text, d.range), '3');
});

test('autoscaling without replicas, or with replicas 0, is valid', () => {
  assert.deepEqual(check(spinApp(`${BASE}  enableAutoscaling: true\n`)), []);
  assert.deepEqual(check(spinApp(`${BASE}  enableAutoscaling: true\n  replicas: 0\n`)), []);
});

test('replicas below 1 without autoscaling is rejected by the webhook', () => {
  const text = spinApp(`${BASE}  replicas: 0\n`);
  const d = only(text, 'spinapp/replicas-not-positive');
  assert.equal(d.message, 'spec.replicas: Invalid value: 0: replicas must be > 0');
  assert.equal(textAt(text, d.range), '0');
  const unset = only(spinApp(BASE), 'spinapp/replicas-not-positive');
  assert.match(messageOf(unset), /replicas must be > 0 \(spec.replicas is not set/);
});

test('a missing image is a required-field error on the spec key', () => {
  const text = spinApp('  executor: containerd-shim-spin\n  replicas: 1\n');
  const d = only(text, 'spinapp/missing-required');
  assert.equal(d.message, 'spec.image is required');
  assert.equal(textAt(text, d.range), 'spec');
});

test('a missing executor is a warning (the webhook picks one), an error when the cluster has none', () => {
  const text = spinApp('  image: ghcr.io/a/b:v1\n  replicas: 1\n');
  const offline = only(text, 'spinapp/missing-executor');
  assert.equal(offline.severity, DiagnosticSeverity.Warning);
  const connected = only(text, 'spinapp/missing-executor', {
    cluster: { defaultNamespace: 'default', executorsByNamespace: { default: ['zeta', 'alpha'] } },
  });
  assert.match(messageOf(connected), /"alpha"/);
  const empty = only(text, 'spinapp/missing-executor', {
    cluster: { defaultNamespace: 'default', executorsByNamespace: {} },
  });
  assert.equal(empty.severity, DiagnosticSeverity.Error);
  assert.equal(
    empty.message,
    'spec.executor: Invalid value: "": executor must be set, likely no default executor was set because you have no executors installed',
  );
});

test('unknown fields are warnings on the key, with a did-you-mean', () => {
  const text = spinApp(`${BASE}  replica: 1\n  replicas: 1\n  foo: bar\n`);
  const diags = check(text);
  assert.equal(diags.length, 2);
  const [typo, unknown] = diags;
  assert.equal(typo?.code, 'spinapp/unknown-field');
  assert.equal(typo?.severity, DiagnosticSeverity.Warning);
  assert.equal(
    typo?.message,
    'unknown field "spec.replica": the API server prunes unknown fields (did you mean "replicas"?)',
  );
  assert.equal(textAt(text, typo!.range), 'replica');
  assert.equal(unknown?.message, 'unknown field "spec.foo": the API server prunes unknown fields');
});

test('wrong scalar types are errors on the value', () => {
  const text = spinApp(`${BASE}  replicas: "2"\n  enableAutoscaling: maybe\n`);
  const diags = check(text);
  const codes = diags.map((d) => d.code);
  assert.deepEqual(codes, ['spinapp/invalid-type', 'spinapp/invalid-type']);
  assert.equal(
    messageOf(diags[0]),
    'spec.replicas must be an integer (int32), not the string "2" (remove the quotes)',
  );
  assert.equal(textAt(text, diags[0]!.range), '"2"');
  assert.match(messageOf(diags[1]), /spec.enableAutoscaling must be a boolean, not the string "maybe"/);
});

test('YAML 1.1 booleans are read as kubectl reads them', () => {
  // kubectl's YAML reader takes an unquoted `yes` as true: fine for a boolean field…
  assert.deepEqual(check(spinApp(`${BASE}  enableAutoscaling: yes\n`)), []);
  // …and a surprise in a string field.
  const text = spinApp(`${BASE}  replicas: 1\n  variables:\n  - name: debug\n    value: on\n`);
  const d = only(text, 'spinapp/invalid-type');
  assert.equal(
    messageOf(d),
    'spec.variables[0].value: kubectl reads the unquoted on as the boolean true, which is not a string (quote it: "on")',
  );
  assert.equal(textAt(text, d.range), 'on');
});

test('numbers in string fields must be quoted', () => {
  const text = spinApp(`${BASE}  replicas: 1\n  variables:\n  - name: port\n    value: 8080\n`);
  const d = only(text, 'spinapp/invalid-type');
  assert.equal(d.message, 'spec.variables[0].value must be a string, not the number 8080 (quote it: "8080")');
  assert.equal(textAt(text, d.range), '8080');
});

test('resource quantities are checked', () => {
  const text = spinApp(
    `${BASE}  replicas: 1\n  resources:\n    limits:\n      memory: 2 GB\n      cpu: 500m\n    requests:\n      cpu: 0.5\n`,
  );
  const diags = check(text);
  assert.deepEqual(
    diags.map((d) => [d.code, textAt(text, d.range)]),
    [
      ['spinapp/invalid-quantity', '2 GB'],
      ['spinapp/invalid-type', '0.5'],
    ],
  );
  assert.match(messageOf(diags[0]), /spec.resources.limits.memory: "2 GB" is not a valid quantity/);
});

test('enums of embedded core/v1 fields are checked', () => {
  const text = spinApp(
    `${BASE}  replicas: 1\n  volumes:\n  - name: data\n    emptyDir: {}\n  volumeMounts:\n  - name: data\n    mountPath: /data\n    mountPropagation: Sometimes\n`,
  );
  const d = only(text, 'spinapp/invalid-enum');
  assert.match(
    messageOf(d),
    /spec.volumeMounts\[0\].mountPropagation: the string "Sometimes" is not allowed; use one of "None", "HostToContainer", "Bidirectional"/,
  );
});

test('open subtrees never warn about unknown fields', () => {
  const text = spinApp(
    `${BASE}  replicas: 1\n  volumes:\n  - name: p\n    projected:\n      sources:\n      - serviceAccountToken: {path: token, anything: 1}\n`,
  );
  assert.deepEqual(check(text), []);
});

test('invocationLimits.memory must be a quantity within the memory limit', () => {
  const bad = spinApp(`${BASE}  replicas: 1\n  invocationLimits:\n    memory: lots\n`);
  assert.equal(
    only(bad, 'spinapp/invalid-memory-limit').message,
    'spec.invocationLimits[memory]: Invalid value: "lots": memory limit must be a valid memory quantity (e.g. 128Mi, 1Gi)',
  );
  const tooBig = spinApp(
    `${BASE}  replicas: 1\n  invocationLimits:\n    memory: 50Mi\n  resources:\n    limits:\n      memory: 40Mi\n`,
  );
  const d = only(tooBig, 'spinapp/invocation-limit-exceeds-memory');
  assert.equal(
    d.message,
    'spec.invocationLimits[memory]: Invalid value: "50Mi": invocation limit quantity cannot be greater than the memory limit (40Mi)',
  );
  assert.equal(textAt(tooBig, d.range), '50Mi');
  const request = spinApp(
    `${BASE}  replicas: 1\n  invocationLimits:\n    memory: 1Gi\n  resources:\n    requests:\n      memory: 40Mi\n`,
  );
  assert.match(
    messageOf(only(request, 'spinapp/invocation-limit-exceeds-memory')),
    /memory request \(40Mi\)$/,
  );
  assert.deepEqual(
    check(
      spinApp(
        `${BASE}  replicas: 1\n  invocationLimits:\n    memory: 32Mi\n  resources:\n    limits:\n      memory: 0.5Gi\n`,
      ),
    ),
    [],
  );
});

test('annotations are rejected when the executor in the file does not create deployments', () => {
  const text = `${spinApp(`${BASE.replace('containerd-shim-spin', 'external')}  replicas: 1\n  podAnnotations:\n    a: b\n`)}---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinAppExecutor
metadata:
  name: external
spec:
  createDeployment: false
`;
  const d = only(text, 'spinapp/annotations-without-deployment');
  assert.equal(
    d.message,
    `spec.podAnnotations: Invalid value: {"a":"b"}: podAnnotations can't be set when the executor does not use operator deployments`,
  );
  assert.equal(textAt(text, d.range), 'podAnnotations');
});

test('the SpinApp name must be usable as a Service name', () => {
  const text = spinApp(`${BASE}  replicas: 1\n`, 'my.app');
  const d = only(text, 'spinapp/invalid-name');
  assert.equal(textAt(text, d.range), 'my.app');
  assert.deepEqual(check(spinApp(`${BASE}  replicas: 1\n`, 'app-2')), []);
});

test('runtime config: duplicate store names and loadFromSecret with generated config', () => {
  const text = spinApp(
    `${BASE}  replicas: 1\n  runtimeConfig:\n    loadFromSecret: rc\n    keyValueStores:\n    - name: default\n      type: redis\n    - name: default\n      type: spin\n`,
  );
  const diags = check(text);
  assert.deepEqual(
    diags.map((d) => [d.code, d.message]),
    [
      ['spinapp/duplicate-runtime-store', 'duplicate definition for key value store with name: default'],
      [
        'spinapp/runtime-config-conflict',
        'cannot specify both a user-provided runtime secret and a generated one: remove runtimeConfig.loadFromSecret or runtimeConfig.keyValueStores',
      ],
    ],
  );
});

test('volume mounts must name a volume; variables must not set value and valueFrom', () => {
  const text = spinApp(
    `${BASE}  replicas: 1\n  volumeMounts:\n  - name: missing\n    mountPath: /m\n  variables:\n  - name: a\n    value: x\n    valueFrom:\n      secretKeyRef: {name: s, key: k}\n  - name: a\n    value: z\n`,
  );
  assert.deepEqual(
    check(text).map((d) => d.code),
    ['spinapp/unknown-volume', 'spinapp/variable-value-conflict', 'spinapp/duplicate-variable'],
  );
});

test('components must not be empty', () => {
  const d = only(spinApp(`${BASE}  replicas: 1\n  components: []\n`), 'spinapp/invalid-length');
  assert.equal(d.message, 'spec.components must have at least 1 item');
});

test('a missing spec or name is reported once', () => {
  const text = 'apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata: {}\n';
  assert.deepEqual(
    check(text).map((d) => d.code),
    ['spinkube/missing-name', 'spinkube/missing-spec'],
  );
});
