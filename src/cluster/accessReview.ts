// After a 403, ask the API server what the user may do (a SelfSubjectRulesReview for one
// namespace) and say it in a line for the tree; remembered per namespace until cleared.
//
//   const reviews = new AccessReviews(transport, () => explorerResources(group));
//   reviews.onDidAnswer.on(() => …);                    // an answer arrived
//   reviews.answer('default', { resource: 'spinapps.core.spinkube.dev', namespaced: true })
//     → AccessAnswer | undefined (asked, pending)
//   reviews.clear();                                     // ask again next time (after a refresh)
import { asApiError } from './apiError';
import { describeAllowed, resourceOf, type ResourceRef, type ResourceRule } from './accessRules';
import { Emitter } from './emitter';
import { Kinds, spinAppExecutorKind, spinAppKind } from './kinds';
import type { KubeTransport } from './transport';

const RULES_REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';

export interface AccessAnswer {
  /** 'rules': the cluster said what is allowed; 'unavailable': it could not or would not say. */
  readonly kind: 'rules' | 'unavailable';
  readonly namespace: string;
  /** The short line: "You may: get, list, watch spinapps.core.spinkube.dev; list pods". */
  readonly summary: string;
  /** Where it applies, and whether the cluster said the list may be incomplete. */
  readonly detail: string;
  /** Summary, detail and what to ask a cluster admin for. */
  readonly tooltip: string;
}

interface RulesReviewStatus {
  resourceRules?: ResourceRule[];
  incomplete?: boolean;
  evaluationError?: string;
}

/** The resources the explorer reads or acts on, in the order they are worth mentioning. */
export function explorerResources(group: string | null | undefined): ResourceRef[] {
  return [
    resourceOf(spinAppKind(group ?? undefined)),
    resourceOf(spinAppExecutorKind(group ?? undefined)),
    resourceOf(Kinds.pod),
    { group: '', resource: 'pods/log' },
    resourceOf(Kinds.deployment),
    resourceOf(Kinds.service),
    resourceOf(Kinds.event),
    resourceOf(Kinds.node),
    resourceOf(Kinds.runtimeClass),
  ];
}

/** The resource whose list was refused, and whether it lives in namespaces. */
export interface NeededAccess {
  /** As kubectl names it: `spinapps.core.spinkube.dev`, `nodes`. */
  readonly resource: string;
  readonly namespaced: boolean;
}

function adminAdvice(needed: NeededAccess, namespace: string): string {
  return needed.namespaced
    ? `A cluster admin can grant get, list and watch on ${needed.resource} in namespace "${namespace}" (a Role and RoleBinding), or across namespaces (a ClusterRole and ClusterRoleBinding).`
    : `${needed.resource} belong to no namespace: a cluster admin can grant get, list and watch on them with a ClusterRole and ClusterRoleBinding.`;
}

/** Asks once; never throws (a failure becomes an 'unavailable' answer). */
async function reviewAccess(
  transport: KubeTransport,
  namespace: string,
  resources: readonly ResourceRef[],
  needed: NeededAccess,
): Promise<AccessAnswer> {
  const where = `in namespace "${namespace}"`;
  try {
    const review = await transport.request<{ status?: RulesReviewStatus } | undefined>({
      method: 'POST',
      path: RULES_REVIEW_PATH,
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        spec: { namespace },
      },
    });
    const status = typeof review === 'object' && review ? (review.status ?? {}) : {};
    const rules = Array.isArray(status.resourceRules) ? status.resourceRules : [];
    const allowed = describeAllowed(rules, resources);
    const partial = status.incomplete === true || !!status.evaluationError;
    const detail = `${where}${partial ? ' (the cluster says this may be incomplete)' : ''}`;
    const summary = allowed ?? 'You may not read or change anything the explorer shows';
    return {
      kind: 'rules',
      namespace,
      summary,
      detail,
      tooltip: `${summary} ${detail}.\n\n${adminAdvice(needed, namespace)}`,
    };
  } catch (error) {
    const err = asApiError(error);
    const reason =
      err.kind === 'forbidden'
        ? 'asking is not allowed either (403)'
        : err.kind === 'notFound'
          ? 'the cluster does not answer access reviews (404)'
          : err.message;
    return {
      kind: 'unavailable',
      namespace,
      summary: 'Cannot tell what you may do',
      detail: `${where}: ${reason}`,
      tooltip: `Cannot tell what you may do ${where}: ${reason}\n\n${adminAdvice(needed, namespace)}`,
    };
  }
}

/** Answers per namespace and needed resource, asked at most once each until clear(). */
export class AccessReviews {
  readonly onDidAnswer = new Emitter<AccessAnswer>();
  private readonly answers = new Map<string, AccessAnswer | 'asking'>();
  private generation = 0;

  constructor(
    private readonly transport: KubeTransport,
    private readonly resources: () => readonly ResourceRef[],
  ) {}

  /** The answer if it is in; otherwise starts asking (once) and returns undefined. */
  answer(namespace: string, needed: NeededAccess): AccessAnswer | undefined {
    const key = `${namespace}\n${needed.resource}`;
    const known = this.answers.get(key);
    if (known === 'asking') return undefined;
    if (known) return known;
    this.answers.set(key, 'asking');
    const generation = this.generation;
    void reviewAccess(this.transport, namespace, this.resources(), needed).then((answer) => {
      if (generation !== this.generation) return;
      this.answers.set(key, answer);
      this.onDidAnswer.fire(answer);
    });
    return undefined;
  }

  clear(): void {
    this.generation++;
    this.answers.clear();
  }

  dispose(): void {
    this.clear();
    this.onDidAnswer.clear();
  }
}
