// Under a list the user may not read (403; a section, or an expanded node's pods): one item saying
// what the user may do instead, from a SelfSubjectRulesReview of the namespace that was refused
// (the context's namespace when the refused list spanned all namespaces). The item reads "Asking
// the cluster what you may do…" until the answer is in, then refreshes alone.
//
//   const access = new ForbiddenAccess(() => tree.queueAccessItems());
//   access.bind(model);  message.refused = access.refusal(kind, state);
//   access.children(message, get) → [access element] | [];  access.render(el);  access.itemIds()
//   access.clear();  // ask again (after a refresh)
import { AccessReviews, explorerResources, type NeededAccess } from '../cluster/accessReview';
import { resourceName, resourceOf } from '../cluster/accessRules';
import type { Disposable } from '../cluster/emitter';
import { Kinds, spinAppExecutorKind, spinAppKind, type ResourceKind } from '../cluster/kinds';
import type { Section, SectionState, SpinKubeModel } from '../cluster/spinKubeModel';
import type { RefusedList, TreeElement, TreeNode } from './elements';

type AccessElement = Extract<TreeElement, { kind: 'access' }>;
type MessageElement = Extract<TreeElement, { kind: 'message' }>;

/** The kind whose list a section needs. */
export function sectionKind(section: Section, group: string | null | undefined): ResourceKind | undefined {
  switch (section) {
    case 'apps':
      return spinAppKind(group ?? undefined);
    case 'executors':
      return spinAppExecutorKind(group ?? undefined);
    case 'nodes':
      return Kinds.node;
    case 'runtimeClasses':
      return Kinds.runtimeClass;
    default:
      return undefined;
  }
}

export class ForbiddenAccess {
  private reviews: AccessReviews | undefined;
  private sub: Disposable | undefined;
  private model: SpinKubeModel | undefined;
  private readonly ids = new Set<string>();

  /** `answered` runs when an answer arrives (the tree refreshes the access items). */
  constructor(private readonly answered: () => void) {}

  bind(model: SpinKubeModel | undefined): void {
    if (model === this.model && this.reviews) return;
    this.dispose();
    this.model = model;
    if (!model) return;
    this.reviews = new AccessReviews(model.session.transport, () => explorerResources(model.apiGroup));
    this.sub = this.reviews.onDidAnswer.on(() => this.answered());
  }

  /** What a message about `state` explains when the state is a 403 on a list of `kind`. */
  refusal(kind: ResourceKind | undefined, state: SectionState): RefusedList | undefined {
    if (!kind || state.phase !== 'error' || state.kind !== 'forbidden') return undefined;
    return { kind, namespace: state.namespace };
  }

  /** The access item under a message that explains a refused list. */
  children(
    message: MessageElement,
    get: (id: string, create: () => AccessElement) => AccessElement,
  ): TreeElement[] {
    const model = this.model;
    const refused = message.refused;
    if (!model || !refused) return [];
    const namespace = refused.namespace ?? model.session.defaultNamespace;
    const { kind } = refused;
    const needed: NeededAccess = { resource: resourceName(resourceOf(kind)), namespaced: kind.namespaced };
    const id = `access:${message.id}`;
    const el = get(id, () => ({ kind: 'access', id, namespace, needed }));
    el.namespace = namespace;
    el.needed = needed;
    this.ids.add(id);
    return [el];
  }

  /** The ids of the access items handed out (to refresh them when an answer arrives). */
  itemIds(): string[] {
    return [...this.ids];
  }

  render(el: AccessElement): TreeNode {
    const answer = this.reviews?.answer(el.namespace, el.needed);
    if (!answer) {
      return {
        id: el.id,
        label: 'Asking the cluster what you may do…',
        description: `in namespace "${el.namespace}"`,
        icon: { id: 'loading~spin' },
        contextValue: 'spinkube.access',
        collapsible: 'none',
        state: 'asking',
      };
    }
    return {
      id: el.id,
      label: answer.summary,
      description: answer.detail,
      icon: answer.kind === 'rules' ? { id: 'key' } : { id: 'question' },
      contextValue: 'spinkube.access',
      collapsible: 'none',
      tooltip: answer.tooltip,
      state: answer.kind,
    };
  }

  /** Forgets the answers: the next render asks again. */
  clear(): void {
    this.reviews?.clear();
  }

  dispose(): void {
    this.sub?.dispose();
    this.reviews?.dispose();
    this.sub = undefined;
    this.reviews = undefined;
    this.model = undefined;
    this.ids.clear();
  }
}
