// The cluster tree as plain data: roots and children of each element, how each looks, lazy
// tooltips, and coalesced change notifications naming only the elements that changed (at most
// one notification per `coalesceMs`). The VS Code adapter (clusterTreeProvider.ts) is a thin shell
// over this, and the benchmark drives it in plain Node.
//
//   const tree = new ClusterTree(connection, { groupSize: 200 });
//   tree.onDidChange.on((elements) => …)   // undefined: everything
//   tree.roots(), tree.children(el), tree.node(el) → TreeNode, tree.tooltip(el) → markdown, tree.collapsed(el)
import type { ClusterConnection } from '../cluster/clusterConnection';
import { Emitter, type Disposable } from '../cluster/emitter';
import { Kinds, objectKey } from '../cluster/kinds';
import type { ModelChange, Section, SpinKubeModel } from '../cluster/spinKubeModel';
import { ExpandedItems } from './expandedItems';
import { ForbiddenAccess, sectionKind } from './forbiddenAccess';
import { messageFor, nodePodsMessage, rootMessage } from './messages';
import { podNames, renderNode, type RenderContext } from './render';
import { appTooltip, nodeTooltip, podTooltip } from './tooltips';
import { bucket, ElementRegistry, type RefusedList, type TreeElement, type TreeNode } from './elements';

export interface ClusterTreeOptions {
  readonly groupSize?: number;
  readonly coalesceMs?: number;
  /** How many expanded apps keep their Deployment/Service/event watches open (and nodes their pod watches). */
  readonly maxOpenApps?: number;
}

const SECTIONS: Section[] = ['apps', 'nodes', 'executors', 'runtimeClasses', 'health'];
const nameOf = (key: string): string => key.slice(key.indexOf('/') + 1);
const nsOf = (key: string): string => key.slice(0, Math.max(0, key.indexOf('/')));

export class ClusterTree {
  readonly onDidChange = new Emitter<readonly TreeElement[] | undefined>();
  groupSize: number;
  private readonly registry = new ElementRegistry();
  private readonly expanded: ExpandedItems;
  private sorted = new Map<Section, string[]>();
  private pending = new Set<TreeElement>();
  private pendingAll = false;
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private modelSub: Disposable | undefined;
  private boundModel: SpinKubeModel | undefined;
  private readonly connectionSub: Disposable;
  private readonly renderContext: RenderContext;
  private readonly access = new ForbiddenAccess(() => this.queueAccessItems());

  constructor(
    readonly connection: ClusterConnection,
    private readonly options: ClusterTreeOptions = {},
  ) {
    this.groupSize = options.groupSize ?? 200;
    this.expanded = new ExpandedItems((id) => {
      this.queue(this.registry.find(id));
      this.schedule();
    }, options.maxOpenApps ?? 50);
    this.renderContext = {
      connection,
      get model() {
        return connection.model;
      },
      details: (appKey) => this.expanded.openApp(appKey),
      nodePod: (node, key) => this.expanded.openNode(node)?.get(key),
      accessNode: (el) => this.access.render(el),
    };
    this.connectionSub = connection.onDidChange.on(() => this.rebind());
    this.rebind();
  }

  private get model(): SpinKubeModel | undefined {
    return this.connection.model;
  }

  /** The model behind the connection was replaced: drop every element and refresh all. */
  private rebind(): void {
    if (this.boundModel === this.model && this.modelSub) return this.refreshAll();
    this.modelSub?.dispose();
    this.boundModel = this.model;
    this.expanded.closeAll();
    this.registry.forget();
    this.sorted.clear();
    this.access.bind(this.model);
    this.modelSub = this.model?.onDidChange.on((c) => this.onModelChange(c));
    this.refreshAll();
  }

  refreshAll(): void {
    this.sorted.clear();
    this.access.clear();
    this.pendingAll = true;
    this.schedule();
  }

  private onModelChange(change: ModelChange): void {
    const { section } = change;
    if (change.structural || !change.keys) {
      this.sorted.delete(section);
      this.queue(this.registry.find(`section:${section}`));
      if (section === 'runtimeClasses') this.queue(this.registry.find('section:nodes'));
      if (!this.registry.find(`section:${section}`)) this.pendingAll = true;
      if (change.keys && section === 'apps') {
        for (const k of change.keys) this.queue(this.registry.find(`app:${k}`));
      }
      this.schedule();
      return;
    }
    const prefix =
      section === 'apps'
        ? 'app:'
        : section === 'nodes'
          ? 'node:'
          : section === 'executors'
            ? 'executor:'
            : 'rc:';
    for (const key of change.keys) this.queue(this.registry.find(prefix + key));
    this.schedule();
  }

