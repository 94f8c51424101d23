// A redeploy is ready only when the version we applied runs: after spin-operator has updated the
// Deployment and its new pods have replaced the old ones. The simulated operator acts late (or not
// at all) on purpose here, so that a verdict taken too early shows.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSpinkubeCli } from '../../src/cli/pipeline/cli';
import { Kinds, resourcePath, type KubeObject } from '../../src/cluster/kinds';
import { deploySpinApp, RolloutFailure, type DeployOptions } from '../../src/pipeline/deploy';
import type { DeploymentObject, PodObject } from '../../src/pipeline/deploy/objects';
import { PipelineError, type PipelineEvent } from '../../src/pipeline/events';
import { scaffoldSpinApp, type ScaffoldOptions } from '../../src/pipeline/scaffold';
import { rejectionOf } from '../support/rejection';
import { realClusterKubeconfig, startDeployTarget, type DeployTarget } from './deployTarget';

const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0';
let target: DeployTarget;

before(async () => {
  target = await startDeployTarget();
});
after(async () => {
  await target.stop();
});

function spinApp(name: string, options: Partial<ScaffoldOptions>): KubeObject[] {
  return scaffoldSpinApp({ image: IMAGE, name, ...options }).objects.map((o) => o.object as KubeObject);
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

async function read<T>(path: string): Promise<T> {
  return target.session.transport.request<T>({ path });
}

const greetingOf = (containers: DeploymentObject['spec'] | PodObject['spec'] | undefined): string[] => {
  const list = (containers as { containers?: { env?: { name?: string; value?: string }[] }[] } | undefined)
    ?.containers;
  return (list ?? []).flatMap((c) =>
    (c.env ?? []).filter((e) => e.name === 'SPIN_VARIABLE_GREETING').map((e) => e.value ?? ''),
  );
};

/** The greeting each pod of the app runs with ("(terminating)" after a pod being deleted). */
async function podGreetings(name: string): Promise<string[]> {
  const pods = await read<{ items: PodObject[] }>(
    `${resourcePath(Kinds.pod, 'default')}?labelSelector=${encodeURIComponent(`core.spinkube.dev/app-name=${name}`)}`,
  );
  return pods.items.map(
    (p) => `${greetingOf(p.spec).join(',')}${p.metadata?.deletionTimestamp ? ' (terminating)' : ''}`,
  );
}

const deploymentPath = (name: string): string => resourcePath(Kinds.deployment, 'default', name);

if (!realClusterKubeconfig) {
  describe('redeploy: ready only when the new version runs', () => {
    it('a variable-only redeploy waits for the operator and the new pods', async () => {
      const first = await deploy(spinApp('greeter', { replicas: 1, variables: { greeting: 'hi' } }));
      assert.equal(first.result.rollout?.state, 'ready');
      const operator = target.sandbox!.operator;
      operator.setSpinAppDelay(600);
      try {
        const { result, events } = await deploy(
          spinApp('greeter', { replicas: 1, variables: { greeting: 'bye' } }),
        );
        assert.equal(result.rollout?.message, 'SpinApp "greeter" is available: 1/1 ready.');
        const deployment = await read<DeploymentObject>(deploymentPath('greeter'));
        assert.deepEqual(greetingOf(deployment.spec?.template?.spec), ['bye']);
        assert.deepEqual(await podGreetings('greeter'), ['bye']);
        assert.ok(
          events.some(
            (e) =>
              e.type === 'progress' &&
              e.message === 'Waiting for spin-operator to apply the change to Deployment "greeter"',
          ),
          'the wait said it waits for the operator',
        );
      } finally {
        operator.setSpinAppDelay(0);
      }
    });

    it('spinkube deploy REF -v greeting=bye --wait says ready only once the new pods run', async () => {
      const cli = async (greeting: string) => {
        let stdout = '';
        const argv = ['deploy', IMAGE, '--name', 'cli-greeter', '-r', '1', '-v', `greeting=${greeting}`];
        const code = await runSpinkubeCli(
          [...argv, '--wait', '--json', '--kubeconfig', target.kubeconfigPath],
          {
            stdout: { write: (t: string) => (stdout += t) },
            stderr: { write: () => undefined },
            env: {},
            cwd: mkdtempSync(join(tmpdir(), 'spinkube-cli-')),
          },
        );
        const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { message?: string };
        return { code, message: result.message };
      };
      assert.equal((await cli('hi')).code, 0);
      const operator = target.sandbox!.operator;
      operator.setSpinAppDelay(600);
      try {
        const run = await cli('bye');
        assert.deepEqual(run, { code: 0, message: 'SpinApp "cli-greeter" is available: 1/1 ready.' });
        const deployment = await read<DeploymentObject>(deploymentPath('cli-greeter'));
        assert.deepEqual(greetingOf(deployment.spec?.template?.spec), ['bye']);
        assert.deepEqual(await podGreetings('cli-greeter'), ['bye']);
      } finally {
        operator.setSpinAppDelay(0);
      }
    });

    it('scaling from 3 to 2 replicas is ready at 2/2, never "3/2"', async () => {
      await deploy(spinApp('scaler', { replicas: 3 }));
      const operator = target.sandbox!.operator;
      operator.setSpinAppDelay(600);
      try {
        const { result } = await deploy(spinApp('scaler', { replicas: 2 }));
        assert.equal(result.rollout?.message, 'SpinApp "scaler" is available: 2/2 ready.');
        const deployment = await read<DeploymentObject>(deploymentPath('scaler'));
        assert.equal(deployment.spec?.replicas, 2);
        assert.equal(deployment.status?.availableReplicas, 2);
      } finally {
        operator.setSpinAppDelay(0);
      }
    });

    it('an apply that changes nothing is ready at once, even with the operator away', async () => {
      await deploy(spinApp('unchanged', { replicas: 1 }));
      const operator = target.sandbox!.operator;
      operator.setSpinAppDelay(Infinity);
      try {
        const { result } = await deploy(spinApp('unchanged', { replicas: 1 }), { operatorTimeoutMs: 60_000 });
        assert.equal(result.rollout?.state, 'ready');
      } finally {
        operator.setSpinAppDelay(0);
      }
    });

    it('says so in one sentence when spin-operator does not act on the change', async () => {
      await deploy(spinApp('no-operator', { replicas: 1, variables: { greeting: 'hi' } }));
      const operator = target.sandbox!.operator;
      operator.setSpinAppDelay(Infinity);
      try {
        const error = await rejectionOf(
          deploy(spinApp('no-operator', { replicas: 1, variables: { greeting: 'bye' } }), {
            operatorTimeoutMs: 800,
          }),
          PipelineError,
          'the deploy',
        );
        assert.ok(error instanceof RolloutFailure);
        assert.equal(error.failureCause, 'operator-idle');
        assert.equal(
          error.message,
          'spin-operator has not acted on the change in 0.8 s: is it running? `kubectl -n spin-operator get pods`',
        );
        assert.deepEqual(error.evidence, [
          'Deployment "no-operator" still has the pod template and replicas from before the apply.',
        ]);
      } finally {
        operator.setSpinAppDelay(0);
      }
    });
  });
}
