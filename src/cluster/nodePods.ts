// The pods of one node, as an expanded Node item shows them: listed and watched with the field
// selector `spec.nodeName=<node>` in the explorer's namespaces, only while the node is open, so
// that the API server filters them and nothing lists every pod of the cluster.
//   const open = openNodePods(session, ['team-a'] /* [] = all */, 'node-1');
//   open.onChange.on(() => …);  open.pods();  open.state;  await open.ready();  open.close();
import { Emitter, type Disposable } from './emitter';
import { Kinds } from './kinds';
import type { Pod } from './resources';
import { ScopedCaches } from './scopedCaches';
import type { ClusterSession } from './session';
import type { CacheState } from './watchCache';

export interface NodePods {
  readonly node: string;
  /** Pods came, went or changed, or the watch changed state. */
  readonly onChange: Emitter<void>;
  readonly state: CacheState;
  pods(): Pod[];
  get(key: string): Pod | undefined;
  /** Resolves when every namespace has listed (or stopped on an error). */
  ready(): Promise<void>;
  close(): void;
}

function nodeFieldSelector(node: string): string {
  return `spec.nodeName=${node}`;
}

export function openNodePods(session: ClusterSession, namespaces: readonly string[], node: string): NodePods {
  const onChange = new Emitter<void>();
  const caches = new ScopedCaches<Pod>(session, Kinds.pod, namespaces, {
    fieldSelector: nodeFieldSelector(node),
  });
  const subs: Disposable[] = [
    caches.onChange.on(() => onChange.fire()),
    caches.onState.on(() => onChange.fire()),
  ];
  return {
    node,
    onChange,
    get state() {
      return caches.state;
    },
    pods: () => caches.values(),
    get: (key) => caches.get(key),
    async ready() {
      await Promise.allSettled(caches.caches.map((c) => c.ready()));
    },
    close() {
      for (const s of subs) s.dispose();
      caches.release();
      onChange.clear();
    },
  };
}
