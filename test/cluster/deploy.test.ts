import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Kinds, spinAppKind, type KubeObject } from '../../src/cluster/kinds';
import { deploySpinApp, RolloutFailure, undeploy, type DeployOptions } from '../../src/pipeline/deploy';
import { PipelineError, type PipelineEvent } from '../../src/pipeline/events';
import { scaffoldSpinApp, type ScaffoldOptions } from '../../src/pipeline/scaffold';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { ClusterSession } from '../../src/cluster/session';
import { startSimulator } from '../support/k8s-sim/index';
import { realClusterKubeconfig, startDeployTarget, type DeployTarget } from './deployTarget';
import { rejectionOf } from '../support/rejection';

const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0';
let target: DeployTarget;

before(async () => {
  target = await startDeployTarget();
});
after(async () => {
  await target.stop();
});

function spinApp(
  name: string,
  options: Partial<ScaffoldOptions> = {},
  annotations: Record<string, string> = {},
): KubeObject[] {
  const objects = scaffoldSpinApp({ image: IMAGE, name, ...options }).objects.map(
    (o) => o.object as KubeObject,
  );
  const app = objects[0] as KubeObject;
  app.metadata = { ...app.metadata, annotations };
  return objects;
}

async function deploy(objects: KubeObject[], options: DeployOptions = {}) {
  const events: PipelineEvent[] = [];
  const result = await deploySpinApp(target.session, objects, {
    namespace: 'default',
    timeoutMs: 20_000,
    ...options,
    onEvent: (e) => events.push(e),
  });
  return { result, events };
}

const failure = (objects: KubeObject[], options: DeployOptions = {}): Promise<PipelineError> =>
  rejectionOf(deploy(objects, options), PipelineError, 'the deploy');

describe('deploy: happy path', () => {
  it('applies the SpinApp and reports it ready', async () => {
    const { result, events } = await deploy(spinApp('hello-ready'));
    assert.equal(result.rollout?.state, 'ready');
    assert.equal(result.rollout?.readyReplicas, 2);
    assert.equal(result.rollout?.message, 'SpinApp "hello-ready" is available: 2/2 ready.');
    assert.deepEqual(
      events.filter((e) => e.type === 'start' || e.type === 'done').map((e) => `${e.type}:${e.step}`),
      ['start:apply', 'done:apply', 'start:wait', 'done:wait'],
    );
    assert.ok(
      events.some((e) => e.type === 'progress' && e.step === 'wait'),
      'progress was reported while waiting',
    );
  });

  it('follows through caches another consumer (the explorer) already holds', async () => {
    const held = [spinAppKind(), Kinds.deployment, Kinds.event].map((kind) =>
      target.session.acquire(kind, { namespace: 'default' }),
    );
    try {
      await Promise.all(held.map((lease) => lease.cache.ready()));
      const { result } = await deploy(spinApp('hello-shared', { replicas: 1 }));
      assert.equal(result.rollout?.state, 'ready');
    } finally {
      for (const lease of held) lease.release();
    }
  });

  if (!realClusterKubeconfig) {
    it('still reports ready when the user may not list events', async () => {
      const faults = target.sandbox!.simulator.faults;
      faults.inject({
        verb: 'list',
        path: '/events',
        status: 403,
        count: 100,
        message: 'events is forbidden',
      });
      try {
        const { result } = await deploy(spinApp('no-events', { replicas: 1 }));
        assert.equal(result.rollout?.state, 'ready');
      } finally {
        faults.clear();
      }
    });
  }

  it('applies without waiting when asked', async () => {
    const { result } = await deploy(spinApp('hello-nowait'), { wait: false });
    assert.equal(result.rollout, undefined);
    assert.deepEqual(
      result.applied.map((a) => `${a.kind}/${a.name}`),
      ['SpinApp/hello-nowait'],
    );
  });
});

