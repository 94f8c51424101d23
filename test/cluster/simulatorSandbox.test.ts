// The sandbox as `npm start` and the VS Code suites use it: the demo seed reaches its states, the
// CLI prints a kubeconfig and stops on SIGINT; plus the legacy API group and a 10,000-app store.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { startSimulator } from '../support/k8s-sim/index';
import { startSimOperator } from '../support/k8s-sim/operator/index';
import { seedManyApps, seedSpinKube } from '../support/k8s-sim/seed';
import { waitFor } from '../support/waitFor';
import { DEMO_APPS, startSandbox, type Sandbox } from '../support/sandbox';

interface App {
  metadata: { name: string; namespace: string };
  status?: { readyReplicas?: number; conditions?: { type: string; status: string; reason: string }[] };
}

describe('sandbox', () => {
  let sandbox: Sandbox;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  let custom: k8s.CustomObjectsApi;

  before(async () => {
    sandbox = await startSandbox({ seed: 'demo', secondMs: 10 });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(sandbox.kubeconfigPath);
    core = kc.makeApiClient(k8s.CoreV1Api);
    custom = kc.makeApiClient(k8s.CustomObjectsApi);
  });

  after(async () => {
    await sandbox.stop();
  });

  const app = async (namespace: string, name: string): Promise<App> =>
    (await custom.getNamespacedCustomObject({
      group: 'core.spinkube.dev',
      version: 'v1alpha1',
      namespace,
      plural: 'spinapps',
      name,
    })) as App;
  const waitingReason = async (name: string) =>
    (
      await core.listNamespacedPod({
        namespace: 'default',
        labelSelector: `core.spinkube.dev/app-name=${name}`,
      })
    ).items[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason;

  it('has Spin-capable nodes, a plain node, the RuntimeClass, the executor and a ready spin-operator', async () => {
    const nodes = (await core.listNode()).items;
    assert.equal(nodes.length, 3);
    assert.equal(nodes.filter((n) => n.metadata!.labels!['spin-v2'] === 'provisioned').length, 2);
    const rc = await kc.makeApiClient(k8s.NodeV1Api).readRuntimeClass({ name: 'wasmtime-spin-v2' });
    assert.equal(rc.handler, 'spin');
    const executor = (await custom.getNamespacedCustomObject({
      group: 'core.spinkube.dev',
      version: 'v1alpha1',
      namespace: 'default',
      plural: 'spinappexecutors',
      name: 'containerd-shim-spin',
    })) as { spec: { createDeployment: boolean } };
    assert.equal(executor.spec.createDeployment, true);
    const operator = await waitFor('spin-operator to be available', async () => {
      const d = await kc
        .makeApiClient(k8s.AppsV1Api)
        .readNamespacedDeployment({ name: 'spin-operator-controller-manager', namespace: 'spin-operator' });
      return d.status?.availableReplicas === 1 ? d : undefined;
    });
    assert.equal(operator.metadata!.labels!['app.kubernetes.io/version'], 'v0.6.1');
    assert.match(operator.spec!.template.spec!.containers[0]!.image!, /:v0\.6\.1$/);
  });

  it('brings the demo apps to their states: ready, progressing, image pull failure, crash loop, missing executor', async () => {
    await waitFor(
      'hello-spin ready',
      async () => (await app('default', DEMO_APPS.ready)).status?.readyReplicas === 2,
    );
    await waitFor(
      'cart ready in another namespace',
      async () => (await app('shop', DEMO_APPS.otherNamespace)).status?.readyReplicas === 3,
    );
    await waitFor('image pull failure', async () =>
      ['ErrImagePull', 'ImagePullBackOff'].includes(String(await waitingReason(DEMO_APPS.imagePull))),
    );
    await waitFor(
      'crash loop',
      async () => (await waitingReason(DEMO_APPS.crashLoop)) === 'CrashLoopBackOff',
    );
    const slow = await waitFor('slow-starter progressing', async () => {
      const s = (await app('default', DEMO_APPS.progressing)).status;
      return s?.conditions?.length ? s : undefined;
    });
    const [available, progressing] = slow.conditions!;
    assert.deepEqual(
      [available!.type, available!.status, available!.reason],
      ['Available', 'False', 'MinimumReplicasUnavailable'],
    );
    // Still progressing, or (on a slow machine) already past the scaled progress deadline.
    assert.ok(
      ['True/ReplicaSetUpdated', 'False/ProgressDeadlineExceeded'].includes(
        `${progressing!.status}/${progressing!.reason}`,
      ),
      `unexpected Progressing condition ${progressing!.status}/${progressing!.reason}`,
    );
    const missing = await waitFor(
      'MissingExecutor event',
      async () =>
        (
          await core.listNamespacedEvent({
            namespace: 'default',
            fieldSelector: `involvedObject.name=${DEMO_APPS.missingExecutor},reason=MissingExecutor`,
          })
        ).items[0],
    );
    assert.equal(missing.message, 'Could not find SpinAppExecutor default/wasmtime-v1');
  });

  it('fails an app on demand through the operator handle', async () => {
    sandbox.operator.setFailure('shop', 'late-crash', 'crash-loop');
    await custom.createNamespacedCustomObject({
      group: 'core.spinkube.dev',
      version: 'v1alpha1',
      namespace: 'shop',
      plural: 'spinapps',
      body: {
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name: 'late-crash' },
        spec: { image: 'ghcr.io/x/y:1', replicas: 1 },
      },
    });
    await waitFor('crash loop on demand', async () => {
      const pods = (
        await core.listNamespacedPod({
          namespace: 'shop',
          labelSelector: 'core.spinkube.dev/app-name=late-crash',
        })
      ).items;
      return pods[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff';
    });
  });
});

describe('sandbox CLI', () => {
  it('prints the kubeconfig path, serves it, and stops on SIGINT', async () => {
    const cli = join(__dirname, '..', 'support', 'sandbox-cli.js');
    const child = spawn(process.execPath, [cli, '--seed', 'empty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const path = await waitFor('the kubeconfig path', () => (out.includes('\n') ? out.trim() : undefined));
    assert.ok(existsSync(path));
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(path);
    assert.ok((await kc.makeApiClient(k8s.CoreV1Api).listNode()).items.length > 0);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });
});

describe('simulator extras', () => {
  it('serves the legacy core.spinoperator.dev API on demand, and the operator can drive it', async () => {
    const sim = await startSimulator({ legacyCrds: true });
    try {
      seedSpinKube(sim, []);
      const operator = await startSimOperator({
        kubeconfigPath: sim.kubeconfigPath,
        spinGroupVersion: 'core.spinoperator.dev/v1alpha1',
        secondMs: 10,
      });
      try {
        const kc = new k8s.KubeConfig();
        kc.loadFromFile(sim.kubeconfigPath);
        const custom = kc.makeApiClient(k8s.CustomObjectsApi);
        const legacy = { group: 'core.spinoperator.dev', version: 'v1alpha1', namespace: 'default' };
        await custom.createNamespacedCustomObject({
          ...legacy,
          plural: 'spinappexecutors',
          body: {
            apiVersion: 'core.spinoperator.dev/v1alpha1',
            kind: 'SpinAppExecutor',
            metadata: { name: 'containerd-shim-spin' },
            spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'wasmtime-spin-v2' } },
          },
        });
        await custom.createNamespacedCustomObject({
          ...legacy,
          plural: 'spinapps',
          body: {
            apiVersion: 'core.spinoperator.dev/v1alpha1',
            kind: 'SpinApp',
            metadata: { name: 'old' },
            spec: { image: 'ghcr.io/x/old:1', executor: 'containerd-shim-spin', replicas: 1 },
          },
        });
        await waitFor(
          'the legacy app to be ready',
          async () =>
            ((await custom.getNamespacedCustomObject({ ...legacy, plural: 'spinapps', name: 'old' })) as App)
              .status?.readyReplicas === 1,
        );
      } finally {
        await operator.stop();
      }
    } finally {
      await sim.stop();
    }
  });

  it('holds 10,000 SpinApps and 10,000 pods: complete paged lists and a watch that resumes after them', async () => {
    const sim = await startSimulator({ spinWebhooks: false });
    try {
      seedManyApps(sim, 10000, 3);
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(sim.kubeconfigPath);
      const custom = kc.makeApiClient(k8s.CustomObjectsApi);
      const names = new Set<string>();
      let cont: string | undefined;
      let rv = '';
      do {
        const page = (await custom.listClusterCustomObject({
          group: 'core.spinkube.dev',
          version: 'v1alpha1',
          plural: 'spinapps',
          limit: 2500,
          _continue: cont,
        })) as { items: App[]; metadata: { continue?: string; resourceVersion: string } };
        for (const item of page.items) names.add(`${item.metadata.namespace}/${item.metadata.name}`);
        cont = page.metadata.continue;
        rv = page.metadata.resourceVersion;
      } while (cont);
      assert.equal(names.size, 10000);
      const pods = await kc
        .makeApiClient(k8s.CoreV1Api)
        .listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=bench-node-1' });
      assert.equal(pods.items.length, 3333);
      const seen: string[] = [];
      const ctl = await new k8s.Watch(kc).watch(
        '/apis/core.spinkube.dev/v1alpha1/spinapps',
        { resourceVersion: rv },
        (type, obj: App) => seen.push(`${type}:${obj.metadata.name}`),
        () => undefined,
      );
      await custom.deleteNamespacedCustomObject({
        group: 'core.spinkube.dev',
        version: 'v1alpha1',
        namespace: 'bench-9',
        plural: 'spinapps',
        name: 'app-09999',
      });
      await waitFor('the deletion event', () => seen.length > 0);
      ctl.abort();
      assert.deepEqual(seen, ['DELETED:app-09999']);
    } finally {
      await sim.stop();
    }
  });
});
