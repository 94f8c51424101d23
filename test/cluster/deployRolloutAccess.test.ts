// Rollouts followed with limited rights: what a user who may not read some kinds still gets.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../src/cluster/kinds';
import { deploySpinApp, undeploy } from '../../src/pipeline/deploy';
import { ApiError } from '../../src/cluster/apiError';
import { PipelineError } from '../../src/pipeline/events';
import { scaffoldSpinApp } from '../../src/pipeline/scaffold';
import type { AccessDenial } from '../support/k8s-sim/accessPolicy';
import { realClusterKubeconfig, startDeployTarget, type DeployTarget } from './deployTarget';

const IMAGE = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0';
let target: DeployTarget;

function spinApp(name: string, runtimeConfig?: string): KubeObject[] {
  return scaffoldSpinApp({
    image: IMAGE,
    name,
    replicas: 1,
    ...(runtimeConfig && { runtimeConfig }),
  }).objects.map((o) => o.object as KubeObject);
}

if (!realClusterKubeconfig) {
  describe('deploy: following a rollout with limited rights', () => {
    before(async () => {
      target = await startDeployTarget();
    });
    after(async () => {
      await target.stop();
    });

    /** Deploys `name` while the user lacks `denied`, and expects the rollout to be reported ready. */
    async function readyWithout(name: string, denied: AccessDenial): Promise<void> {
      const access = target.sandbox!.simulator.server.access;
      access.deny(denied);
      try {
        const result = await deploySpinApp(target.session, spinApp(name), {
          namespace: 'default',
          timeoutMs: 20_000,
        });
        assert.equal(result.rollout?.state, 'ready');
      } finally {
        access.clear();
      }
    }

    it('reports ready when the user may not read RuntimeClasses (cluster-scoped)', async () => {
      await readyWithout('no-rc-rights', { group: 'node.k8s.io', resource: 'runtimeclasses' });
    });

    it('reports ready when the user may not read SpinAppExecutors', async () => {
      await readyWithout('no-executor-rights', {
        verbs: ['get', 'list'],
        group: 'core.spinkube.dev',
        resource: 'spinappexecutors',
      });
    });

    it('applies the runtime-config Secret before the SpinApp, so a refused Secret starts no app without it', async () => {
      const config = '[key_value_store.default]\ntype = "spin"\n';
      const { applied } = await deploySpinApp(target.session, spinApp('with-config', config), {
        namespace: 'default',
        wait: false,
      });
      assert.deepEqual(
        applied.map((a) => `${a.kind}/${a.name}`),
        ['Secret/with-config-runtime-config', 'SpinApp/with-config'],
      );
      const access = target.sandbox!.simulator.server.access;
      access.deny({ group: '', resource: 'secrets' });
      try {
        await assert.rejects(
          deploySpinApp(target.session, spinApp('config-refused', config), {
            namespace: 'default',
            wait: false,
          }),
          (e: unknown) => e instanceof PipelineError && e.kind === 'cluster-forbidden',
        );
      } finally {
        access.clear();
      }
      await assert.rejects(
        target.session.transport.request({
          path: '/apis/core.spinkube.dev/v1alpha1/namespaces/default/spinapps/config-refused',
        }),
        (e: unknown) => e instanceof ApiError && e.kind === 'notFound',
      );
    });

    it('undeploy says which companion it could not check instead of silently leaving it', async () => {
      const config = '[key_value_store.default]\ntype = "spin"\n';
      await deploySpinApp(target.session, spinApp('leaves-secret', config), {
        namespace: 'default',
        wait: false,
      });
      const access = target.sandbox!.simulator.server.access;
      access.deny({ verbs: ['get'], group: '', resource: 'secrets' });
      const lines: string[] = [];
      try {
        const result = await undeploy(target.session, {
          name: 'leaves-secret',
          namespace: 'default',
          onEvent: (e) => {
            if (e.type === 'output') lines.push(e.line);
          },
        });
        assert.deepEqual(result.deleted, ['SpinApp/leaves-secret']);
        assert.deepEqual(result.leftInPlace, ['Secret/leaves-secret-runtime-config']);
        assert.ok(
          lines.some((l) => /Secret\/leaves-secret-runtime-config.*left in place/.test(l)),
          lines.join(' | '),
        );
      } finally {
        access.clear();
      }
    });

    it('says the user may not watch Deployments, without an unhandled rejection', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => {
        unhandled.push(reason);
      };
      process.on('unhandledRejection', onUnhandled);
      const access = target.sandbox!.simulator.server.access;
      access.deny({ verbs: ['list', 'watch'], group: 'apps', resource: 'deployments' });
      try {
        await assert.rejects(
          deploySpinApp(target.session, spinApp('no-deploy-rights'), {
            namespace: 'default',
            timeoutMs: 20_000,
          }),
          (e: unknown) => {
            assert.ok(e instanceof PipelineError, String(e));
            assert.equal(e.kind, 'cluster-forbidden');
            assert.match(e.message, /deployments/);
            return true;
          },
        );
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(unhandled.map(String), []);
      } finally {
        access.clear();
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });
}