describe('deploy: why it does not come up', () => {
  it('webhook denial: a missing executor is refused with the webhook message', async () => {
    const error = await failure(spinApp('no-executor', { executor: 'wasmtime-v1' }));
    assert.equal(error.kind, 'admission-denied');
    assert.match(error.message, /^The cluster refused to apply SpinApp "no-executor": /);
    assert.match(error.message, /executor does not exist in namespace/);
  });

  it('conflict: fields owned by another manager are named, and force takes them over', async () => {
    const first = await deploy(spinApp('shared-app', { replicas: 1 }), { wait: false });
    assert.equal(first.result.name, 'shared-app');
    // Another tool owns spec.replicas now.
    await target.session.transport.request({
      method: 'PATCH',
      path: '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/shared-app',
      query: { fieldManager: 'kubectl', force: true },
      body: {
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name: 'shared-app' },
        spec: { replicas: 3 },
      },
      contentType: 'application/apply-patch+yaml',
    });
    const error = await failure(spinApp('shared-app', { replicas: 2 }), { wait: false });
    assert.equal(error.kind, 'apply-conflict');
    assert.match(error.message, /\.spec\.replicas \(owned by kubectl\)/);
    assert.match(error.message, /Apply again with force/);
    const forced = await deploy(spinApp('shared-app', { replicas: 2 }), { wait: false, force: true });
    const spec = (forced.result.applied[0]?.object as { spec?: { replicas?: number } }).spec;
    assert.equal(spec?.replicas, 2);
  });

  if (!realClusterKubeconfig) {
    it('executor missing (no webhook): the operator cannot run the app', async () => {
      const admission = target.sandbox!.simulator.server.ops.admission;
      admission.setEnabled('vspinapp.kb.io', false);
      try {
        const error = await failure(spinApp('orphan', { executor: 'wasmtime-v1' }));
        assert.ok(error instanceof RolloutFailure);
        assert.equal(error.failureCause, 'executor-missing');
        assert.equal(
          error.message,
          'SpinAppExecutor "wasmtime-v1" does not exist in namespace default, so the operator cannot run the app.',
        );
        assert.ok(error.evidence.includes('Executors in namespace default: containerd-shim-spin.'));
      } finally {
        admission.setEnabled('vspinapp.kb.io', true);
      }
    });

    it('installing the missing executor and deploying again succeeds, despite the earlier MissingExecutor event', async () => {
      const admission = target.sandbox!.simulator.server.ops.admission;
      admission.setEnabled('vspinapp.kb.io', false);
      try {
        const missing = await failure(spinApp('late-executor', { executor: 'late-shim' }));
        assert.ok(missing instanceof RolloutFailure && missing.failureCause === 'executor-missing');
      } finally {
        admission.setEnabled('vspinapp.kb.io', true);
      }
      target.sandbox!.simulator.create({
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinAppExecutor',
        metadata: { name: 'late-shim', namespace: 'default' },
        spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } },
      });
      const realNow = Date.now;
      // This machine's clock ten minutes behind the cluster's: the earlier event counts as recent.
      Date.now = () => realNow() - 10 * 60_000;
      try {
        const { result } = await deploy(spinApp('late-executor', { executor: 'late-shim', replicas: 1 }));
        assert.equal(result.rollout?.state, 'ready');
      } finally {
        Date.now = realNow;
      }
    });

    it('a local clock behind the cluster does not make old events of the app evidence', async () => {
      const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString().replace(/\.\d+Z$/, 'Z');
      target.sandbox!.simulator.create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'clock-app-5d8f.old', namespace: 'default' },
        involvedObject: { kind: 'ReplicaSet', name: 'clock-app-5d8f', namespace: 'default' },
        reason: 'FailedCreate',
        type: 'Warning',
        message: 'pods "clock-app-5d8f-x" is forbidden: exceeded quota: compute',
        firstTimestamp: twoMinutesAgo,
        lastTimestamp: twoMinutesAgo,
        count: 1,
      });
      const realNow = Date.now;
      Date.now = () => realNow() - 10 * 60_000; // this machine's clock ten minutes behind the cluster's
      try {
        const { result } = await deploy(spinApp('clock-app', { replicas: 1 }));
        assert.equal(result.rollout?.state, 'ready');
      } finally {
        Date.now = realNow;
      }
    });

    it('image pull failure: names the reference and quotes the registry', async () => {
      const error = await failure(
        spinApp(
          'pull-fails',
          {},
          {
            'sim.spinkube.dev/failure': 'image-pull',
            'sim.spinkube.dev/registry-answer': 'unauthorized: authentication required',
          },
        ),
      );
      assert.ok(error instanceof RolloutFailure);
      assert.equal(error.failureCause, 'image-pull');
      assert.equal(
        error.message,
        `The cluster cannot pull the image "${IMAGE}": unauthorized: authentication required`,
      );
      assert.ok(error.evidence.some((line) => line.includes('Failed to pull image')));
    });

    it('crash loop: gives the last log lines', async () => {
      const error = await failure(
        spinApp(
          'crashes',
          {},
          {
            'sim.spinkube.dev/failure': 'crash-loop',
            'sim.spinkube.dev/crash-log': 'starting\npanic: missing variable api_key',
          },
        ),
      );
      assert.ok(error instanceof RolloutFailure);
      assert.equal(error.failureCause, 'crash-loop');
      assert.match(error.message, /^The app keeps crashing: container "crashes" in pod "crashes-/);
      assert.ok(
        error.evidence.some((line) => line.includes('panic: missing variable api_key')),
        `log lines in the evidence: ${error.evidence.join(' | ')}`,
      );
    });

    it('no node can run Spin: the scheduler message and the RuntimeClass node selector', async () => {
      const error = await failure(spinApp('nowhere', {}, { 'sim.spinkube.dev/failure': 'unschedulable' }));
      assert.ok(error instanceof RolloutFailure);
      assert.equal(error.failureCause, 'unschedulable');
      assert.match(
        error.message,
        /^No node can run Spin apps: the scheduler cannot place pod "nowhere-.*" \(0\/3 nodes are available/,
      );
      assert.ok(error.evidence.some((line) => line.includes('FailedScheduling')));
      assert.ok(error.evidence.some((line) => line.includes('labelled spin=true')));
    });

    it('RuntimeClass missing: the executor names one the cluster lacks', async () => {
      target.sandbox!.simulator.create({
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinAppExecutor',
        metadata: { name: 'no-shim', namespace: 'default' },
        spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v9' } },
      });
      const error = await failure(spinApp('no-shim-app', { executor: 'no-shim' }));
      assert.ok(error instanceof RolloutFailure);
      assert.equal(error.failureCause, 'runtime-class-missing');
      assert.equal(
        error.message,
        'No node can run Spin apps here: executor "no-shim" uses RuntimeClass "wasmtime-spin-v9", which does not exist in the cluster.',
      );
    });

    it('timeout: a slow app is reported with its last status', async () => {
      const error = await failure(spinApp('slow', {}, { 'sim.spinkube.dev/failure': 'slow-start' }), {
        timeoutMs: 1_500,
      });
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /^SpinApp "slow" did not become available within 2 s; last status: /);
    });

    it('cancel: aborting stops the wait at once', async () => {
      const controller = new AbortController();
      const events: PipelineEvent[] = [];
      const pending = deploySpinApp(
        target.session,
        spinApp('cancelled-app', {}, { 'sim.spinkube.dev/failure': 'slow-start' }),
        {
          namespace: 'default',
          signal: controller.signal,
          onEvent: (e) => {
            events.push(e);
            if (e.type === 'progress' && e.step === 'wait') controller.abort();
          },
        },
      );
      await assert.rejects(pending, (e: unknown) => e instanceof PipelineError && e.kind === 'cancelled');
    });
  }
});

