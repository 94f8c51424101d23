// The watches that only expanded tree items need: an open app's Deployment, Service and Warning
// events (appDetails.ts), an open node's pods (nodePods.ts). Opened on first expansion, closed on
// collapse, and at most `max` of each kind stay open (the least recently expanded close first).
//   const open = new ExpandedItems((id) => tree.refresh(id), 50);
//   open.app(model, 'ns/app'), open.openApp('ns/app'), open.node(model, 'n1'), open.openNode('n1');
//   open.collapse(element);  open.closeAll();
import { openAppDetails, type AppDetails } from '../cluster/appDetails';
import { openNodePods, type NodePods } from '../cluster/nodePods';
import type { SpinKubeModel } from '../cluster/spinKubeModel';
import type { TreeElement } from './elements';

const nameOf = (key: string): string => key.slice(key.indexOf('/') + 1);
const nsOf = (key: string): string => key.slice(0, Math.max(0, key.indexOf('/')));

/** Open things by key, most recently used last, closing the oldest beyond `max`. */
class OpenSet<T extends { close(): void }> {
  private readonly open = new Map<string, T>();

  constructor(private readonly max: number) {}

  get(key: string): T | undefined {
    return this.open.get(key);
  }

  /** The open one (now the most recent), or a new one from `create`. */
  touch(key: string, create: () => T): T {
    const found = this.open.get(key);
    if (found) {
      this.open.delete(key);
      this.open.set(key, found);
      return found;
    }
    const made = create();
    this.open.set(key, made);
    while (this.open.size > this.max) {
      const [oldest] = this.open.keys();
      if (oldest === undefined) break;
      this.close(oldest);
    }
    return made;
  }

  close(key: string): void {
    this.open.get(key)?.close();
    this.open.delete(key);
  }

  closeAll(): void {
    for (const item of this.open.values()) item.close();
    this.open.clear();
  }
}

export class ExpandedItems {
  private readonly apps: OpenSet<AppDetails>;
  private readonly nodes: OpenSet<NodePods>;

  /** `changed(id)` runs with the id of the item whose watches saw a change. */
  constructor(
    private readonly changed: (id: string) => void,
    max = 50,
  ) {
    this.apps = new OpenSet(max);
    this.nodes = new OpenSet(max);
  }

  /** The app's details, opening its watches if needed. */
  app(model: SpinKubeModel, appKey: string): AppDetails {
    return this.apps.touch(appKey, () => {
      const details = openAppDetails(model.session, nsOf(appKey), nameOf(appKey));
      details.onChange.on(() => this.changed(`app:${appKey}`));
      return details;
    });
  }

  openApp(appKey: string): AppDetails | undefined {
    return this.apps.get(appKey);
  }

  /** The node's pods, opening their watch (in the model's namespaces) if needed. */
  node(model: SpinKubeModel, name: string): NodePods {
    return this.nodes.touch(name, () => {
      const pods = openNodePods(model.session, model.namespaces, name);
      pods.onChange.on(() => this.changed(`node:${name}`));
      return pods;
    });
  }

  openNode(name: string): NodePods | undefined {
    return this.nodes.get(name);
  }

  /** The user collapsed an element: stop the watches only it needed. */
  collapse(el: TreeElement): void {
    if (el.kind === 'app') this.apps.close(el.key);
    if (el.kind === 'node') this.nodes.close(el.name);
  }

  closeAll(): void {
    this.apps.closeAll();
    this.nodes.closeAll();
  }
}
