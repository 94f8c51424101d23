// The API simulator as @kubernetes/client-node sees it, writing: patches, server-side apply, the
// status and scale subresources, spin-operator's webhooks, CRD schemas and lifecycle, garbage
// collection and finalizers, and the Tables kubectl prints of what was written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import type { Simulator } from '../support/k8s-sim/index';
import { waitFor } from '../support/waitFor';
import { GROUP, VERSION, rejects, startSimulatorClients } from './simulatorClients';

describe('Kubernetes API simulator through @kubernetes/client-node: writes', () => {
  let sim: Simulator;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;
  let custom: k8s.CustomObjectsApi;

  before(async () => {
    ({ sim, kc, core, apps, custom } = await startSimulatorClients());
  });

  after(async () => {
    await sim.stop();
  });
  it('applies merge, JSON and strategic merge patches', async () => {
    const d = await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'patched', labels: { a: '1' } },
        spec: {
          selector: { matchLabels: { app: 'p' } },
          template: {
            metadata: { labels: { app: 'p' } },
            spec: {
              containers: [
                { name: 'main', image: 'nginx:1' },
                { name: 'side', image: 'busybox:1' },
              ],
            },
          },
        },
      },
    });
    assert.equal(d.metadata!.generation, 1);
    const merged = await apps.patchNamespacedDeployment(
      { name: 'patched', namespace: 'default', body: { metadata: { labels: { b: '2', a: null } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    assert.deepEqual(merged.metadata!.labels, { b: '2' });
    assert.equal(merged.metadata!.generation, 1, 'metadata changes do not bump generation');
    const json = await apps.patchNamespacedDeployment(
      { name: 'patched', namespace: 'default', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
    );
    assert.equal(json.spec!.replicas, 3);
    assert.equal(json.metadata!.generation, 2);
    const strategic = await apps.patchNamespacedDeployment(
      {
        name: 'patched',
        namespace: 'default',
        body: { spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox:2' }] } } } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    assert.deepEqual(
      strategic.spec!.template.spec!.containers.map((c) => `${c.name}=${c.image}`),
      ['main=nginx:1', 'side=busybox:2'],
    );
  });

  it('server-side apply: owns fields per manager, refuses conflicts with the fields listed, and forces', async () => {
    const config = (replicas: number) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'applied', namespace: 'default' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'x' } },
          spec: { containers: [{ name: 'app', image: 'nginx:1' }] },
        },
      },
    });
    const ssa = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply);
    const created = await apps.patchNamespacedDeployment(
      { name: 'applied', namespace: 'default', body: config(2), fieldManager: 'alice' },
      ssa,
    );
    assert.equal(created.spec!.replicas, 2);
    assert.deepEqual(
      created.metadata!.managedFields!.map((m) => `${m.manager}/${m.operation}`),
      ['alice/Apply'],
    );
    const conflict = await rejects(
      apps.patchNamespacedDeployment(
        { name: 'applied', namespace: 'default', body: config(5), fieldManager: 'bob' },
        ssa,
      ),
    );
    assert.equal(conflict.code, 409);
    assert.equal(conflict.body.reason, 'Conflict');
    assert.equal(
      conflict.body.message,
      'Apply failed with 1 conflict: conflict with "alice": .spec.replicas',
    );
    assert.deepEqual(
      conflict.body.details!.causes!.map((c) => [c.reason, c.field]),
      [['FieldManagerConflict', '.spec.replicas']],
    );
    const same = await apps.patchNamespacedDeployment(
      { name: 'applied', namespace: 'default', body: config(2), fieldManager: 'bob' },
      ssa,
    );
    assert.equal(same.spec!.replicas, 2, 'applying the same value shares ownership without conflict');
    const forced = await apps.patchNamespacedDeployment(
      { name: 'applied', namespace: 'default', body: config(5), fieldManager: 'carol', force: true },
      ssa,
    );
    assert.equal(forced.spec!.replicas, 5);
    const missingManager = await rejects(
      apps.patchNamespacedDeployment({ name: 'applied', namespace: 'default', body: config(1) }, ssa),
    );
    assert.equal(missingManager.code, 422);
  });

  it('keeps status and spec apart when a kind has the status subresource', async () => {
    const body = {
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'SpinApp',
      metadata: { name: 'split' },
      spec: { image: 'ghcr.io/a/b:1', replicas: 1, executor: 'containerd-shim-spin' },
      status: { readyReplicas: 9 },
    };
    const created = (await custom.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: 'default',
      plural: 'spinapps',
      body,
    })) as { status?: unknown; metadata: { generation: number } };
    assert.equal(created.status, undefined, 'status is dropped on create');
    const withStatus = (await custom.patchNamespacedCustomObjectStatus(
      {
        group: GROUP,
        version: VERSION,
        namespace: 'default',
        plural: 'spinapps',
        name: 'split',
        body: { status: { readyReplicas: 1 }, spec: { replicas: 7 } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    )) as { status: { readyReplicas: number }; spec: { replicas: number }; metadata: { generation: number } };
    assert.equal(withStatus.status.readyReplicas, 1);
    assert.equal(withStatus.spec.replicas, 1, '/status ignores spec');
    assert.equal(withStatus.metadata.generation, 1);
    const main = (await custom.patchNamespacedCustomObject(
      {
        group: GROUP,
        version: VERSION,
        namespace: 'default',
        plural: 'spinapps',
        name: 'split',
        body: { status: { readyReplicas: 0 }, spec: { replicas: 2 } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    )) as typeof withStatus;
    assert.equal(main.status.readyReplicas, 1, 'the main endpoint ignores status');
    assert.equal(main.spec.replicas, 2);
    assert.equal(main.metadata.generation, 2, 'a spec change bumps generation');
  });

  it("runs spin-operator's webhooks: defaults the executor and denies invalid SpinApps with the webhook's message", async () => {
    const defaulted = (await custom.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: 'default',
      plural: 'spinapps',
      body: {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'SpinApp',
        metadata: { name: 'defaulted' },
        spec: { image: 'ghcr.io/a/b:1', replicas: 1 },
      },
    })) as { spec: { executor: string } };
    assert.equal(defaulted.spec.executor, 'containerd-shim-spin');
    const denied = await rejects(
      custom.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: 'default',
        plural: 'spinapps',
        body: {
          apiVersion: `${GROUP}/${VERSION}`,
          kind: 'SpinApp',
          metadata: { name: 'bad' },
          spec: { image: 'x', executor: 'nope', replicas: 2, enableAutoscaling: true },
        },
      }),
    );
    assert.equal(denied.code, 422);
    assert.equal(denied.body.reason, 'Invalid');
    assert.equal(
      denied.body.message,
      'admission webhook "vspinapp.kb.io" denied the request: SpinApp.core.spinkube.dev "bad" is invalid: [spec.executor: Invalid value: "nope": executor does not exist in namespace, spec.replicas: Invalid value: 2: replicas cannot be set when autoscaling is enabled]',
    );
    const executor = await rejects(
      custom.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: 'default',
        plural: 'spinappexecutors',
        body: {
          apiVersion: `${GROUP}/${VERSION}`,
          kind: 'SpinAppExecutor',
          metadata: { name: 'both' },
          spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'a', spinImage: 'b' } },
        },
      }),
    );
    assert.match(
      executor.body.message,
      /^admission webhook "vspinappexecutor.kb.io" denied the request: SpinAppExecutor.core.spinkube.dev "both" is invalid: spec.deploymentConfig.runtimeClassName: Invalid value: "a": runtimeClassName and spinImage are mutually exclusive$/,
    );
  });

  it('checks custom resources against the CRD schema (required fields)', async () => {
    sim.server.ops.admission.setEnabled('mspinapp.kb.io', false);
    sim.server.ops.admission.setEnabled('vspinapp.kb.io', false);
    try {
      const res = await rejects(
        custom.createNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          namespace: 'default',
          plural: 'spinapps',
          body: {
            apiVersion: `${GROUP}/${VERSION}`,
            kind: 'SpinApp',
            metadata: { name: 'noexec' },
            spec: { image: 'x' },
          },
        }),
      );
      assert.equal(res.code, 422);
      assert.equal(
        res.body.message,
        'SpinApp.core.spinkube.dev "noexec" is invalid: spec.executor: Required value',
      );
    } finally {
      sim.server.ops.admission.setEnabled('mspinapp.kb.io', true);
      sim.server.ops.admission.setEnabled('vspinapp.kb.io', true);
    }
  });

  it('serves a new kind when its CRD is created, and stops when it is deleted', async () => {
    const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
    await ext.createCustomResourceDefinition({
      body: {
        metadata: { name: 'widgets.example.dev' },
        spec: {
          group: 'example.dev',
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true } },
            },
          ],
        },
      },
    });
    const crd = await ext.readCustomResourceDefinition({ name: 'widgets.example.dev' });
    assert.ok(crd.status!.conditions!.some((c) => c.type === 'Established' && c.status === 'True'));
    await custom.createNamespacedCustomObject({
      group: 'example.dev',
      version: 'v1',
      namespace: 'default',
      plural: 'widgets',
      body: { apiVersion: 'example.dev/v1', kind: 'Widget', metadata: { name: 'w' } },
    });
    const list = (await custom.listNamespacedCustomObject({
      group: 'example.dev',
      version: 'v1',
      namespace: 'default',
      plural: 'widgets',
    })) as { items: unknown[] };
    assert.equal(list.items.length, 1);
    await ext.deleteCustomResourceDefinition({ name: 'widgets.example.dev' });
    const res = await fetch(`${sim.url}/apis/example.dev/v1/namespaces/default/widgets`);
    assert.equal(res.status, 404);
  });

  it('garbage-collects dependents of a deleted owner, and orphans them on request', async () => {
    const owner = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'owner' } },
    });
    const ref = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'owner',
      uid: owner.metadata!.uid!,
      controller: true,
    };
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'dependent', ownerReferences: [ref] } },
    });
    await core.deleteNamespacedConfigMap({ name: 'owner', namespace: 'default' });
    await waitFor('the dependent to be garbage-collected', async () => {
      const r = await rejects(core.readNamespacedConfigMap({ name: 'dependent', namespace: 'default' }));
      return r.code === 404;
    });
    const owner2 = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'owner2' } },
    });
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: {
        metadata: {
          name: 'orphan',
          ownerReferences: [{ ...ref, name: 'owner2', uid: owner2.metadata!.uid! }],
        },
      },
    });
    await core.deleteNamespacedConfigMap({
      name: 'owner2',
      namespace: 'default',
      propagationPolicy: 'Orphan',
    });
    const orphan = await core.readNamespacedConfigMap({ name: 'orphan', namespace: 'default' });
    assert.equal(orphan.metadata!.ownerReferences, undefined);
  });

  it('keeps an object with finalizers until they are removed', async () => {
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'held', finalizers: ['example.dev/hold'] } },
    });
    await core.deleteNamespacedConfigMap({ name: 'held', namespace: 'default' });
    const held = await core.readNamespacedConfigMap({ name: 'held', namespace: 'default' });
    assert.ok(held.metadata!.deletionTimestamp);
    await core.patchNamespacedConfigMap(
      { name: 'held', namespace: 'default', body: { metadata: { finalizers: null } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const gone = await rejects(core.readNamespacedConfigMap({ name: 'held', namespace: 'default' }));
    assert.equal(gone.code, 404);
  });

  it('serves the scale subresource of deployments', async () => {
    const scale = await apps.readNamespacedDeploymentScale({ name: 'patched', namespace: 'default' });
    assert.equal(scale.spec!.replicas, 3);
    assert.equal(scale.status!.selector, 'app=p');
    await apps.patchNamespacedDeploymentScale(
      { name: 'patched', namespace: 'default', body: { spec: { replicas: 1 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    assert.equal(
      (await apps.readNamespacedDeployment({ name: 'patched', namespace: 'default' })).spec!.replicas,
      1,
    );
  });

  it('prints Tables for kubectl: the CRD printer columns of SpinApps, the usual columns of pods', async () => {
    const accept = { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' };
    const res = await fetch(`${sim.url}/apis/${GROUP}/${VERSION}/namespaces/default/spinapps`, {
      headers: accept,
    });
    const table = (await res.json()) as {
      kind: string;
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[] }[];
    };
    assert.equal(table.kind, 'Table');
    assert.deepEqual(
      table.columnDefinitions.map((c) => c.name),
      ['Name', 'Ready', 'Desired', 'Executor', 'Deployment', 'Service'],
    );
    const split = table.rows.find((r) => r.cells[0] === 'split');
    assert.deepEqual(split?.cells.slice(0, 4), ['split', 1, 2, 'containerd-shim-spin']);
    await core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'tabled' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } },
    });
    const pods = (await (
      await fetch(`${sim.url}/api/v1/namespaces/default/pods/tabled`, { headers: accept })
    ).json()) as typeof table;
    assert.deepEqual(pods.columnDefinitions.map((c) => c.name).slice(0, 4), [
      'Name',
      'Ready',
      'Status',
      'Restarts',
    ]);
    assert.deepEqual(pods.rows[0]!.cells.slice(0, 4), ['tabled', '0/1', 'Pending', 0]);
  });
});