describe('undeploy', () => {
  it('deletes the SpinApp we applied', async () => {
    await deploy(spinApp('to-remove'), { wait: false });
    const result = await undeploy(target.session, { name: 'to-remove', namespace: 'default' });
    assert.deepEqual(result.deleted, ['SpinApp/to-remove']);
    await assert.rejects(
      target.session.transport.request({
        path: '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/to-remove',
      }),
      /not found/,
    );
  });

  it('refuses a SpinApp someone else created, and leaves it in place', async () => {
    await target.session.transport.request({
      method: 'POST',
      path: '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps',
      query: { fieldManager: 'kubectl-client-side-apply' },
      body: {
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name: 'not-ours' },
        spec: { image: IMAGE, executor: 'containerd-shim-spin', replicas: 1 },
      },
    });
    await assert.rejects(
      undeploy(target.session, { name: 'not-ours', namespace: 'default' }),
      (e: unknown) => {
        assert.ok(e instanceof PipelineError);
        assert.equal(e.kind, 'cluster-forbidden');
        assert.match(e.message, /was not deployed by SpinKube/);
        return true;
      },
    );
    const still = await target.session.transport.request<KubeObject>({
      path: '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/not-ours',
    });
    assert.equal(still.metadata?.name, 'not-ours');
  });

  it('says when there is nothing to undeploy', async () => {
    await assert.rejects(
      undeploy(target.session, { name: 'never-was', namespace: 'default' }),
      /does not exist in namespace default/,
    );
  });
});

if (!realClusterKubeconfig) {
  describe('deploy to a cluster with the legacy SpinKube API group', () => {
    it('applies the SpinApp in core.spinoperator.dev when that is what the cluster serves', async () => {
      const sim = await startSimulator({ spinKubeCrds: false, legacyCrds: true });
      const loaded = loadKubeconfig({ setting: sim.kubeconfigPath });
      assert.ok(loaded.ok);
      const session = new ClusterSession(loaded.kubeConfig);
      try {
        sim.create({
          apiVersion: 'core.spinoperator.dev/v1alpha1',
          kind: 'SpinAppExecutor',
          metadata: { name: 'containerd-shim-spin', namespace: 'default' },
          spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } },
        });
        const result = await deploySpinApp(session, spinApp('legacy-app'), {
          namespace: 'default',
          wait: false,
        });
        assert.equal(result.applied[0]?.object.apiVersion, 'core.spinoperator.dev/v1alpha1');
      } finally {
        session.dispose();
        await sim.stop();
      }
    });
  });
}
