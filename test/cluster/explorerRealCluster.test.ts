// With SPINKUBE_TEST_KUBECONFIG set, the explorer against that cluster (read-only): every section
// settles (ready, not installed, or a clear error; never an endless "connecting"), every item and
// tooltip renders, an expanded app lists its objects, and the health checks all give a verdict.
// Without the variable this file registers no tests (the simulator suites cover the same paths).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ClusterConnection } from '../../src/cluster/clusterConnection';
import type { Section } from '../../src/cluster/spinKubeModel';
import { ClusterTree } from '../../src/clusterTree/tree';
import type { TreeElement } from '../../src/clusterTree/elements';
import { until } from '../support/fakeTransport';

const kubeconfig = process.env['SPINKUBE_TEST_KUBECONFIG'];

if (kubeconfig) {
  describe('cluster explorer against SPINKUBE_TEST_KUBECONFIG', () => {
    it('settles every section and renders every item', async () => {
      const conn = new ClusterConnection({ source: { setting: kubeconfig } });
      assert.equal(
        conn.status.phase,
        'connected',
        conn.status.phase === 'connected' ? '' : conn.status.message,
      );
      conn.setActive(true);
      const model = conn.model;
      assert.ok(model);
      const settled = (s: Section) => !['connecting', 'idle'].includes(model.sectionState(s).phase);
      await until(
        () => (['apps', 'nodes', 'executors', 'runtimeClasses'] as const).every(settled),
        'sections settled',
        60_000,
      );
      await model.refresh();
      const tree = new ClusterTree(conn);
      const walk = (el: TreeElement | undefined, depth: number): number => {
        let n = 0;
        for (const child of tree.children(el)) {
          const node = tree.node(child);
          assert.ok(node.label.length > 0, `label of ${child.id}`);
          tree.tooltip(child);
          n += 1;
          if (depth < 3 && child.kind !== 'app' && node.collapsible !== 'none') n += walk(child, depth + 1);
        }
        return n;
      };
      assert.ok(walk(undefined, 0) >= 6);
      const app = model.appKeys()[0];
      if (app) {
        const el = tree.find(`app:${app}`) ?? { kind: 'app' as const, id: `app:${app}`, key: app };
        tree.children(el);
        await tree.appDetailsReady(app);
        const labels = tree.children(el).map((c) => tree.node(c).label);
        assert.ok(labels[0]?.startsWith('Deployment '));
      }
      assert.equal(model.health().length, 6);
      tree.dispose();
      conn.dispose();
    });
  });
}
