// A rollout is ready only when the SpinApp we applied has been realised: the operator has updated
// the Deployment, the Deployment controller has rolled every replica over, and no pod of the
// previous version runs or terminates.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { judgeRollout, type RolloutSnapshot } from '../../../src/pipeline/deploy';
import type { DeploymentObject, PodObject, SpinAppObject } from '../../../src/pipeline/deploy/objects';

const image = 'registry.example/team/hello:v1';

function app(replicas: number, greeting: string): SpinAppObject {
  return {
    metadata: { name: 'hello', generation: 2 },
    spec: {
      image,
      executor: 'containerd-shim-spin',
      replicas,
      variables: [{ name: 'greeting', value: greeting }],
    },
    status: {
      readyReplicas: replicas,
      conditions: [{ type: 'Available', status: 'True' }],
    },
  };
}

interface Rolled {
  readonly generation: number;
  readonly observed?: number;
  readonly replicas: number;
  readonly greeting: string;
  readonly updated?: number;
  readonly available?: number;
  readonly total?: number;
}

function deployment(d: Rolled): DeploymentObject {
  return {
    metadata: { name: 'hello', generation: d.generation },
    spec: {
      replicas: d.replicas,
      template: {
        spec: {
          containers: [
            {
              name: 'hello',
              image,
              env: [
                { name: 'SPIN_VARIABLE_GREETING', value: d.greeting },
                { name: 'SPIN_HTTP_LISTEN_ADDR', value: '0.0.0.0:80' },
              ],
            },
          ],
        },
      },
    },
    status: {
      observedGeneration: d.observed ?? d.generation,
      replicas: d.total ?? d.replicas,
      updatedReplicas: d.updated ?? d.replicas,
      readyReplicas: d.available ?? d.replicas,
      availableReplicas: d.available ?? d.replicas,
    },
  };
}

function pod(name: string, greeting: string, terminating = false): PodObject {
  return {
    metadata: { name, ...(terminating && { deletionTimestamp: '2026-12-08T01:00:00Z' }) },
    spec: {
      containers: [
        {
          name: 'hello',
          image,
          env: [
            { name: 'SPIN_VARIABLE_GREETING', value: greeting },
            { name: 'SPIN_HTTP_LISTEN_ADDR', value: '0.0.0.0:80' },
          ],
        },
      ],
    },
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'hello', ready: true, restartCount: 0, state: { running: {} } }],
    },
  };
}

const base: RolloutSnapshot = {
  name: 'hello',
  namespace: 'apps',
  executor: { spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } } },
  runtimeClass: { name: 'wasmtime-spin-v2', exists: true },
  pods: [],
  events: [],
};
const changed = { changed: true, deploymentGeneration: 1 } as const;

