import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { judgeRollout, parseApplyConflicts, type RolloutSnapshot } from '../../../src/pipeline/deploy';
import type { EventObject, PodObject } from '../../../src/pipeline/deploy/objects';

const image = 'registry.example/team/hello:v1';
const base: RolloutSnapshot = {
  name: 'hello',
  namespace: 'apps',
  spinApp: { metadata: { name: 'hello' }, spec: { image, executor: 'containerd-shim-spin', replicas: 2 } },
  executor: { spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } } },
  runtimeClass: { name: 'wasmtime-spin-v2', exists: true },
  pods: [],
  events: [],
};

const deployment = (ready: number) => ({
  metadata: { name: 'hello', generation: 1 },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'hello', image }] } } },
  status: {
    observedGeneration: 1,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: ready,
    availableReplicas: ready,
  },
});

const available = (ready: number): RolloutSnapshot['spinApp'] => ({
  ...base.spinApp,
  status: {
    readyReplicas: ready,
    conditions: [{ type: 'Available', status: ready >= 2 ? 'True' : 'False' }],
  },
});

const pod = (name: string, status: PodObject['status']): PodObject => ({ metadata: { name }, status });
const event = (involved: string, reason: string, message: string, kind = 'Pod'): EventObject => ({
  type: 'Warning',
  reason,
  message,
  involvedObject: { kind, name: involved },
});

