// The explorer's app status follows the same rule as Deploy: an app whose status says available is
// still rolling out while pods of the previous version run or terminate, or while it has more
// replicas than asked. A pod being deleted reads `Terminating`, as kubectl shows it, and never counts.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { appDescription, appStatus } from '../../../src/cluster/appStatus';
import type { Pod, SpinApp } from '../../../src/cluster/resources';
import { podTooltip } from '../../../src/clusterTree/tooltips';
import { podSummary } from '../../../src/clusterTree/render';

const IMAGE = 'r/hello:1';

function app(replicas: number, greeting: string, readyReplicas = replicas): SpinApp {
  return {
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      image: IMAGE,
      executor: 'containerd-shim-spin',
      replicas,
      variables: [{ name: 'greeting', value: greeting }],
    },
    status: {
      readyReplicas,
      conditions: [
        { type: 'Available', status: 'True' },
        { type: 'Progressing', status: 'True' },
      ],
    },
  };
}

function pod(
  name: string,
  greeting: string,
  options: { terminating?: boolean; crashing?: boolean } = {},
): Pod {
  return {
    metadata: {
      name,
      namespace: 'default',
      ...(options.terminating && { deletionTimestamp: '2026-12-08T01:00:00Z' }),
    },
    spec: {
      nodeName: 'node-1',
      containers: [
        { name: 'hello', image: IMAGE, env: [{ name: 'SPIN_VARIABLE_GREETING', value: greeting }] },
      ],
    },
    status: {
      phase: 'Running',
      containerStatuses: [
        options.crashing
          ? {
              name: 'hello',
              ready: false,
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
            }
          : { name: 'hello', ready: true, restartCount: 0, state: { running: {} } },
      ],
    },
  };
}

describe('explorer app status: ready means the asked-for version runs', () => {
  it('is rolling out while the pods still run the previous variables', () => {
    const status = appStatus(app(1, 'bye'), { pods: [pod('hello-a-1', 'hi')] });
    assert.equal(status.state, 'progressing');
    assert.equal(status.summary, 'Rolling out');
    assert.match(status.problem ?? '', /1 pod of the previous version still running/);
    assert.equal(appStatus(app(1, 'bye'), { pods: [pod('hello-b-1', 'bye')] }).state, 'ready');
  });

  it('is rolling out while a pod terminates, and does not count it ready', () => {
    const status = appStatus(app(2, 'hi', 2), {
      pods: [pod('hello-a-1', 'hi', { terminating: true }), pod('hello-a-2', 'hi')],
    });
    assert.equal(status.state, 'progressing');
    assert.equal(status.ready, 1);
    assert.equal(appDescription(app(2, 'hi'), status), '1/2 · containerd-shim-spin');
    const shrinking = appStatus(app(1, 'hi', 1), {
      pods: [pod('hello-a-1', 'hi', { terminating: true }), pod('hello-a-2', 'hi')],
    });
    assert.equal(shrinking.state, 'progressing');
    assert.equal(shrinking.problem, '1 pod still terminating.');
  });

  it('is not "3/2 ready": more replicas than asked is a rollout still going', () => {
    const status = appStatus(app(2, 'hi', 3));
    assert.equal(status.state, 'progressing');
    assert.equal(status.problem, 'Scaling down to 2 (3 running).');
  });

  it('a crashing pod on its way out does not fail the app', () => {
    const status = appStatus(app(1, 'hi'), {
      pods: [pod('hello-a-1', 'hi', { terminating: true, crashing: true }), pod('hello-b-1', 'hi')],
    });
    assert.notEqual(status.state, 'failed');
  });
});

describe('explorer pods: Terminating as kubectl shows it', () => {
  it('labels a pod being deleted Terminating, never ready', () => {
    const summary = podSummary(pod('hello-a-1', 'hi', { terminating: true }));
    assert.deepEqual(summary, { text: 'Terminating · 0 restarts · node-1', state: 'terminating' });
    assert.match(
      podTooltip(pod('hello-a-1', 'hi', { terminating: true })),
      /^\*\*hello\\-a\\-1\*\* · Terminating/,
    );
    assert.deepEqual(podSummary(pod('hello-a-1', 'hi')), {
      text: 'Running · 0 restarts · node-1',
      state: 'ready',
    });
  });
});