  private queue(el: TreeElement | undefined): void {
    if (el) this.pending.add(el);
  }

  /** An access review answered: refresh the items that show one. */
  private queueAccessItems(): void {
    for (const id of this.access.itemIds()) this.queue(this.registry.find(id));
    this.schedule();
  }

  /** The registered element for a state message, showing the message's current text. */
  private currentMessage(message: TreeElement, refused: RefusedList | undefined): TreeElement {
    const el = this.el(message.id, () => message);
    if (el.kind === 'message' && message.kind === 'message') {
      el.node = message.node;
      el.refused = refused;
    }
    return el;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, (this.options.coalesceMs ?? 100) - (Date.now() - this.lastFlush));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends what changed now (tests and the benchmark call it to skip the wait). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    if (this.pendingAll) {
      this.pendingAll = false;
      this.pending.clear();
      this.onDidChange.fire(undefined);
    } else if (this.pending.size) {
      const batch = [...this.pending];
      this.pending.clear();
      this.onDidChange.fire(batch);
    }
  }

  private el<E extends TreeElement>(id: string, create: () => E): E {
    return this.registry.get(id, create);
  }

  roots(): TreeElement[] {
    const status = this.connection.status;
    if (status.phase !== 'connected') return [this.el(`msg:root:${status.phase}`, () => rootMessage(status))];
    return [
      this.el('context', () => ({ kind: 'context', id: 'context' })),
      ...SECTIONS.map((section) =>
        this.el(`section:${section}`, () => ({ kind: 'section', id: `section:${section}`, section })),
      ),
    ];
  }

  children(el?: TreeElement): TreeElement[] {
    if (!el) return this.roots();
    const model = this.model;
    switch (el.kind) {
      case 'section':
        return this.sectionChildren(el.section, model);
      case 'namespace':
        return this.grouped(
          'apps',
          this.sortedKeys('apps').filter((k) => nsOf(k) === el.namespace),
          el.id,
        );
      case 'range':
        return this.grouped(el.section, el.keys, el.id, el.parentKey);
      case 'app':
        return this.appChildren(el.key, model);
      case 'events': {
        const details = this.expanded.openApp(el.appKey);
        return (details?.warnings(podNames(el.appKey, model)) ?? []).map((e) => {
          const uid = e.metadata?.uid ?? objectKey(e);
          return this.el(`event:${el.appKey}:${uid}`, () => ({
            kind: 'event',
            id: `event:${el.appKey}:${uid}`,
            appKey: el.appKey,
            uid,
          }));
        });
      }
      case 'message':
        return this.access.children(el, (id, create) => this.el(id, create));
      case 'node':
        return this.nodeChildren(el.name, el.id, model);
      default:
        return [];
    }
  }

  private sectionChildren(section: Section, model: SpinKubeModel | undefined): TreeElement[] {
    if (!model) return [];
    const state = model.sectionState(section);
    const message = messageFor(section, state);
    const refused = this.access.refusal(sectionKind(section, model.apiGroup), state);
    const head = message ? [this.currentMessage(message, refused)] : [];
    if (state.phase !== 'ready' && state.phase !== 'reconnecting') return head;
    if (section === 'health') {
      return model
        .health()
        .map((c) => this.el(`check:${c.id}`, () => ({ kind: 'check', id: `check:${c.id}`, checkId: c.id })));
    }
    const keys = this.sortedKeys(section);
    if (section === 'apps' && keys.length > this.groupSize) {
      const namespaces = [...new Set(keys.map(nsOf))];
      if (namespaces.length > 1) {
        return [
          ...head,
          ...namespaces.map((namespace) =>
            this.el(`ns:${namespace}`, () => ({
              kind: 'namespace',
              id: `ns:${namespace}`,
              section,
              namespace,
            })),
          ),
        ];
      }
    }
    return [...head, ...this.grouped(section, keys, `section:${section}`)];
  }

  /** Items for sorted keys, split into ranges when there are more than groupSize. */
  private grouped(
    section: Section | 'nodePods',
    keys: readonly string[],
    parentId: string,
    parentKey?: string,
  ): TreeElement[] {
    if (keys.length > this.groupSize) {
      return bucket(keys, this.groupSize, nameOf).map((range, i) => {
        const id = `range:${parentId}:${i}`;
        const el = this.el(id, () => ({
          kind: 'range' as const,
          id,
          section,
          keys: range.keys,
          label: range.label,
          parentKey,
        }));
        el.keys = range.keys;
        return el;
      });
    }
    return keys.map((key) => this.item(section, key, parentKey));
  }

  private item(section: Section | 'nodePods', key: string, parentKey?: string): TreeElement {
    switch (section) {
      case 'apps':
        return this.el(`app:${key}`, () => ({ kind: 'app', id: `app:${key}`, key }));
      case 'nodes':
        return this.el(`node:${key}`, () => ({ kind: 'node', id: `node:${key}`, name: key }));
      case 'executors':
        return this.el(`executor:${key}`, () => ({ kind: 'executor', id: `executor:${key}`, key }));
      case 'runtimeClasses':
        return this.el(`rc:${key}`, () => ({ kind: 'runtimeClass', id: `rc:${key}`, name: key }));
      default: {
        const id = `pod:node:${parentKey ?? ''}:${key}`;
        return this.el(id, () => ({ kind: 'pod', id, key, node: parentKey }));
      }
    }
  }

  private sortedKeys(section: Section): string[] {
    let keys = this.sorted.get(section);
    if (!keys) {
      const model = this.model;
      if (section === 'apps') keys = model?.appKeys() ?? [];
      else if (section === 'nodes') keys = (model?.nodes() ?? []).map((n) => n.name);
      else if (section === 'executors') keys = (model?.executors() ?? []).map(objectKey);
      else if (section === 'runtimeClasses') {
        keys = (model?.runtimeClasses() ?? []).map((r) => r.metadata?.name ?? '');
      } else keys = [];
      keys.sort();
      this.sorted.set(section, keys);
    }
    return keys;
  }

  private appChildren(appKey: string, model: SpinKubeModel | undefined): TreeElement[] {
    if (!model?.app(appKey)) return [];
    this.expanded.app(model, appKey);
    const pods = model
      .appPods(appKey)
      .map(objectKey)
      .sort()
      .map((key) =>
        this.el(`pod:${appKey}:${key}`, () => ({
          kind: 'pod' as const,
          id: `pod:${appKey}:${key}`,
          key,
          appKey,
        })),
      );
    return [
      this.el(`deployment:${appKey}`, () => ({ kind: 'deployment', id: `deployment:${appKey}`, appKey })),
      this.el(`service:${appKey}`, () => ({ kind: 'service', id: `service:${appKey}`, appKey })),
      ...pods,
      this.el(`events:${appKey}`, () => ({ kind: 'events', id: `events:${appKey}`, appKey })),
    ];
  }

  /** A node's pods, from a watch with the field selector spec.nodeName, open while the node is. */
  private nodeChildren(name: string, id: string, model: SpinKubeModel | undefined): TreeElement[] {
    if (!model?.node(name)) return [];
    const open = this.expanded.node(model, name);
    const keys =
      open.state.phase === 'ready' || open.state.phase === 'reconnecting'
        ? open.pods().map(objectKey).sort()
        : [];
    const message = nodePodsMessage(name, open.state, keys.length, model.namespaces);
    const refused = this.access.refusal(Kinds.pod, open.state);
    return [
      ...(message ? [this.currentMessage(message, refused)] : []),
      ...this.grouped('nodePods', keys, id, name),
    ];
  }

  /** The user collapsed an element: stop the watches only it needed. */
  collapsed(el: TreeElement): void {
    this.expanded.collapse(el);
  }

  /** Waits for the app's Deployment/Service/event watches (tests and UI readers). */
  async appDetailsReady(appKey: string): Promise<void> {
    const model = this.model;
    if (model) await this.expanded.app(model, appKey).ready();
  }

  /** Waits for an expanded node's pod watch to list (tests and UI readers). */
  async nodePodsReady(name: string): Promise<void> {
    const model = this.model;
    if (model) await this.expanded.node(model, name).ready();
  }

  node(el: TreeElement): TreeNode {
    return renderNode(el, this.renderContext);
  }

  tooltip(el: TreeElement): string | undefined {
    const model = this.model;
    if (el.kind === 'app' && model) return appTooltip(model, el.key);
    if (el.kind === 'pod' && model) {
      const pod = el.appKey
        ? model.appPods(el.appKey).find((p) => objectKey(p) === el.key)
        : this.expanded.openNode(el.node ?? '')?.get(el.key);
      return pod ? podTooltip(pod) : undefined;
    }
    if (el.kind === 'node' && model) return nodeTooltip(model, el.name);
    return this.node(el).tooltip;
  }

  /** The element for a tree item id, if the tree has shown it. */
  find(id: string): TreeElement | undefined {
    return this.registry.find(id);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.modelSub?.dispose();
    this.connectionSub.dispose();
    this.expanded.closeAll();
    this.access.dispose();
    this.onDidChange.clear();
  }
}
