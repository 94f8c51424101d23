// One-shot requests (apply, get, patch, delete) try again when the API server answers
// `429 storage is (re)initializing` with Retry-After, as it does right after a CRD is created:
// honouring Retry-After, a bounded number of times, and a cancel ends the wait.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../../src/cluster/apiError';
import type { KubeObject } from '../../src/cluster/kinds';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { ClusterSession } from '../../src/cluster/session';
import { MAX_RETRIES } from '../../src/cluster/transport';
import { deploySpinApp } from '../../src/pipeline/deploy';
import { scaffoldSpinApp } from '../../src/pipeline/scaffold';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';
import { readCrds } from '../support/k8s-sim/sharedReference';
import { rejectionOf } from '../support/rejection';

const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0';
const APPS = '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps';

let sim: Simulator;
let session: ClusterSession;

before(async () => {
  sim = await startSimulator({ spinKubeCrds: false });
  const loaded = loadKubeconfig({ setting: sim.kubeconfigPath });
  if (!loaded.ok) throw new Error(loaded.message);
  session = new ClusterSession(loaded.kubeConfig);
});
after(async () => {
  session.dispose();
  await sim.stop();
});

function spinApp(name: string): KubeObject[] {
  return scaffoldSpinApp({ image: IMAGE, name, replicas: 1 }).objects.map((o) => o.object as KubeObject);
}

describe('one-shot requests on 429 storage is (re)initializing', () => {
  it('a deploy right after the CRDs are installed waits for the storage instead of failing', async () => {
    sim.faults.storageInitializingAfterCrdCreate(1_500);
    try {
      for (const crd of readCrds('main')) sim.create(crd);
    } finally {
      sim.faults.storageInitializingAfterCrdCreate(0);
    }
    sim.create({
      apiVersion: 'core.spinkube.dev/v1alpha1',
      kind: 'SpinAppExecutor',
      metadata: { name: 'containerd-shim-spin', namespace: 'default' },
      spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } },
    });
    const raw = await fetch(`${sim.url}${APPS}`);
    assert.equal(raw.status, 429, 'the simulator answers 429 right after the CRD is created');
    assert.equal(raw.headers.get('retry-after'), '1');
    assert.equal(((await raw.json()) as { message?: string }).message, 'storage is (re)initializing');
    const result = await deploySpinApp(session, spinApp('early-bird'), { namespace: 'default', wait: false });
    assert.deepEqual(
      result.applied.map((a) => `${a.kind}/${a.name}`),
      ['SpinApp/early-bird'],
    );
  });

  it('get, patch and delete try again too', async () => {
    const t = session.transport;
    sim.faults.storageInitializing({ forMs: 1_200, path: '/spinapps' });
    const app = await t.request<KubeObject>({ path: `${APPS}/early-bird` });
    assert.equal(app.metadata?.name, 'early-bird');
    sim.faults.storageInitializing({ forMs: 1_200, path: '/spinapps' });
    const patched = await t.request<KubeObject>({
      method: 'PATCH',
      path: `${APPS}/early-bird`,
      body: { metadata: { labels: { tier: 'test' } } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(patched.metadata?.labels?.tier, 'test');
    sim.faults.storageInitializing({ forMs: 1_200, path: '/spinapps' });
    await t.request({ method: 'DELETE', path: `${APPS}/early-bird` });
  });

  it(`gives up after ${MAX_RETRIES} retries`, async () => {
    const t = session.transport;
    const path = '/api/v1/namespaces/default';
    sim.faults.inject({ path, status: 429, retryAfterSeconds: 0, count: MAX_RETRIES });
    const ns = await t.request<KubeObject>({ path });
    assert.equal(ns.metadata?.name, 'default', `${MAX_RETRIES} refusals in a row are waited out`);
    sim.faults.inject({ path, status: 429, retryAfterSeconds: 0, count: MAX_RETRIES + 1 });
    const error = await rejectionOf(t.request({ path }), ApiError, 'the throttled request');
    assert.equal(error.kind, 'tooManyRequests');
  });

  it('a cancel ends the wait', async () => {
    sim.faults.storageInitializing({ forMs: 60_000, path: '/spinapps' });
    try {
      const controller = new AbortController();
      const pending = session.transport.request({ path: APPS, signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      const error = await rejectionOf(pending, ApiError, 'the cancelled request');
      assert.match(error.message, /the request was cancelled/);
    } finally {
      sim.faults.clear();
    }
  });
});