describe('rollout verdict', () => {
  it('is ready only when the SpinApp is available with every replica and the Deployment is current', () => {
    assert.equal(judgeRollout({ ...base, spinApp: available(2), deployment: deployment(2) }).state, 'ready');
    assert.equal(
      judgeRollout({ ...base, spinApp: available(1), deployment: deployment(1) }).state,
      'progressing',
    );
    assert.equal(judgeRollout({ ...base, spinApp: available(2) }).state, 'progressing');
    const stale = {
      ...deployment(2),
      spec: { replicas: 2, template: { spec: { containers: [{ image: 'old' }] } } },
    };
    assert.equal(judgeRollout({ ...base, spinApp: available(2), deployment: stale }).state, 'progressing');
  });

  it('fails when the Deployment exceeded its progress deadline, instead of waiting for the timeout', () => {
    const stalled = {
      ...deployment(0),
      status: {
        ...deployment(0).status,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "hello-5d8f" has timed out progressing.',
          },
        ],
      },
    };
    const running = pod('hello-5d8f-a', {
      phase: 'Running',
      containerStatuses: [{ name: 'hello', ready: false, restartCount: 0, state: { running: {} } }],
    });
    const verdict = judgeRollout({
      ...base,
      spinApp: available(0),
      deployment: stalled,
      pods: [running],
      events: [
        event('hello-5d8f-a', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 500'),
      ],
    });
    assert.equal(verdict.state, 'failed');
    if (verdict.state !== 'failed') return;
    assert.equal(verdict.cause, 'progress-deadline');
    assert.match(
      verdict.message,
      /^Deployment "hello" made no progress within its deadline: ReplicaSet "hello-5d8f" has timed out progressing/,
    );
    assert.ok(verdict.evidence.some((l) => l.includes('Readiness probe failed')));
  });

  it('names the ReplicaSet failure the Deployment reports when events cannot be read', () => {
    const refused = {
      ...deployment(0),
      status: {
        ...deployment(0).status,
        conditions: [
          {
            type: 'ReplicaFailure',
            status: 'True',
            reason: 'FailedCreate',
            message: 'pods "hello-5d8f-x" is forbidden: exceeded quota: compute, requested: cpu=2',
          },
        ],
      },
    };
    const verdict = judgeRollout({ ...base, spinApp: available(0), deployment: refused });
    assert.equal(verdict.state, 'failed');
    if (verdict.state !== 'failed') return;
    assert.equal(verdict.cause, 'pods-not-created');
    assert.match(verdict.message, /exceeded quota/);
  });

  it('names a missing executor and lists the executors that exist', () => {
    const verdict = judgeRollout({ ...base, executor: null, executorNames: ['cyclotron'] });
    assert.equal(verdict.state, 'failed');
    if (verdict.state !== 'failed') return;
    assert.equal(verdict.cause, 'executor-missing');
    assert.equal(
      verdict.message,
      'SpinAppExecutor "containerd-shim-spin" does not exist in namespace apps, so the operator cannot run the app.',
    );
    assert.deepEqual(verdict.evidence, ['Executors in namespace apps: cyclotron.']);
  });

  it('quotes the registry answer of an image pull failure', () => {
    const verdict = judgeRollout({
      ...base,
      deployment: deployment(0),
      pods: [
        pod('hello-abc-1', {
          containerStatuses: [{ name: 'hello', image, state: { waiting: { reason: 'ImagePullBackOff' } } }],
        }),
      ],
      events: [event('hello-abc-1', 'Failed', `Failed to pull image "${image}": manifest unknown`)],
    });
    assert.equal(verdict.state === 'failed' && verdict.cause, 'image-pull');
    assert.equal(verdict.message, `The cluster cannot pull the image "${image}": manifest unknown`);
  });

  it('does not blame the new rollout for the crash loop of a pod still running the previous image', () => {
    const crashing = (name: string, podImage: string): PodObject => ({
      metadata: { name },
      spec: { containers: [{ name: 'hello', image: podImage }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'hello',
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1 } },
          },
        ],
      },
    });
    const old = crashing('hello-old-1', 'registry.example/team/hello:v0');
    const verdict = judgeRollout({ ...base, spinApp: available(1), deployment: deployment(1), pods: [old] });
    assert.equal(verdict.state, 'progressing');
    const current = judgeRollout({
      ...base,
      spinApp: available(1),
      deployment: deployment(1),
      pods: [old, crashing('hello-new-1', image)],
    });
    assert.ok(current.state === 'failed' && current.cause === 'crash-loop');
    assert.deepEqual(current.crashed, { pod: 'hello-new-1', container: 'hello' });
  });

  it('says what to do about an image the cluster cannot pull', () => {
    const pulling = (podImage: string, answer: string): RolloutSnapshot => ({
      ...base,
      spinApp: { ...available(0), spec: { ...base.spinApp?.spec, image: podImage } },
      pods: [
        {
          metadata: { name: 'hello-abc-1' },
          spec: { containers: [{ name: 'hello', image: podImage }] },
          status: {
            phase: 'Pending',
            containerStatuses: [
              { name: 'hello', image: podImage, state: { waiting: { reason: 'ErrImagePull' } } },
            ],
          },
        },
      ],
      events: [event('hello-abc-1', 'Failed', `Failed to pull image "${podImage}": ${answer}`)],
    });
    const hint = (snapshot: RolloutSnapshot): string => {
      const verdict = judgeRollout(snapshot);
      assert.ok(verdict.state === 'failed' && verdict.cause === 'image-pull');
      return verdict.evidence.at(-1) ?? '';
    };
    assert.match(
      hint(pulling('localhost:5000/hello:v1', 'dial tcp 127.0.0.1:5000: connect: connection refused')),
      /localhost.*the cluster's nodes/,
    );
    assert.match(
      hint(pulling('ghcr.io/me/hello:v1', 'unauthorized: authentication required')),
      /imagePullSecrets/,
    );
    assert.match(hint(pulling('ghcr.io/me/hello:v9', 'manifest unknown')), /push/i);
  });

  it('reports a crash loop with the container to read logs from', () => {
    const verdict = judgeRollout({
      ...base,
      deployment: deployment(0),
      pods: [
        pod('hello-abc-1', {
          containerStatuses: [
            {
              name: 'hello',
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1 } },
            },
          ],
        }),
      ],
    });
    assert.ok(verdict.state === 'failed' && verdict.cause === 'crash-loop');
    assert.deepEqual(verdict.crashed, { pod: 'hello-abc-1', container: 'hello' });
    assert.match(verdict.message, /exited with exit code 1 and was restarted 4 times/);
  });

  it('explains unschedulable pods with the scheduler message and the RuntimeClass node selector', () => {
    const verdict = judgeRollout({
      ...base,
      runtimeClass: { name: 'wasmtime-spin-v2', exists: true, nodeSelector: { spin: 'true' } },
      deployment: deployment(0),
      pods: [
        pod('hello-abc-1', {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
        }),
      ],
      events: [
        event(
          'hello-abc-1',
          'FailedScheduling',
          "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
        ),
      ],
    });
    assert.ok(verdict.state === 'failed' && verdict.cause === 'unschedulable');
    assert.match(
      verdict.message,
      /^No node can run Spin apps: the scheduler cannot place pod "hello-abc-1" \(0\/2 nodes/,
    );
    assert.ok(verdict.evidence.some((line) => line.includes('labelled spin=true')));
  });

  it('says when the RuntimeClass is missing, known up front or from FailedCreate events', () => {
    const missing = judgeRollout({ ...base, runtimeClass: { name: 'wasmtime-spin-v2', exists: false } });
    assert.ok(missing.state === 'failed' && missing.cause === 'runtime-class-missing');
    const fromEvents = judgeRollout({
      ...base,
      runtimeClass: undefined,
      deployment: deployment(0),
      events: [
        event(
          'hello-7d9',
          'FailedCreate',
          'Error creating: pods "hello-7d9-x" is forbidden: pod rejected: RuntimeClass "spin" not found',
          'ReplicaSet',
        ),
      ],
    });
    assert.ok(fromEvents.state === 'failed' && fromEvents.cause === 'runtime-class-missing');
    assert.match(fromEvents.message, /RuntimeClass "spin" does not exist/);
  });

  it("says why pods are never created, in the cluster's words", () => {
    const verdict = judgeRollout({
      ...base,
      deployment: deployment(0),
      events: [
        event(
          'hello-7d9',
          'FailedCreate',
          'Error creating: pods "hello-7d9-x" is forbidden: exceeded quota: compute',
          'ReplicaSet',
        ),
      ],
    });
    assert.ok(verdict.state === 'failed' && verdict.cause === 'pods-not-created');
    assert.equal(
      verdict.message,
      'The cluster refuses to create the app\'s pods: Error creating: pods "hello-7d9-x" is forbidden: exceeded quota: compute.',
    );
  });

  it('accepts a spintainer Deployment that runs the image through `spin up -f`', () => {
    const spintainer = {
      ...deployment(2),
      spec: {
        replicas: 2,
        template: { spec: { containers: [{ image: 'ghcr.io/fermyon/spin:v3', args: ['up', '-f', image] }] } },
      },
    };
    assert.equal(judgeRollout({ ...base, spinApp: available(2), deployment: spintainer }).state, 'ready');
  });

  it("describes progress with the ready count, the operator's message and the pod states", () => {
    const progressing = {
      ...base.spinApp,
      status: {
        readyReplicas: 1,
        conditions: [
          { type: 'Progressing', status: 'True', message: 'ReplicaSet "hello-1" is progressing.' },
        ],
      },
    };
    const verdict = judgeRollout({
      ...base,
      spinApp: progressing,
      deployment: deployment(1),
      pods: [
        pod('hello-1-a', { phase: 'Running' }),
        pod('hello-1-b', { containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] }),
      ],
    });
    assert.deepEqual(verdict, {
      state: 'progressing',
      message: '1/2 ready (ReplicaSet "hello-1" is progressing); pods: Running, ContainerCreating',
    });
  });

  it('does not follow apps whose executor creates no Deployment', () => {
    assert.equal(
      judgeRollout({ ...base, executor: { spec: { createDeployment: false } } }).state,
      'unfollowable',
    );
  });
});

describe('apply conflicts', () => {
  it('reads one conflict and several conflicts', () => {
    assert.deepEqual(
      parseApplyConflicts(
        'Apply failed with 1 conflict: conflict with "kubectl" using core.spinkube.dev/v1alpha1: .spec.replicas',
      ),
      [{ manager: 'kubectl', field: '.spec.replicas' }],
    );
    assert.deepEqual(
      parseApplyConflicts(
        'Apply failed with 2 conflicts: conflicts with "helm" using v1:\n- .spec.image\n- .spec.replicas',
      ),
      [
        { manager: 'helm', field: '.spec.image' },
        { manager: 'helm', field: '.spec.replicas' },
      ],
    );
  });
});
