import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { appDescription, appStatus } from '../../../src/cluster/appStatus';
import { healthChecks } from '../../../src/cluster/health';
import { nodeSpinCapability } from '../../../src/cluster/nodeCapability';
import type { Node, Pod, RuntimeClass, SpinApp } from '../../../src/cluster/resources';

function app(
  status: SpinApp['status'],
  spec: SpinApp['spec'] = { replicas: 3, executor: 'containerd-shim-spin' },
): SpinApp {
  return { metadata: { name: 'hello', namespace: 'default' }, spec: { image: 'r/hello:1', ...spec }, status };
}
const cond = (type: string, status: string, reason = '', message = '') => ({ type, status, reason, message });

describe('SpinApp status', () => {
  it('is ready when Available and all replicas are ready', () => {
    const a = app({ readyReplicas: 3, conditions: [cond('Available', 'True'), cond('Progressing', 'True')] });
    const s = appStatus(a);
    assert.equal(s.state, 'ready');
    assert.equal(appDescription(a, s), '3/3 · containerd-shim-spin');
  });

  it('is progressing while replicas are missing', () => {
    const s = appStatus(
      app({ readyReplicas: 2, conditions: [cond('Available', 'True'), cond('Progressing', 'True')] }),
    );
    assert.equal(s.state, 'progressing');
    assert.equal(s.ready, 2);
    assert.equal(s.desired, 3);
  });

  it('is failed when the rollout stalls, with the Deployment message', () => {
    const s = appStatus(
      app({
        readyReplicas: 0,
        conditions: [
          cond('Available', 'False', 'MinimumReplicasUnavailable'),
          cond(
            'Progressing',
            'False',
            'ProgressDeadlineExceeded',
            'ReplicaSet "hello-1" has timed out progressing.',
          ),
        ],
      }),
    );
    assert.equal(s.state, 'failed');
    assert.equal(s.summary, 'ProgressDeadlineExceeded');
    assert.match(s.problem ?? '', /timed out/);
  });

  it('is failed when a pod crash-loops or cannot pull, and when the executor is missing', () => {
    const crashing: Pod = {
      status: {
        containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m' } } }],
      },
    };
    const a = app({
      readyReplicas: 0,
      conditions: [cond('Available', 'False'), cond('Progressing', 'True')],
    });
    assert.equal(appStatus(a, { pods: [crashing] }).summary, 'CrashLoopBackOff');
    const between: Pod = {
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            ready: false,
            restartCount: 1,
            state: { running: {} },
            lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          },
        ],
      },
    };
    assert.equal(appStatus(a, { pods: [between] }).state, 'failed', 'running for a moment between crashes');
    const missing = appStatus(a, { executorExists: false });
    assert.equal(missing.state, 'failed');
    assert.match(
      missing.problem ?? '',
      /Executor "containerd-shim-spin" does not exist in namespace "default"/,
    );
  });

  it('is unknown without conditions or with DeploymentNotFound, and says so', () => {
    assert.equal(appStatus(app(undefined)).state, 'unknown');
    const s = appStatus(
      app({
        readyReplicas: 0,
        conditions: [
          cond('Available', 'Unknown', 'DeploymentNotFound', 'Deployment not found'),
          cond('Progressing', 'Unknown', 'DeploymentNotFound', 'Deployment not found'),
        ],
      }),
    );
    assert.equal(s.state, 'unknown');
    assert.equal(s.summary, 'DeploymentNotFound');
  });

  it('prints auto for autoscaled apps', () => {
    const a = app(
      { readyReplicas: 1, conditions: [cond('Available', 'True')] },
      { enableAutoscaling: true, executor: 'x' },
    );
    const s = appStatus(a);
    assert.equal(s.state, 'ready');
    assert.equal(appDescription(a, s), '1/auto · x');
  });
});

describe('node Spin capability', () => {
  const rcm: RuntimeClass = {
    metadata: { name: 'wasmtime-spin-v2' },
    handler: 'spin-v2',
    scheduling: { nodeSelector: { spin: 'true' } },
  };
  const node = (labels: Record<string, string>): Node => ({ metadata: { name: 'n', labels } });

  it('reads runtime-class-manager labels', () => {
    assert.equal(nodeSpinCapability(node({ 'spin-v2': 'provisioned' }), [rcm]).capable, 'yes');
    assert.equal(nodeSpinCapability(node({ 'spin-v2': 'pending' }), [rcm]).capable, 'pending');
    assert.equal(nodeSpinCapability(node({ 'spin-v2': 'failed' }), [rcm]).capable, 'failed');
  });

  it('reads the KWasm label and the RuntimeClass node selector', () => {
    assert.equal(nodeSpinCapability(node({ 'kwasm.sh/kwasm-provisioned': 'n' }), []).via, 'kwasm');
    assert.equal(nodeSpinCapability(node({ spin: 'true' }), [rcm]).via, 'runtimeclass-selector');
    assert.equal(nodeSpinCapability(node({}), [rcm]).capable, 'no');
    assert.equal(nodeSpinCapability(node({}), []).detail, 'no Spin RuntimeClass');
  });

  it('ignores RuntimeClasses of other runtimes', () => {
    const gvisor: RuntimeClass = { metadata: { name: 'gvisor' }, handler: 'runsc' };
    assert.equal(nodeSpinCapability(node({}), [gvisor]).capable, 'no');
  });
});

describe('SpinKube health', () => {
  const healthy = {
    apiGroup: 'core.spinkube.dev',
    operator: {
      namespace: 'spin-operator',
      name: 'spin-operator-controller-manager',
      ready: true,
      readyReplicas: 1,
      replicas: 1,
      version: 'v0.6.1',
    },
    certManager: true,
    runtimeClasses: [{ metadata: { name: 'wasmtime-spin-v2' }, handler: 'spin' }],
    executorCount: 1,
    spinNodeCount: 2,
    nodeCount: 2,
  };

  it('passes every check on a healthy cluster', () => {
    const checks = healthChecks(healthy);
    assert.deepEqual(
      checks.map((c) => c.result),
      ['pass', 'pass', 'pass', 'pass', 'pass', 'pass'],
    );
    assert.match(checks[1]?.detail ?? '', /v0\.6\.1/);
  });

  it('says what to do for each failing check', () => {
    const checks = healthChecks({
      apiGroup: null,
      operator: null,
      certManager: false,
      runtimeClasses: [],
      executorCount: 0,
      spinNodeCount: 0,
      nodeCount: 2,
    });
    assert.ok(checks.every((c) => c.result === 'fail' && (c.fix ?? '').length > 10));
    assert.match(checks.find((c) => c.id === 'spinNode')?.fix ?? '', /kubectl label node --all spin=true/);
  });

  it('is unknown, not failed, when something could not be checked', () => {
    const checks = healthChecks({ ...healthy, operator: undefined, unknownReason: 'forbidden' });
    assert.equal(checks.find((c) => c.id === 'operator')?.result, 'unknown');
    assert.equal(checks.find((c) => c.id === 'operator')?.detail, 'forbidden');
  });
});
