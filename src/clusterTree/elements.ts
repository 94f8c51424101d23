// The elements of the cluster tree (plain data, no VS Code) and what an element looks like.
// Elements are stable objects: the registry hands out the same object for the same id, so the
// tree can refresh exactly the items whose object changed.
import type { NeededAccess } from '../cluster/accessReview';
import type { ResourceKind } from '../cluster/kinds';
import type { Section } from '../cluster/spinKubeModel';

/** A list the API server refused (403): of which kind, in which namespace (undefined: all). */
export interface RefusedList {
  readonly kind: ResourceKind;
  readonly namespace?: string;
}

export type TreeElement =
  | {
      readonly kind: 'message';
      readonly id: string;
      /** What it shows now (a state message keeps its id while its text changes). */
      node: TreeNode;
      /** Set when it explains a refused list (403): the item then expands to what is allowed. */
      refused?: RefusedList;
    }
  | {
      /** Under a 403: what the user may do instead, from a SelfSubjectRulesReview. */
      readonly kind: 'access';
      readonly id: string;
      namespace: string;
      /** The resource whose list was refused. */
      needed: NeededAccess;
    }
  | { readonly kind: 'context'; readonly id: string }
  | { readonly kind: 'section'; readonly id: string; readonly section: Section }
  | { readonly kind: 'namespace'; readonly id: string; readonly section: Section; readonly namespace: string }
  | {
      readonly kind: 'range';
      readonly id: string;
      readonly section: Section | 'nodePods';
      /** Keys in this range, sorted. */
      keys: readonly string[];
      readonly label: string;
      readonly parentKey?: string;
    }
  | { readonly kind: 'app'; readonly id: string; readonly key: string }
  | { readonly kind: 'deployment'; readonly id: string; readonly appKey: string }
  | { readonly kind: 'service'; readonly id: string; readonly appKey: string }
  | {
      readonly kind: 'pod';
      readonly id: string;
      readonly key: string;
      readonly appKey?: string;
      readonly node?: string;
    }
  | { readonly kind: 'events'; readonly id: string; readonly appKey: string }
  | { readonly kind: 'event'; readonly id: string; readonly appKey: string; readonly uid: string }
  | { readonly kind: 'node'; readonly id: string; readonly name: string }
  | { readonly kind: 'executor'; readonly id: string; readonly key: string }
  | { readonly kind: 'runtimeClass'; readonly id: string; readonly name: string }
  | { readonly kind: 'check'; readonly id: string; readonly checkId: string };

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface NodeCommand {
  readonly command: string;
  readonly title: string;
  readonly arguments?: readonly unknown[];
}

/** What one tree item shows; the VS Code adapter turns it into a TreeItem. */
export interface TreeNode {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** A codicon id, with an optional theme colour id. */
  readonly icon?: { readonly id: string; readonly color?: string };
  readonly contextValue?: string;
  readonly collapsible: Collapsible;
  readonly command?: NodeCommand;
  /** A short tooltip known at once; the full one comes from ClusterTree.tooltip(). */
  readonly tooltip?: string;
  /** A state a test or the user can read: 'ready', 'failed', 'connecting', 'error', … */
  readonly state?: string;
}

/** Hands out one element object per id. */
export class ElementRegistry {
  private readonly byId = new Map<string, TreeElement>();

  get<E extends TreeElement>(id: string, create: () => E): E {
    const found = this.byId.get(id);
    if (found) return found as E;
    const made = create();
    this.byId.set(id, made);
    return made;
  }

  find(id: string): TreeElement | undefined {
    return this.byId.get(id);
  }

  /** Forgets elements whose id starts with a prefix (a model was replaced, an app closed). */
  forget(prefix = ''): void {
    if (!prefix) this.byId.clear();
    else for (const id of [...this.byId.keys()]) if (id.startsWith(prefix)) this.byId.delete(id);
  }

  get size(): number {
    return this.byId.size;
  }
}

/**
 * Splits sorted names into at most `size` consecutive ranges; a range that still holds more than
 * `size` names is split again when it is expanded. Each range is labelled by its first and last names.
 */
export function bucket(
  sorted: readonly string[],
  size: number,
  name: (key: string) => string,
): { label: string; keys: string[] }[] {
  let per = Math.max(1, size);
  while (Math.ceil(sorted.length / per) > size) per *= size;
  const out: { label: string; keys: string[] }[] = [];
  for (let i = 0; i < sorted.length; i += per) {
    const keys = sorted.slice(i, i + per);
    const first = name(keys[0] ?? '');
    const last = name(keys[keys.length - 1] ?? '');
    out.push({ label: first === last ? first : `${first} … ${last}`, keys });
  }
  return out;
}
