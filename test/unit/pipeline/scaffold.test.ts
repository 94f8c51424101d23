import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { scaffoldSpinApp, ScaffoldError, type ScaffoldOptions } from '../../../src/pipeline/scaffold';

const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const corpus = resolve(repoRoot, '..', 'shared', 'reference', 'corpus', 'k8s');
const golden = (name: string) =>
  readFileSync(resolve(corpus, `spin-plugin-kube__scaffold_${name}.yaml`), 'utf8');

const image = 'ghcr.io/foo/example-app:v0.1.0';
const runtimeConfig = 'log_dir = "/asdf"\n';
const autoscaled = { image, cpuLimit: '100m', memoryLimit: '128Mi' };

// The golden outputs of spin-plugin-kube's scaffold tests and the flags that produce them.
const cases: Record<string, ScaffoldOptions> = {
  scaffold_image: { image },
  no_service_account_name: { image },
  service_account_name: { image, serviceAccountName: 'my-service-account' },
  azure_workload_identity: { image, azureIdentity: true },
  components: { image, components: ['hello', 'world'] },
  variables: { image, variables: { foo: 'yoo', bar: 'yee' } },
  scaffold_runtime_config: { image, runtimeConfig },
  one_image_secret: { image, imagePullSecrets: ['secret-name'], runtimeConfig },
  multiple_image_secrets: { image, imagePullSecrets: ['secret-name', 'secret-name-2'], runtimeConfig },
  hpa_autoscaler: { ...autoscaled, autoscaler: 'hpa' },
  hpa_service_account: { ...autoscaled, autoscaler: 'hpa', serviceAccountName: 'my-service-account' },
  keda_autoscaler: { ...autoscaled, autoscaler: 'keda' },
};

describe('scaffold: byte-identical to spin kube scaffold', () => {
  for (const [name, options] of Object.entries(cases)) {
    it(name, () => {
      assert.equal(scaffoldSpinApp(options).yaml, golden(name));
    });
  }
});

describe('scaffold: names, options and objects', () => {
  it('names the app after the last repository segment, dropping registry, tag and digest', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    assert.equal(
      scaffoldSpinApp({ image: 'localhost:5000/team/apps/hello-world@' + digest }).name,
      'hello-world',
    );
    assert.equal(scaffoldSpinApp({ image: 'hello' }).name, 'hello');
    assert.equal(scaffoldSpinApp({ image: 'ttl.sh/x/my-app:1h' }).name, 'my-app');
  });

  it('returns the objects as data, in document order', () => {
    const result = scaffoldSpinApp({
      ...autoscaled,
      autoscaler: 'keda',
      namespace: 'apps',
      executor: 'cyclotron',
    });
    assert.deepEqual(
      result.objects.map((o) => o.kind),
      ['SpinApp', 'ScaledObject'],
    );
    const spinApp = result.objects[0]?.object as {
      metadata: { namespace: string };
      spec: { executor: string };
    };
    assert.equal(spinApp.metadata.namespace, 'apps');
    assert.equal(spinApp.spec.executor, 'cyclotron');
  });

  it('emits requests only inside a limits block', () => {
    const onlyRequests = scaffoldSpinApp({ image, cpuRequest: '50m' }).yaml;
    assert.doesNotMatch(onlyRequests, /resources/);
    const both = scaffoldSpinApp({ image, cpuLimit: '100m', memoryRequest: '64Mi' }).yaml;
    assert.match(both, /resources:\n {4}limits:\n {6}cpu: 100m\n {4}requests:\n {6}memory: 64Mi\n/);
  });

  it('adds required spin.toml variables without a value, with a comment, after the given ones', () => {
    const yaml = scaffoldSpinApp({
      image,
      variables: { token: 'x' },
      requiredVariables: ['api_key', 'token'],
    }).yaml;
    assert.match(
      yaml,
      /variables:\n {2}- name: token\n {4}value: x\n {2}- name: api_key\n {4}value: "" # required/,
    );
    const [doc] = parseAllDocuments(yaml);
    const spec = (doc?.toJS() as { spec: { variables: unknown[] } }).spec;
    assert.deepEqual(spec.variables, [
      { name: 'token', value: 'x' },
      { name: 'api_key', value: '' },
    ]);
  });

  it('quotes variable values that YAML would otherwise read as another type', () => {
    const yaml = scaffoldSpinApp({ image, variables: { enabled: 'true', port: '8080' } }).yaml;
    const spec = (parseAllDocuments(yaml)[0]?.toJS() as { spec: { variables: unknown[] } }).spec;
    assert.deepEqual(spec.variables, [
      { name: 'enabled', value: 'true' },
      { name: 'port', value: '8080' },
    ]);
  });
});

describe('scaffold: flag errors worded as spin kube scaffold', () => {
  const rejects = (options: ScaffoldOptions, message: string) =>
    assert.throws(
      () => scaffoldSpinApp(options),
      (e: unknown) => e instanceof ScaffoldError && e.message === message,
    );

  it('rejects a bad reference and replica counts', () => {
    rejects({ image: 'Not A Ref' }, "invalid image reference provided: 'Not A Ref'");
    rejects({ image: '' }, "invalid image reference provided: ''");
    rejects({ image, replicas: 0 }, 'the minimum replica count (0) must be greater than 0');
    rejects(
      { ...autoscaled, autoscaler: 'hpa', replicas: 5, maxReplicas: 4 },
      'the minimum replica count (5) must be less than or equal to the maximum replica count (4)',
    );
  });

  it('rejects autoscaler mistakes', () => {
    rejects(
      { ...autoscaled, autoscaler: 'vpa' },
      "invalid autoscaler type 'vpa'; the autoscaler type must be either 'hpa' or 'keda'",
    );
    rejects(
      { image, autoscaler: 'hpa', memoryLimit: '1Gi' },
      'cpu limits must be set when autoscaling is enabled',
    );
    rejects(
      { image, autoscaler: 'hpa', cpuLimit: '1' },
      'memory limits must be set when autoscaling is enabled',
    );
    rejects(
      { ...autoscaled, autoscaler: 'keda', targetCpuUtilization: 0 },
      'target cpu utilization percentage (0) must be between 1 and 100',
    );
    rejects(
      { ...autoscaled, autoscaler: 'keda', targetMemoryUtilization: 101 },
      'target memory utilization percentage (101) must be between 1 and 100',
    );
  });
});
