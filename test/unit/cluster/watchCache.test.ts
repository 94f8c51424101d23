import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Kinds, type KubeObject } from '../../../src/cluster/kinds';
import { WatchCache, type CacheChange, type CacheState } from '../../../src/cluster/watchCache';
import { FakeTransport, until } from '../../support/fakeTransport';

const PODS = '/api/v1/pods';
const fast = { backoff: { initialMs: 1, maxMs: 20, jitter: 0 } };

function pod(name: string, app: string, node = 'n1'): KubeObject & { spec: { nodeName: string } } {
  return {
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: { 'core.spinkube.dev/app-name': app },
    },
    spec: { nodeName: node },
  };
}

function newCache(t: FakeTransport) {
  return new WatchCache<ReturnType<typeof pod>>(t, Kinds.pod, {
    ...fast,
    pageSize: 2,
    indexes: {
      app: (p) => [`${p.metadata?.namespace}/${p.metadata?.labels?.['core.spinkube.dev/app-name']}`],
      node: (p) => [p.spec.nodeName],
    },
  });
}

describe('WatchCache', () => {
  it('lists in pages, then indexes objects', async () => {
    const t = new FakeTransport();
    for (let i = 0; i < 5; i++) t.put(PODS, pod(`p${i}`, i < 3 ? 'a' : 'b', i % 2 ? 'n2' : 'n1'));
    const cache = newCache(t);
    cache.start();
    await cache.ready();
    assert.equal(cache.size, 5);
    assert.equal(t.requests.filter((r) => r.query?.['limit']).length, 3, 'three pages of two');
    assert.deepEqual(
      cache
        .byIndex('app', 'default/a')
        .map((p) => p.metadata?.name)
        .sort(),
      ['p0', 'p1', 'p2'],
    );
    assert.equal(cache.countByIndex('node', 'n2'), 2);
    cache.stop();
  });

  it('applies watch events and emits batched changes with the previous object', async () => {
    const t = new FakeTransport();
    t.put(PODS, pod('p0', 'a'));
    const cache = newCache(t);
    const seen: CacheChange<KubeObject>[] = [];
    cache.onChange.on((c) => seen.push(...c));
    cache.start();
    await cache.ready();
    await until(() => t.watches.length === 1, 'watch');
    assert.equal(t.watches[0]?.query['resourceVersion'], t.resourceVersion);
    seen.length = 0;
    t.put(PODS, pod('p1', 'a'));
    t.put(PODS, pod('p0', 'b', 'n2'));
    t.remove(PODS, 'default', 'p1');
    await until(() => seen.length === 3, 'three changes');
    assert.deepEqual(
      seen.map((c) => `${c.type} ${c.key}`),
      ['added default/p1', 'modified default/p0', 'deleted default/p1'],
    );
    assert.equal(seen[1]?.previous?.metadata?.labels?.['core.spinkube.dev/app-name'], 'a');
    assert.deepEqual(cache.byIndex('app', 'default/a'), [], 'the index follows the relabelled pod');
    assert.equal(cache.countByIndex('app', 'default/b'), 1);
    cache.stop();
  });

  it('resumes a dropped watch from the last resourceVersion without relisting', async () => {
    const t = new FakeTransport();
    t.put(PODS, pod('p0', 'a'));
    const cache = newCache(t);
    cache.start();
    await cache.ready();
    await until(() => t.watches.length === 1, 'watch');
    t.put(PODS, pod('p1', 'a'));
    const rv = t.resourceVersion;
    t.watches[0]?.close();
    await until(() => t.watches.length === 1, 'second watch');
    assert.equal(t.watches[0]?.query['resourceVersion'], rv);
    assert.equal(cache.stats.lists, 1);
    assert.equal(cache.size, 2);
    cache.stop();
  });

  it('relists on 410 Gone and emits only the difference', async () => {
    const t = new FakeTransport();
    t.put(PODS, pod('p0', 'a'));
    t.put(PODS, pod('p1', 'a'));
    const cache = newCache(t);
    const seen: string[] = [];
    cache.start();
    await cache.ready();
    await until(() => t.watches.length === 1, 'watch');
    cache.onChange.on((c) => seen.push(...c.map((x) => `${x.type} ${x.key}`)));
    // changes the watch misses, then the server expires the version
    const w = t.watches[0];
    t.watches.length = 0;
    t.put(PODS, pod('p2', 'a'));
    t.remove(PODS, 'default', 'p0');
    w?.send('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' });
    await until(() => cache.stats.relists === 1 && seen.length === 2, 'relist');
    assert.deepEqual(seen.sort(), ['added default/p2', 'deleted default/p0']);
    assert.equal(cache.state.phase, 'ready');
    cache.stop();
  });

  it('backs off on 429 honouring Retry-After, says reconnecting, then recovers', async () => {
    const t = new FakeTransport();
    t.put(PODS, pod('p0', 'a'));
    t.failNext({ status: 429, retryAfter: 0 });
    t.failNext({ status: 503 });
    const cache = newCache(t);
    const states: CacheState[] = [];
    cache.onState.on((s) => states.push(s));
    cache.start();
    await cache.ready();
    const reconnecting = states.filter((s) => s.phase === 'reconnecting');
    assert.equal(reconnecting.length, 2);
    assert.equal(
      reconnecting[0]?.phase === 'reconnecting' && reconnecting[0].retryInMs,
      0,
      'Retry-After: 0 honoured',
    );
    assert.equal(cache.size, 1);
    cache.stop();
  });

  it('keeps the data and reconnects when the watch connection fails', async () => {
    const t = new FakeTransport();
    t.put(PODS, pod('p0', 'a'));
    const cache = newCache(t);
    cache.start();
    await cache.ready();
    await until(() => t.watches.length === 1, 'watch');
    const phases: string[] = [];
    cache.onState.on((s) => phases.push(s.phase));
    t.failNextWatch({ status: 0, unreachable: true });
    t.watches[0]?.fail(new Error('socket hang up'));
    await until(() => phases.includes('ready'), 'back to ready');
    assert.deepEqual(phases.slice(0, 1), ['reconnecting']);
    assert.equal(cache.size, 1, 'objects stay while reconnecting');
    cache.stop();
  });

  for (const [status, kind, words] of [
    [401, 'unauthorized', /credentials \(401\)/],
    [403, 'forbidden', /Not allowed to list pods in all namespaces \(403\)/],
    [404, 'notFound', /not installed/],
  ] as const) {
    it(`stops with a clear error on ${status}`, async () => {
      const t = new FakeTransport();
      t.failNext({ status, message: 'denied' });
      const cache = newCache(t);
      cache.start();
      await assert.rejects(cache.ready(), (e: Error) => words.test(e.message));
      assert.equal(cache.state.phase, 'error');
      assert.equal(cache.state.phase === 'error' && cache.state.kind, kind);
      assert.equal(cache.stats.retries, 0, 'no endless retry');
      cache.stop();
    });
  }
});
