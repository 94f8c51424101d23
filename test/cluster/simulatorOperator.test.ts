// The simulated SpinKube operator (+ Deployment controller, scheduler and kubelet on the simulator):
// a SpinApp becomes a Deployment, a Service and running pods and reports Ready; each failure mode
// shows up as the real components word it. With SPINKUBE_TEST_KUBECONFIG set, the same tests run
// against that cluster (which needs the Spin shim and RuntimeClass of a SpinKube quickstart).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { startOperatorTarget, type OperatorTarget } from '../support/k8s-sim/operatorTarget';
import { waitFor } from '../support/waitFor';

const GROUP = 'core.spinkube.dev';
const VERSION = 'v1alpha1';
const HELLO = 'ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.17.0';

interface SpinAppStatus {
  readyReplicas?: number;
  activeScheduler?: string;
  conditions?: { type: string; status: string; reason: string; message: string }[];
}

describe('simulated SpinKube operator', () => {
  let t: OperatorTarget;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;
  let custom: k8s.CustomObjectsApi;
  let ns: string;

  const createApp = async (
    name: string,
    spec: Record<string, unknown>,
    annotations?: Record<string, string>,
  ) =>
    custom.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'spinapps',
      body: {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'SpinApp',
        metadata: { name, ...(annotations ? { annotations } : {}) },
        spec: { executor: 'containerd-shim-spin', replicas: 1, ...spec },
      },
    });
  const createExecutor = async (name: string, spec: Record<string, unknown>) =>
    custom.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'spinappexecutors',
      body: { apiVersion: `${GROUP}/${VERSION}`, kind: 'SpinAppExecutor', metadata: { name }, spec },
    });
  const appStatus = async (name: string): Promise<SpinAppStatus> =>
    (
      (await custom.getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: ns,
        plural: 'spinapps',
        name,
      })) as { status?: SpinAppStatus }
    ).status ?? {};
  const appPods = async (name: string) =>
    (await core.listNamespacedPod({ namespace: ns, labelSelector: `core.spinkube.dev/app-name=${name}` }))
      .items;
  const events = async (reason: string) =>
    (await core.listNamespacedEvent({ namespace: ns, fieldSelector: `reason=${reason}` })).items;

  before(async () => {
    t = await startOperatorTarget();
    ns = t.namespace;
    core = t.kubeConfig.makeApiClient(k8s.CoreV1Api);
    apps = t.kubeConfig.makeApiClient(k8s.AppsV1Api);
    custom = t.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    await createExecutor('containerd-shim-spin', {
      createDeployment: true,
      deploymentConfig: { runtimeClassName: t.runtimeClass, installDefaultCACerts: true },
    });
  });

  after(async () => {
    await t.stop();
  });

  it('turns a SpinApp into a Deployment, a Service and running pods, and reports it Ready', async () => {
    await createApp('hello', { image: HELLO, replicas: 2, variables: [{ name: 'greeting', value: 'hi' }] });
    const d = await waitFor('the Deployment', () =>
      apps.readNamespacedDeployment({ name: 'hello', namespace: ns }),
    );
    assert.equal(d.metadata!.labels!['core.spinkube.dev/app-name'], 'hello');
    assert.deepEqual(
      d.metadata!.ownerReferences!.map((r) => [r.kind, r.name, r.controller]),
      [['SpinApp', 'hello', true]],
    );
    assert.equal(d.spec!.replicas, 2);
    assert.deepEqual(d.spec!.selector.matchLabels, {
      'core.spinkube.dev/app-name': 'hello',
      'core.spinkube.dev/app.hello.status': 'ready',
    });
    const pod = d.spec!.template.spec!;
    assert.equal(pod.runtimeClassName, t.runtimeClass);
    const container = pod.containers[0]!;
    assert.deepEqual([container.name, container.image, container.command], ['hello', HELLO, ['/']]);
    assert.deepEqual(
      container.ports!.map((p) => [p.name, p.containerPort]),
      [['http-app', 80]],
    );
    const env = Object.fromEntries(container.env!.map((e) => [e.name, e.value]));
    assert.equal(env.SPIN_VARIABLE_GREETING, 'hi');
    assert.equal(env.SPIN_HTTP_LISTEN_ADDR, '0.0.0.0:80');
    assert.ok(
      d.metadata!.managedFields!.some((m) => m.manager === 'spin-operator' && m.operation === 'Apply'),
    );
    const svc = await waitFor('the Service', () =>
      core.readNamespacedService({ name: 'hello', namespace: ns }),
    );
    assert.deepEqual(svc.spec!.selector, { 'core.spinkube.dev/app.hello.status': 'ready' });
    assert.deepEqual(
      svc.spec!.ports!.map((p) => [p.port, p.targetPort]),
      [[80, 'http-app']],
    );
    const status = await waitFor(
      'the SpinApp to be ready',
      async () => {
        const s = await appStatus('hello');
        return s.readyReplicas === 2 &&
          s.conditions?.some((c) => c.type === 'Available' && c.status === 'True')
          ? s
          : undefined;
      },
      60000,
    );
    assert.equal(status.activeScheduler, 'containerd-shim-spin');
    const available = status.conditions!.find((c) => c.type === 'Available')!;
    assert.deepEqual(
      [available.reason, available.message],
      ['MinimumReplicasAvailable', 'Deployment has minimum availability.'],
    );
    const pods = await appPods('hello');
    assert.equal(pods.filter((p) => p.status!.phase === 'Running').length, 2);
    assert.ok(
      (await events('Scheduled')).some((e) => e.message!.startsWith(`Successfully assigned ${ns}/hello-`)),
    );
  });

  it('follows a change of replicas and removes everything when the SpinApp is deleted', async () => {
    await custom.patchNamespacedCustomObject(
      {
        group: GROUP,
        version: VERSION,
        namespace: ns,
        plural: 'spinapps',
        name: 'hello',
        body: { spec: { replicas: 3 } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await waitFor('three ready replicas', async () => (await appStatus('hello')).readyReplicas === 3, 60000);
    await custom.deleteNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'spinapps',
      name: 'hello',
    });
    await waitFor('the Deployment and Service to be garbage-collected', async () => {
      const left =
        (await apps.listNamespacedDeployment({ namespace: ns })).items.filter(
          (d) => d.metadata!.name === 'hello',
        ).length +
        (await core.listNamespacedService({ namespace: ns })).items.filter(
          (s) => s.metadata!.name === 'hello',
        ).length;
      return left === 0;
    });
  });

  it('reports image pull failures with the registry answer (ErrImagePull, ImagePullBackOff)', async () => {
    const image = 'registry.invalid/spinkube/missing:v1';
    await createApp('nopull', { image });
    const failed = await waitFor(
      'a Failed event',
      async () =>
        (await events('Failed')).find((e) => e.message!.startsWith(`Failed to pull image "${image}": `)),
      60000,
    );
    assert.equal(failed.type, 'Warning');
    assert.match(failed.message!, /no such host/);
    const waiting = await waitFor('the container to wait on the image', async () => {
      const reason = (await appPods('nopull'))[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      return reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? reason : undefined;
    });
    assert.ok(waiting);
    const status = await waitFor('the unavailable condition', async () =>
      (await appStatus('nopull')).conditions?.find((c) => c.type === 'Available' && c.status === 'False'),
    );
    assert.deepEqual(
      [status.reason, status.message],
      ['MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    );
  });

  it('reports crash loops (CrashLoopBackOff, BackOff events, the last log lines)', async () => {
    // On a real cluster busybox cannot run `spin up` and exits; on the simulator the annotation says so.
    await createExecutor('crashing-spintainer', {
      createDeployment: true,
      deploymentConfig: { spinImage: 'busybox:1.36' },
    });
    await createApp(
      'crashy',
      { image: HELLO, executor: 'crashing-spintainer' },
      {
        'sim.spinkube.dev/failure': 'crash-loop',
        'sim.spinkube.dev/crash-log': 'Error: boom\nCaused by: no such export',
      },
    );
    const pod = await waitFor(
      'CrashLoopBackOff',
      async () =>
        (await appPods('crashy')).find(
          (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
        ),
      60000,
    );
    assert.ok(pod.status!.containerStatuses![0]!.restartCount >= 1);
    const backoff = await waitFor('a BackOff event', async () =>
      (await events('BackOff')).find((e) => e.involvedObject.name === pod.metadata!.name),
    );
    assert.equal(
      backoff.message,
      `Back-off restarting failed container crashy in pod ${pod.metadata!.name}_${ns}(${pod.metadata!.uid})`,
    );
    if (t.sim) {
      const log = await core.readNamespacedPodLog({ name: pod.metadata!.name!, namespace: ns });
      assert.match(log, /Error: boom\nCaused by: no such export\n/);
    }
  });

  it('reports FailedScheduling when no node can run the RuntimeClass', async () => {
    await t.kubeConfig.makeApiClient(k8s.NodeV1Api).createRuntimeClass({
      body: {
        metadata: { name: `${ns}-nowhere` },
        handler: 'spin',
        scheduling: { nodeSelector: { 'spinkube.dev/test-no-such-node': 'true' } },
      },
    });
    try {
      await createExecutor('nowhere', {
        createDeployment: true,
        deploymentConfig: { runtimeClassName: `${ns}-nowhere` },
      });
      await createApp('stranded', { image: HELLO, executor: 'nowhere' });
      const ev = await waitFor(
        'FailedScheduling',
        async () =>
          (await events('FailedScheduling')).find((e) => e.involvedObject.name?.startsWith('stranded-')),
        60000,
      );
      assert.match(
        ev.message!,
        /^0\/(\d+) nodes are available: \1 node\(s\) didn't match Pod's node affinity\/selector\./,
      );
      const pod = (await appPods('stranded'))[0]!;
      const scheduled = pod.status!.conditions!.find((c) => c.type === 'PodScheduled')!;
      assert.deepEqual([scheduled.status, scheduled.reason], ['False', 'Unschedulable']);
    } finally {
      await t.kubeConfig.makeApiClient(k8s.NodeV1Api).deleteRuntimeClass({ name: `${ns}-nowhere` });
    }
  });

  it('warns MissingExecutor when the executor does not exist', async () => {
    t.setWebhookEnabled('vspinapp.kb.io', false);
    try {
      await createApp('orphan', { image: HELLO, executor: 'ghost' });
    } finally {
      t.setWebhookEnabled('vspinapp.kb.io', true);
    }
    const ev = await waitFor('MissingExecutor', async () =>
      (await events('MissingExecutor')).find((e) => e.involvedObject.name === 'orphan'),
    );
    assert.deepEqual([ev.type, ev.message], ['Warning', `Could not find SpinAppExecutor ${ns}/ghost`]);
  });

  it('blocks deleting an executor while SpinApps use it (DeletionBlocked), then lets it go', async () => {
    await createExecutor('guarded', {
      createDeployment: true,
      deploymentConfig: { runtimeClassName: t.runtimeClass },
    });
    await waitFor('the finalizer', async () =>
      (
        (await custom.getNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          namespace: ns,
          plural: 'spinappexecutors',
          name: 'guarded',
        })) as { metadata: { finalizers?: string[] } }
      ).metadata.finalizers?.includes('core.spinkube.dev/finalizer'),
    );
    await createApp('guarded-app', { image: HELLO, executor: 'guarded' });
    await custom.deleteNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'spinappexecutors',
      name: 'guarded',
    });
    const ev = await waitFor('DeletionBlocked', async () =>
      (await events('DeletionBlocked')).find((e) => e.involvedObject.name === 'guarded'),
    );
    assert.equal(ev.message, 'Cannot delete SpinAppExecutor with dependent SpinApps');
    await custom.deleteNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: ns,
      plural: 'spinapps',
      name: 'guarded-app',
    });
    await waitFor('the executor to be deleted', async () => {
      try {
        await custom.getNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          namespace: ns,
          plural: 'spinappexecutors',
          name: 'guarded',
        });
        return false;
      } catch (err) {
        return err instanceof k8s.ApiException && err.code === 404;
      }
    });
  });
});
