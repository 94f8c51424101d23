// Watches (resume, bookmarks, 410, selectors), pod logs and fault injection, through
// @kubernetes/client-node's Watch, Log and API clients.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { startSimulator, type Simulator } from '../support/k8s-sim/index';
import { waitFor } from '../support/waitFor';

interface Seen {
  type: string;
  name?: string;
  object: {
    metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
    code?: number;
    reason?: string;
    message?: string;
  };
}

async function startWatch(
  kc: k8s.KubeConfig,
  path: string,
  query: Record<string, string | number | boolean | undefined>,
): Promise<{ seen: Seen[]; ended: Promise<unknown>; stop(): void }> {
  const seen: Seen[] = [];
  let endedResolve!: (err: unknown) => void;
  const ended = new Promise<unknown>((r) => (endedResolve = r));
  const controller = await new k8s.Watch(kc).watch(
    path,
    query,
    (type, object: Seen['object']) => seen.push({ type, name: object?.metadata?.name, object }),
    (err) => endedResolve(err),
  );
  return { seen, ended, stop: () => controller.abort() };
}

describe('watch, logs and faults of the API simulator', () => {
  let sim: Simulator;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;

  before(async () => {
    sim = await startSimulator({ bookmarkIntervalMs: 50, spinKubeCrds: false });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    core = kc.makeApiClient(k8s.CoreV1Api);
  });

  after(async () => {
    await sim.stop();
  });

  it('replays changes after a resourceVersion and then streams live ones', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'w1' } } });
    await core.patchNamespacedConfigMap(
      { name: 'w1', namespace: 'default', body: { data: { a: 'b' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const w = await startWatch(kc, '/api/v1/namespaces/default/configmaps', {
      resourceVersion: list.metadata!.resourceVersion,
    });
    await core.deleteNamespacedConfigMap({ name: 'w1', namespace: 'default' });
    await waitFor('three events', () => w.seen.filter((e) => e.type !== 'BOOKMARK').length >= 3);
    w.stop();
    assert.deepEqual(
      w.seen.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type}:${e.name}`),
      ['ADDED:w1', 'MODIFIED:w1', 'DELETED:w1'],
    );
  });

  it('sends BOOKMARK events carrying the current resourceVersion when asked', async () => {
    const w = await startWatch(kc, '/api/v1/namespaces/default/configmaps', {
      allowWatchBookmarks: true,
      resourceVersion: String(sim.server.store.currentRv),
    });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'bm' } } });
    const bookmark = await waitFor('a bookmark', () => w.seen.find((e) => e.type === 'BOOKMARK'));
    w.stop();
    assert.ok(
      Number(bookmark.object.metadata!.resourceVersion) >=
        Number(w.seen.find((e) => e.name === 'bm')?.object.metadata?.resourceVersion ?? 0),
    );
  });

  it('answers a watch from a compacted resourceVersion with an ERROR event: 410 Expired', async () => {
    const old = String(sim.server.store.currentRv);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'after-compaction' } },
    });
    sim.server.store.compact(0);
    const w = await startWatch(kc, '/api/v1/namespaces/default/configmaps', { resourceVersion: old });
    await w.ended;
    const error = w.seen.find((e) => e.type === 'ERROR');
    assert.ok(error, 'an ERROR event');
    assert.equal(error.object.code, 410);
    assert.equal(error.object.reason, 'Expired');
    assert.match(error.object.message!, /^too old resource version: \d+ \(\d+\)$/);
  });

  it('filters watch events by label selector, turning moves in and out into ADDED/DELETED', async () => {
    const w = await startWatch(kc, '/api/v1/namespaces/default/configmaps', {
      labelSelector: 'team=a',
      resourceVersion: String(sim.server.store.currentRv),
    });
    const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'lab', labels: { team: 'b' } } },
    });
    await core.patchNamespacedConfigMap(
      { name: 'lab', namespace: 'default', body: { metadata: { labels: { team: 'a' } } } },
      merge,
    );
    await core.patchNamespacedConfigMap(
      { name: 'lab', namespace: 'default', body: { metadata: { labels: { team: 'c' } } } },
      merge,
    );
    await waitFor('two events', () => w.seen.length >= 2);
    w.stop();
    assert.deepEqual(
      w.seen.map((e) => `${e.type}:${e.name}`),
      ['ADDED:lab', 'DELETED:lab'],
    );
  });

  it('ends watches after timeoutSeconds', async () => {
    const w = await startWatch(kc, '/api/v1/namespaces', { timeoutSeconds: 1 });
    assert.equal(await w.ended, null);
  });

  it('streams pod logs: tailLines, timestamps and follow', async () => {
    await core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'talker' }, spec: { containers: [{ name: 'app', image: 'ghcr.io/a/b:1' }] } },
    });
    const waiting = await fetch(`${sim.url}/api/v1/namespaces/default/pods/talker/log`);
    assert.equal(waiting.status, 400);
    assert.equal(
      ((await waiting.json()) as { message: string }).message,
      'container "app" in pod "talker" is waiting to start: ContainerCreating',
    );
    sim.server.logs.append('default', 'talker', 'app', ['one', 'two', 'three']);
    const tail = await core.readNamespacedPodLog({ name: 'talker', namespace: 'default', tailLines: 2 });
    assert.equal(tail, 'two\nthree\n');
    const stamped = await core.readNamespacedPodLog({
      name: 'talker',
      namespace: 'default',
      tailLines: 1,
      timestamps: true,
    });
    assert.match(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z three\n$/);
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const req = await new k8s.Log(kc).log('default', 'talker', 'app', out, { follow: true, tailLines: 1 });
    sim.server.logs.append('default', 'talker', 'app', ['four']);
    await waitFor('followed lines', () => text === 'three\nfour\n');
    req.abort();
  });

  it('derives container logs from container starts and termination messages', async () => {
    await core.createNamespacedPod({
      namespace: 'default',
      body: {
        metadata: { name: 'crasher' },
        spec: { containers: [{ name: 'app', image: 'ghcr.io/a/b:1' }] },
      },
    });
    const now = new Date().toISOString();
    const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
    await core.patchNamespacedPodStatus(
      {
        name: 'crasher',
        namespace: 'default',
        body: {
          status: {
            containerStatuses: [
              {
                name: 'app',
                ready: false,
                restartCount: 0,
                image: 'x',
                imageID: '',
                state: { running: { startedAt: now } },
              },
            ],
          },
        },
      },
      merge,
    );
    await core.patchNamespacedPodStatus(
      {
        name: 'crasher',
        namespace: 'default',
        body: {
          status: {
            containerStatuses: [
              {
                name: 'app',
                ready: false,
                restartCount: 1,
                image: 'x',
                imageID: '',
                state: { waiting: { reason: 'CrashLoopBackOff' } },
                lastState: {
                  terminated: { exitCode: 1, finishedAt: now, message: 'Error: boom\nCaused by: bad' },
                },
              },
            ],
          },
        },
      },
      merge,
    );
    const log = await core.readNamespacedPodLog({ name: 'crasher', namespace: 'default' });
    assert.match(log, /^Serving http:\/\/0\.0\.0\.0:80\n[\s\S]*Error: boom\nCaused by: bad\n$/);
  });

  it('injects errors: 429 with Retry-After, 500, 403 and 401 for the next matching requests', async () => {
    sim.faults.inject({
      verb: 'list',
      path: '/api/v1/namespaces',
      status: 429,
      retryAfterSeconds: 3,
      count: 1,
    });
    const res = await fetch(`${sim.url}/api/v1/namespaces`);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '3');
    assert.equal(((await res.json()) as { reason: string }).reason, 'TooManyRequests');
    assert.equal(
      (await fetch(`${sim.url}/api/v1/namespaces`)).status,
      200,
      'the fault fires only as often as asked',
    );
    for (const status of [500, 403, 401] as const) {
      sim.faults.inject({ path: '/api/v1/namespaces/default/configmaps', status });
      try {
        await core.listNamespacedConfigMap({ namespace: 'default' });
        assert.fail('expected an error');
      } catch (err) {
        assert.ok(err instanceof k8s.ApiException);
        assert.equal(err.code, status);
      }
    }
  });

  it('takes fault orders over HTTP at /__sim/faults', async () => {
    const order = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({
        inject: { verb: 'get', pathRegex: '/namespaces/default$', status: 500, count: 2 },
      }),
    });
    assert.equal(order.status, 200);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await fetch(`${sim.url}/api/v1/namespaces/default`)).status);
    assert.deepEqual(codes, [500, 500, 200]);
  });

  it('drops open watches on demand', async () => {
    const w = await startWatch(kc, '/api/v1/namespaces', {});
    await waitFor('the initial events', () => w.seen.length > 0);
    assert.ok(sim.faults.dropWatches() >= 1);
    await w.ended;
  });

  it('goes offline (connection refused) and comes back on the same URL', async () => {
    await sim.faults.goOffline();
    await assert.rejects(core.listNamespace());
    await sim.faults.goOnline();
    assert.ok((await core.listNamespace()).items.length > 0);
  });
});
