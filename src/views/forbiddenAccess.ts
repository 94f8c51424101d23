// Under a section the user may not list (403): one item saying what the user may do instead,
// from a SelfSubjectRulesReview of the namespace that was refused (the context's namespace when
// the refused list spanned all namespaces). The item reads "Asking the cluster what you may do…"
// until the answer is in, then refreshes alone.
//
//   const access = new ForbiddenAccess(() => tree.queueAccessItems());
//   access.bind(model);  access.children(section, get) → [access element] | [];  access.render(el)
//   access.clear();  // ask again (after a refresh)
import { AccessReviews, explorerResources, type NeededAccess } from '../cluster/accessReview';
import { resourceName, resourceOf } from '../cluster/accessRules';
import type { Disposable } from '../cluster/emitter';
import { Kinds, spinAppExecutorKind, spinAppKind, type ResourceKind } from '../cluster/kinds';
import type { Section, SpinKubeModel } from '../cluster/spinKubeModel';
import type { TreeElement, TreeNode } from './treeElements';

type AccessElement = Extract<TreeElement, { kind: 'access' }>;

/** The kind whose list a section needs. */
function sectionKind(section: Section, group: string | null | undefined): ResourceKind | undefined {
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

  /** The access item under a section's message, when the section is forbidden. */
  children(section: Section, get: (id: string, create: () => AccessElement) => AccessElement): TreeElement[] {
    const model = this.model;
    if (!model) return [];
    const state = model.sectionState(section);
    if (state.phase !== 'error' || state.kind !== 'forbidden') return [];
    const kind = sectionKind(section, model.apiGroup);
    if (!kind) return [];
    const namespace = state.namespace ?? model.session.defaultNamespace;
    const needed: NeededAccess = { resource: resourceName(resourceOf(kind)), namespaced: kind.namespaced };
    const id = `access:${section}`;
    const el = get(id, () => ({ kind: 'access', id, section, namespace, needed }));
    el.namespace = namespace;
    el.needed = needed;
    return [el];
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
  }
}