describe('rollout verdict: ready means the applied SpinApp runs', () => {
  it('a variable-only change waits for the operator to update the Deployment', () => {
    const verdict = judgeRollout({
      ...base,
      spinApp: app(1, 'bye'),
      deployment: deployment({ generation: 1, replicas: 1, greeting: 'hi' }),
      pods: [pod('hello-a-1', 'hi')],
      baseline: changed,
    });
    assert.equal(verdict.state, 'progressing');
    assert.equal(verdict.message, 'Waiting for spin-operator to apply the change to Deployment "hello"');
  });

  it('a replicas change from 3 to 2 is not "3/2 ready"', () => {
    const verdict = judgeRollout({
      ...base,
      spinApp: app(2, 'hi'),
      deployment: deployment({ generation: 1, replicas: 3, greeting: 'hi' }),
      baseline: changed,
    });
    assert.equal(verdict.state, 'progressing');
    const scaled = judgeRollout({
      ...base,
      spinApp: app(2, 'hi'),
      deployment: deployment({
        generation: 2,
        observed: 1,
        replicas: 2,
        greeting: 'hi',
        total: 3,
        available: 3,
      }),
      baseline: changed,
    });
    assert.equal(scaled.state, 'progressing');
    assert.match(scaled.message, /^3\/2 ready/);
    const done = judgeRollout({
      ...base,
      spinApp: app(2, 'hi'),
      deployment: deployment({ generation: 2, replicas: 2, greeting: 'hi' }),
      baseline: changed,
    });
    assert.deepEqual(done, {
      state: 'ready',
      readyReplicas: 2,
      message: 'SpinApp "hello" is available: 2/2 ready.',
    });
  });

  it('waits for the new pods and for the old ones to go, then is ready', () => {
    const updated = deployment({ generation: 2, replicas: 1, greeting: 'bye' });
    const judge = (d: DeploymentObject, pods: PodObject[]) =>
      judgeRollout({ ...base, spinApp: app(1, 'bye'), deployment: d, pods, baseline: changed });
    const unobserved = deployment({ generation: 2, observed: 1, replicas: 1, greeting: 'bye' });
    assert.equal(judge(unobserved, [pod('hello-a-1', 'hi')]).state, 'progressing');
    const rolling = judge(deployment({ generation: 2, replicas: 1, greeting: 'bye', updated: 0 }), [
      pod('hello-a-1', 'hi'),
    ]);
    assert.equal(rolling.state, 'progressing');
    const oldRunning = judge(updated, [pod('hello-a-1', 'hi'), pod('hello-b-1', 'bye')]);
    assert.equal(oldRunning.state, 'progressing');
    assert.match(oldRunning.message, /1 pod of the previous version still running or terminating$/);
    const oldTerminating = judge(updated, [pod('hello-a-1', 'hi', true), pod('hello-b-1', 'bye')]);
    assert.equal(oldTerminating.state, 'progressing');
    assert.match(oldTerminating.message, /pods: Terminating, Running/);
    assert.equal(judge(updated, [pod('hello-b-1', 'bye')]).state, 'ready');
  });

  it('a Deployment that already runs what the SpinApp asks for counts as acted on', () => {
    const verdict = judgeRollout({
      ...base,
      spinApp: app(1, 'bye'),
      deployment: deployment({ generation: 1, replicas: 1, greeting: 'bye' }),
      pods: [pod('hello-b-1', 'bye')],
      baseline: changed,
    });
    assert.equal(verdict.state, 'ready');
  });

  it('a change of the pod annotations waits for the operator too', () => {
    const annotated: SpinAppObject = {
      ...app(1, 'hi'),
      spec: { ...app(1, 'hi').spec, podAnnotations: { team: 'b' } },
    };
    const verdict = judgeRollout({
      ...base,
      spinApp: annotated,
      deployment: deployment({ generation: 1, replicas: 1, greeting: 'hi' }),
      pods: [pod('hello-a-1', 'hi')],
      baseline: changed,
    });
    assert.equal(verdict.state, 'progressing');
  });

  it('an apply that changed nothing is ready at once', () => {
    const verdict = judgeRollout({
      ...base,
      spinApp: app(1, 'hi'),
      deployment: deployment({ generation: 4, replicas: 1, greeting: 'hi' }),
      pods: [pod('hello-a-1', 'hi')],
      baseline: { changed: false, deploymentGeneration: 4 },
    });
    assert.equal(verdict.state, 'ready');
  });

  it('without a baseline (following an app) the Deployment must match the SpinApp', () => {
    const stale = judgeRollout({
      ...base,
      spinApp: app(1, 'bye'),
      deployment: deployment({ generation: 1, replicas: 1, greeting: 'hi' }),
    });
    assert.equal(stale.state, 'progressing');
  });

  it('a terminating pod of the previous version that crashes does not fail the rollout', () => {
    const crashing: PodObject = {
      ...pod('hello-a-1', 'bye', true),
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'hello',
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1 } },
          },
        ],
      },
    };
    const verdict = judgeRollout({
      ...base,
      spinApp: app(1, 'bye'),
      deployment: deployment({ generation: 2, replicas: 1, greeting: 'bye' }),
      pods: [crashing, pod('hello-b-1', 'bye')],
      baseline: changed,
    });
    assert.equal(verdict.state, 'progressing');
  });
});
