// The parts a watch cache is built from: the indexed object store and the per-tick change batcher.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ChangeBatcher } from '../../../src/cluster/changeBatcher';
import { Emitter } from '../../../src/cluster/emitter';
import { IndexedStore } from '../../../src/cluster/indexedStore';
import type { KubeObject } from '../../../src/cluster/kinds';

type Pod = KubeObject & { spec?: { nodeName?: string } };

function pod(name: string, node: string, rv = '1'): Pod {
  return { metadata: { name, namespace: 'default', resourceVersion: rv }, spec: { nodeName: node } };
}

const byNode = { node: (p: Pod) => (p.spec?.nodeName ? [p.spec.nodeName] : []) };

describe('IndexedStore', () => {
  it('keeps the index in step when an object moves, and reports what changed', () => {
    const store = new IndexedStore<Pod>(byNode);
    assert.deepEqual(store.upsert(pod('a', 'n1')).type, 'added');
    store.upsert(pod('b', 'n1'));
    const moved = store.upsert(pod('a', 'n2', '2'));
    assert.equal(moved.type, 'modified');
    assert.equal(moved.previous?.spec?.nodeName, 'n1');
    assert.deepEqual(
      store.byIndex('node', 'n1').map((p) => p.metadata?.name),
      ['b'],
    );
    assert.equal(store.countByIndex('node', 'n2'), 1);
    const gone = store.remove('default/b', pod('b', 'n1', '3'));
    assert.equal(gone?.type, 'deleted');
    assert.equal(gone?.object.metadata?.resourceVersion, '3', 'the last state the server sent');
    assert.deepEqual(store.indexValues('node'), ['n2'], 'an emptied index value is dropped');
    assert.equal(store.remove('default/b', pod('b', 'n1')), undefined, 'removing twice changes nothing');
  });

  it('replaces everything with a fresh list, reporting only the differences', () => {
    const store = new IndexedStore<Pod>(byNode);
    store.upsert(pod('same', 'n1'));
    store.upsert(pod('changed', 'n1'));
    store.upsert(pod('dropped', 'n1'));
    const next = new Map<string, Pod>([
      ['default/same', pod('same', 'n1')],
      ['default/changed', pod('changed', 'n2', '2')],
      ['default/new', pod('new', 'n2')],
    ]);
    const changes = store.replaceAll(next).map((c) => `${c.type} ${c.key}`);
    assert.deepEqual(changes, ['modified default/changed', 'added default/new', 'deleted default/dropped']);
    assert.deepEqual(
      store
        .byIndex('node', 'n2')
        .map((p) => p.metadata?.name)
        .sort(),
      ['changed', 'new'],
    );
  });

  it('indexes nothing for an object whose index function throws', () => {
    const store = new IndexedStore<Pod>({
      node: (p) => {
        if (!p.spec) throw new Error('no spec');
        return [p.spec.nodeName ?? ''];
      },
    });
    store.upsert({ metadata: { name: 'odd', namespace: 'default' } });
    assert.equal(store.size, 1);
    assert.deepEqual(store.indexValues('node'), []);
  });
});

describe('ChangeBatcher', () => {
  it('fires the changes of one tick as one batch, and nothing for an empty tick', async () => {
    const emitter = new Emitter<readonly string[]>();
    const batches: (readonly string[])[] = [];
    emitter.on((b) => batches.push(b));
    const batcher = new ChangeBatcher<string>(emitter);
    batcher.add('a');
    batcher.add(undefined);
    batcher.add('b');
    assert.deepEqual(batches, [], 'not before the tick ends');
    await new Promise((r) => setImmediate(r));
    batcher.add('c');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(batches, [['a', 'b'], ['c']]);
  });
});
