// The annotations rule against executors the language only knows from the cluster facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterFactsOf } from '../../../src/cluster/clusterFacts';
import type { SpinAppExecutor } from '../../../src/cluster/resources';
import { k8sYamlLanguage } from '../../../src/language/k8sYaml';
import type { ClusterFacts, Diagnostic } from '../../../src/language/types';
import { messageOf, spinApp, textAt, yamlDoc } from '../../support/k8sYamlFixtures';

const CODE = 'spinapp/annotations-without-deployment';

function executor(name: string, namespace: string, createDeployment?: boolean): SpinAppExecutor {
  return {
    apiVersion: 'core.spinkube.dev/v1alpha1',
    kind: 'SpinAppExecutor',
    metadata: { name, namespace },
    spec: createDeployment === undefined ? {} : { createDeployment },
  };
}

function factsWith(...executors: SpinAppExecutor[]): ClusterFacts {
  return clusterFactsOf({ defaultNamespace: 'default', apiGroup: 'core.spinkube.dev', executors });
}

const EXTERNAL_ONLY = factsWith(
  executor('external', 'default', false),
  executor('containerd-shim-spin', 'default', true),
);

const annotated = (executorName: string, extraMetadata = ''): string =>
  spinApp(
    `  image: ghcr.io/a/b:v1\n  executor: ${executorName}\n  replicas: 1\n` +
      `  deploymentAnnotations:\n    team: web\n  podAnnotations:\n    sidecar.istio.io/inject: "false"\n`,
    'my-app',
    extraMetadata,
  );

function annotationErrors(text: string, cluster: ClusterFacts): Diagnostic[] {
  return k8sYamlLanguage.validate(yamlDoc(text), { cluster }).filter((d) => d.code === CODE);
}

test('the cluster facts carry each executor’s createDeployment by namespace and name', () => {
  const facts = factsWith(
    executor('external', 'default', false),
    executor('shim', 'staging', true),
    executor('unset', 'staging'),
  );
  assert.deepEqual(facts.executorsByNamespace, { default: ['external'], staging: ['shim', 'unset'] });
  assert.deepEqual(facts.executorSettings, {
    default: { external: { createDeployment: false } },
    staging: { shim: { createDeployment: true }, unset: {} },
  });
});

test('annotations with a cluster executor that does not create deployments: the webhook’s errors on the keys', () => {
  const text = annotated('external');
  const diags = annotationErrors(text, EXTERNAL_ONLY);
  assert.deepEqual(
    diags.map((d) => [textAt(text, d.range), messageOf(d)]),
    [
      [
        'deploymentAnnotations',
        `spec.deploymentAnnotations: Invalid value: {"team":"web"}: deploymentAnnotations can't be set when the executor does not use operator deployments`,
      ],
      [
        'podAnnotations',
        `spec.podAnnotations: Invalid value: {"sidecar.istio.io/inject":"false"}: podAnnotations can't be set when the executor does not use operator deployments`,
      ],
    ],
  );
  const lineOf = (key: string): number => text.split('\n').findIndex((l) => l.startsWith(`  ${key}:`));
  assert.deepEqual(
    diags.map((d) => d.range.start.line),
    [lineOf('deploymentAnnotations'), lineOf('podAnnotations')],
  );
});

test('annotations are fine with a cluster executor that creates deployments, or with one of unknown settings', () => {
  assert.deepEqual(annotationErrors(annotated('containerd-shim-spin'), EXTERNAL_ONLY), []);
  assert.deepEqual(annotationErrors(annotated('unset'), factsWith(executor('unset', 'default'))), []);
  const namesOnly: ClusterFacts = {
    defaultNamespace: 'default',
    executorsByNamespace: { default: ['external'] },
  };
  assert.deepEqual(annotationErrors(annotated('external'), namesOnly), []);
});

test('the cluster executor is looked up in the SpinApp’s namespace', () => {
  const facts = factsWith(executor('external', 'staging', false), executor('external', 'default', true));
  assert.deepEqual(annotationErrors(annotated('external'), facts), []);
  assert.equal(annotationErrors(annotated('external', '  namespace: staging\n'), facts).length, 2);
});

test('an executor defined in the file wins over the cluster’s of the same name', () => {
  const inFile = (createDeployment: boolean): string =>
    `${annotated('external')}---
apiVersion: core.spinkube.dev/v1alpha1
kind: SpinAppExecutor
metadata:
  name: external
spec:
  createDeployment: ${createDeployment}
`;
  assert.deepEqual(annotationErrors(inFile(true), EXTERNAL_ONLY), []);
  const creating = factsWith(executor('external', 'default', true));
  assert.equal(annotationErrors(inFile(false), creating).length, 2);
});

test('malformed executor settings from a client never break the check', () => {
  const odd = { defaultNamespace: 'default', executorsByNamespace: {}, executorSettings: { default: null } };
  assert.deepEqual(annotationErrors(annotated('external'), odd as unknown as ClusterFacts), []);
});
