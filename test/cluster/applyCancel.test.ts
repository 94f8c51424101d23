// Cancel reaches a request already on its way: an apply the API server is slow to answer stops when
// the user cancels, instead of waiting for the answer (or the 30 s timeout).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../src/cluster/kinds';
import { loadKubeconfig } from '../../src/cluster/kubeconfig';
import { ClusterSession } from '../../src/cluster/session';
import { applyObjects } from '../../src/pipeline/deploy/apply';
import { PipelineError } from '../../src/pipeline/events';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';

const CONFIG_MAP = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'slow-answer' },
  data: { greeting: 'hello' },
} as KubeObject;

describe('cancelling an apply in flight', () => {
  let simulator: Simulator;
  let session: ClusterSession;

  before(async () => {
    simulator = await startSimulator();
    const loaded = loadKubeconfig({ setting: simulator.kubeconfigPath });
    if (!loaded.ok) throw new Error(loaded.message);
    session = new ClusterSession(loaded.kubeConfig);
  });
  after(async () => {
    session?.dispose();
    simulator.faults.clear();
    await simulator?.stop();
  });

  // The test's own timeout only ends a hang: without cancel reaching the request, it waited for the answer.
  it(
    'stops at once with "cancelled" while the API server has not answered',
    { timeout: 20_000 },
    async () => {
      simulator.faults.setLatency(10 * 60_000);
      const controller = new AbortController();
      const pending = applyObjects(session, [CONFIG_MAP], {
        namespace: 'default',
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'progress' && e.step === 'apply') setTimeout(() => controller.abort(), 100);
        },
      });
      await assert.rejects(pending, (e: unknown) => {
        assert.ok(e instanceof PipelineError, `a PipelineError, got ${String(e)}`);
        assert.equal(e.kind, 'cancelled');
        assert.equal(e.message, 'Apply was cancelled.');
        return true;
      });
    },
  );
});
