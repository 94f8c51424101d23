// The API simulator as @kubernetes/client-node sees it, reading: discovery, CRUD, Status errors,
// selectors, pagination, authentication. Writes (and Tables of written objects) are in
// simulatorWrites.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';
import { GROUP, VERSION, rejects, startSimulatorClients } from './simulatorClients';

describe('Kubernetes API simulator through @kubernetes/client-node', () => {
  let sim: Simulator;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  let custom: k8s.CustomObjectsApi;

  before(async () => {
    ({ sim, kc, core, custom } = await startSimulatorClients());
  });

  after(async () => {
    await sim.stop();
  });

  it('serves discovery for built-in groups and the SpinKube CRDs', async () => {
    const apis = kc.makeApiClient(k8s.ApisApi);
    const groups = await apis.getAPIVersions();
    const names = groups.groups.map((g) => g.name);
    assert.ok(names.includes('apps') && names.includes(GROUP) && names.includes('node.k8s.io'));
    const res = await fetch(`${sim.url}/apis/${GROUP}/${VERSION}`);
    const list = (await res.json()) as { resources: { name: string; kind: string; namespaced: boolean }[] };
    const spinapps = list.resources.find((r) => r.name === 'spinapps');
    assert.deepEqual(
      { kind: spinapps?.kind, namespaced: spinapps?.namespaced },
      { kind: 'SpinApp', namespaced: true },
    );
    assert.ok(list.resources.some((r) => r.name === 'spinapps/status'));
    const version = await kc.makeApiClient(k8s.VersionApi).getCode();
    assert.equal(version.major, '1');
  });

  it('creates, reads, replaces and deletes core objects with server-set metadata', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { generateName: 'cfg-' }, data: { a: '1' } },
    });
    const name = created.metadata!.name!;
    assert.match(name, /^cfg-[a-z0-9]{5}$/);
    assert.ok(
      created.metadata!.uid && created.metadata!.resourceVersion && created.metadata!.creationTimestamp,
    );
    const read = await core.readNamespacedConfigMap({ name, namespace: 'default' });
    assert.equal(read.data!.a, '1');
    read.data!.a = '2';
    const replaced = await core.replaceNamespacedConfigMap({ name, namespace: 'default', body: read });
    assert.notEqual(replaced.metadata!.resourceVersion, read.metadata!.resourceVersion);
    const stale = await rejects(core.replaceNamespacedConfigMap({ name, namespace: 'default', body: read }));
    assert.equal(stale.code, 409);
    assert.equal(stale.body.reason, 'Conflict');
    assert.equal(
      stale.body.message,
      `Operation cannot be fulfilled on configmaps "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    );
    await core.deleteNamespacedConfigMap({ name, namespace: 'default' });
    const gone = await rejects(core.readNamespacedConfigMap({ name, namespace: 'default' }));
    assert.equal(gone.code, 404);
    assert.equal(gone.body.message, `configmaps "${name}" not found`);
  });

  it('answers with Status bodies worded as the API server words them', async () => {
    const missing = await rejects(
      custom.getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: 'default',
        plural: 'spinapps',
        name: 'nope',
      }),
    );
    assert.deepEqual(
      {
        code: missing.code,
        kind: missing.body.kind,
        reason: missing.body.reason,
        message: missing.body.message,
      },
      {
        code: 404,
        kind: 'Status',
        reason: 'NotFound',
        message: 'spinapps.core.spinkube.dev "nope" not found',
      },
    );
    await core.createNamespace({ body: { metadata: { name: 'dup' } } });
    const dup = await rejects(core.createNamespace({ body: { metadata: { name: 'dup' } } }));
    assert.equal(dup.code, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    assert.equal(dup.body.message, 'namespaces "dup" already exists');
    const noNs = await rejects(
      core.createNamespacedConfigMap({ namespace: 'no-such-ns', body: { metadata: { name: 'x' } } }),
    );
    assert.equal(noNs.body.message, 'namespaces "no-such-ns" not found');
  });

  it('filters lists by label selectors (=, ==, !=, in, notin, exists, !exists) and field selectors', async () => {
    const mk = (name: string, labels: Record<string, string>) =>
      core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name, labels } } });
    await mk('sel-a', { tier: 'web', env: 'prod' });
    await mk('sel-b', { tier: 'api', env: 'dev' });
    await mk('sel-c', { tier: 'web' });
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await core.listNamespacedConfigMap({ namespace: 'default', labelSelector, fieldSelector })).items
        .map((i) => i.metadata!.name)
        .filter((n) => n!.startsWith('sel-'));
    assert.deepEqual(await names('tier=web'), ['sel-a', 'sel-c']);
    assert.deepEqual(await names('tier==api'), ['sel-b']);
    assert.deepEqual(await names('tier,env!=prod'), ['sel-b', 'sel-c']);
    assert.deepEqual(await names('env in (prod,dev)'), ['sel-a', 'sel-b']);
    assert.deepEqual(await names('env notin (prod)'), ['sel-b', 'sel-c']);
    assert.deepEqual(await names('!env'), ['sel-c']);
    assert.deepEqual(await names(undefined, 'metadata.name=sel-b'), ['sel-b']);
    const bad = await rejects(
      core.listNamespacedConfigMap({ namespace: 'default', fieldSelector: 'spec.nope=1' }),
    );
    assert.equal(bad.code, 400);
    assert.equal(bad.body.message, 'field label not supported: spec.nope');
  });

  it('pages lists with limit/continue over a consistent snapshot', async () => {
    await core.createNamespace({ body: { metadata: { name: 'paged' } } });
    for (let i = 0; i < 7; i++) {
      await core.createNamespacedConfigMap({ namespace: 'paged', body: { metadata: { name: `cm-${i}` } } });
    }
    const first = await core.listNamespacedConfigMap({ namespace: 'paged', limit: 3 });
    assert.deepEqual(
      first.items.map((i) => i.metadata!.name),
      ['cm-0', 'cm-1', 'cm-2'],
    );
    assert.equal(first.metadata!.remainingItemCount, 4);
    // Changes after the first page do not show in later pages of the same list.
    await core.deleteNamespacedConfigMap({ name: 'cm-4', namespace: 'paged' });
    await core.createNamespacedConfigMap({ namespace: 'paged', body: { metadata: { name: 'cm-9' } } });
    const second = await core.listNamespacedConfigMap({
      namespace: 'paged',
      limit: 3,
      _continue: first.metadata!._continue,
    });
    assert.deepEqual(
      second.items.map((i) => i.metadata!.name),
      ['cm-3', 'cm-4', 'cm-5'],
    );
    const third = await core.listNamespacedConfigMap({
      namespace: 'paged',
      limit: 3,
      _continue: second.metadata!._continue,
    });
    assert.deepEqual(
      third.items.map((i) => i.metadata!.name),
      ['cm-6'],
    );
    assert.equal(third.metadata!._continue, undefined);
    assert.equal(third.metadata!.resourceVersion, first.metadata!.resourceVersion);
  });

  it('answers 410 Expired for a continue token older than the history window', async () => {
    const first = await core.listNamespacedConfigMap({ namespace: 'paged', limit: 2 });
    await core.createNamespacedConfigMap({ namespace: 'paged', body: { metadata: { name: 'cm-late' } } });
    sim.server.store.compact(0);
    const expired = await rejects(
      core.listNamespacedConfigMap({ namespace: 'paged', limit: 2, _continue: first.metadata!._continue }),
    );
    assert.equal(expired.code, 410);
    assert.equal(expired.body.reason, 'Expired');
    assert.match(expired.body.message, /^The provided continue parameter is too old/);
  });

  it('lists exactly at an older resourceVersion with resourceVersionMatch=Exact', async () => {
    await core.createNamespace({ body: { metadata: { name: 'exact' } } });
    await core.createNamespacedConfigMap({ namespace: 'exact', body: { metadata: { name: 'one' } } });
    const at = (await core.listNamespacedConfigMap({ namespace: 'exact' })).metadata!.resourceVersion!;
    await core.createNamespacedConfigMap({ namespace: 'exact', body: { metadata: { name: 'two' } } });
    const then = await core.listNamespacedConfigMap({
      namespace: 'exact',
      resourceVersion: at,
      resourceVersionMatch: 'Exact',
    });
    assert.deepEqual(
      then.items.map((i) => i.metadata!.name),
      ['one'],
    );
    const now = await core.listNamespacedConfigMap({
      namespace: 'exact',
      resourceVersion: at,
      resourceVersionMatch: 'NotOlderThan',
    });
    assert.deepEqual(
      now.items.map((i) => i.metadata!.name),
      ['one', 'two'],
    );
  });

  it('requires the bearer token when one is configured', async () => {
    const secured = await startSimulator({ token: 'sekret', spinKubeCrds: false });
    try {
      const good = new k8s.KubeConfig();
      good.loadFromFile(secured.kubeconfigPath);
      assert.ok((await good.makeApiClient(k8s.CoreV1Api).listNamespace()).items.length > 0);
      const res = await fetch(`${secured.url}/api/v1/namespaces`);
      assert.equal(res.status, 401);
      assert.equal(((await res.json()) as { reason: string }).reason, 'Unauthorized');
    } finally {
      await secured.stop();
    }
  });
});
