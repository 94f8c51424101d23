import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import {
  contextNamespace,
  forContext,
  kubeconfigPaths,
  loadKubeconfig,
} from '../../../src/cluster/kubeconfig';

function write(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

const first = `apiVersion: v1
kind: Config
current-context: alpha
clusters:
- name: shared
  cluster: { server: "https://first.example:6443", certificate-authority: certs/ca.crt }
users:
- name: u1
  user: { token: t1 }
contexts:
- name: alpha
  context: { cluster: shared, user: u1, namespace: apps }
`;

const second = `apiVersion: v1
kind: Config
current-context: beta
clusters:
- name: shared
  cluster: { server: "https://second.example:6443" }
- name: other
  cluster: { server: "https://other.example:6443" }
users:
- name: u2
  user:
    exec: { apiVersion: client.authentication.k8s.io/v1, command: get-token }
contexts:
- name: beta
  context: { cluster: other, user: u2 }
`;

describe('kubeconfig loading', () => {
  it('merges KUBECONFIG files like kubectl: first definition and first current-context win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const a = write(dir, 'a.yaml', first);
    const b = write(dir, 'b.yaml', second);
    const missing = join(dir, 'missing.yaml');
    const result = loadKubeconfig({ env: { KUBECONFIG: [missing, a, b].join(delimiter) }, home: dir });
    assert.ok(result.ok);
    assert.deepEqual(result.files, [a, b], 'missing files are skipped');
    assert.equal(result.currentContext, 'alpha');
    assert.deepEqual(
      result.contexts.map((c) => `${c.name}:${c.server}:${c.namespace}`),
      ['alpha:https://first.example:6443:apps', 'beta:https://other.example:6443:default'],
    );
    assert.equal(
      result.kubeConfig.getCluster('shared')?.caFile,
      join(dir, 'certs/ca.crt'),
      'relative paths resolve',
    );
    const beta = forContext(result.kubeConfig, 'beta');
    assert.equal(beta.getCurrentUser()?.exec?.command, 'get-token', 'exec auth kept for client-node');
    assert.equal(result.kubeConfig.getCurrentContext(), 'alpha', 'the original is unchanged');
    assert.equal(contextNamespace(result.kubeConfig), 'apps');
    assert.equal(contextNamespace(beta), 'default');
    assert.throws(() => forContext(result.kubeConfig, 'nope'), /no context named "nope"/);
  });

  it('prefers the setting over KUBECONFIG, and KUBECONFIG over ~/.kube/config', () => {
    assert.deepEqual(
      kubeconfigPaths({ setting: `/s1${delimiter}/s2`, env: { KUBECONFIG: '/e' }, home: '/h' }),
      ['/s1', '/s2'],
    );
    assert.deepEqual(kubeconfigPaths({ env: { KUBECONFIG: '/e' }, home: '/h' }), ['/e']);
    assert.deepEqual(kubeconfigPaths({ env: {}, home: '/h' }), [join('/h', '.kube', 'config')]);
  });

  it('reports a missing kubeconfig and an unreadable one without throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const none = loadKubeconfig({ env: {}, home: dir });
    assert.equal(none.ok, false);
    assert.equal(!none.ok && none.reason, 'none');
    assert.match(!none.ok ? none.message : '', /No kubeconfig found/);
    const bad = write(dir, 'bad.yaml', 'clusters: [ {name: x, cluster: ');
    const invalid = loadKubeconfig({ setting: bad });
    assert.equal(!invalid.ok && invalid.reason, 'invalid');
  });
});
