// The live YAML of a cluster object as a user reads it: keys in kubectl's order, managedFields left
// out unless asked for; the editable copy Edit opens; what a deleted object's document says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { KubeObject } from '../../../src/cluster/kinds';
import { deletedObjectText, editableYamlText, liveYamlText } from '../../../src/cluster/liveYaml';

/** An object as the API server returns it: metadata first, as JSON from the server often has it. */
const FROM_SERVER = {
  metadata: {
    uid: 'u-1',
    resourceVersion: '42',
    name: 'sample-app',
    namespace: 'default',
    generation: 2,
    creationTimestamp: '2026-12-08T01:00:00Z',
    managedFields: [{ manager: 'spinkube-vscode', operation: 'Apply' }],
    labels: { team: 'a' },
  },
  status: { readyReplicas: 1 },
  spec: { replicas: 1, image: 'ghcr.io/you/sample-app:v1', executor: 'containerd-shim-spin' },
  kind: 'SpinApp',
  apiVersion: 'core.spinkube.dev/v1alpha1',
} as KubeObject;

const topKeys = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => /^\w/.test(l))
    .map((l) => l.split(':')[0]!);

test('live YAML lists apiVersion, kind, metadata, spec, status in that order, as kubectl does', () => {
  const text = liveYamlText(FROM_SERVER);
  assert.deepEqual(topKeys(text), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  assert.ok(text.indexOf('  name: sample-app') < text.indexOf('  namespace: default'));
  assert.ok(text.indexOf('  executor:') < text.indexOf('  image:'), 'nested keys sorted too');
});

test('managedFields are hidden by default and shown when asked for', () => {
  assert.doesNotMatch(liveYamlText(FROM_SERVER), /managedFields/);
  assert.match(
    liveYamlText(FROM_SERVER, { showManagedFields: true }),
    /managedFields:\n\s+- manager: spinkube-vscode/,
  );
  assert.ok(FROM_SERVER.metadata?.managedFields, 'the object itself is left as it was');
});

test('the editable copy is a manifest: no status and no fields the server sets', () => {
  const manifest = parse(editableYamlText(FROM_SERVER)) as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(manifest), ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.deepEqual(manifest['metadata'], { labels: { team: 'a' }, name: 'sample-app', namespace: 'default' });
  assert.deepEqual(manifest['spec'], FROM_SERVER && (FROM_SERVER as { spec: unknown }).spec);
});

test('a deleted object says so, by name', () => {
  assert.equal(
    deletedObjectText('sample-app', 'kind-dev'),
    '# sample-app was deleted: it is no longer in the cluster of context kind-dev.\n',
  );
});
