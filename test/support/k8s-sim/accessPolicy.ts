// Who may do what: a deny list over the simulated user's otherwise unlimited rights (the user
// starts as a cluster admin), enforced on every API request with the API server's own 403
// wording, and answered from in SelfSubjectRulesReviews (POST
// /apis/authorization.k8s.io/v1/selfsubjectrulesreviews). RBAC only grants; a denial here stands
// for the grant a Role or ClusterRole does not make. As in RBAC, a right denied in one namespace is
// also missing at the cluster scope (listing across all namespaces needs it everywhere).
//
//   sim.server.access.deny({ verbs: ['list', 'watch'], group: 'core.spinkube.dev', resource: 'spinapps' });
//   sim.server.access.deny({ verbs: ['create'], group: 'authorization.k8s.io', resource: 'selfsubjectrulesreviews' });
//   sim.server.access.clear();
// Injected 403 faults (faults.ts) stay separate: they fail the next N matching requests without
// changing what a review answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, methodNotAllowed } from './apiErrors.js';
import { parseBody, readBody, sendJson } from './httpUtil.js';
import type { TypeRegistry } from './typeRegistry.js';
import type { ResourceType } from './types.js';

export const RULES_REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
const REVIEW_GROUP = 'authorization.k8s.io';

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

export interface AccessDenial {
  /** Verbs refused (default: all). */
  verbs?: string[];
  /** API group ('' for core; default: any group). */
  group?: string;
  /** Plural resource name, `pods/log` for a subresource, or '*'. */
  resource: string;
  /** Only in this namespace (and so at the cluster scope); default: everywhere. */
  namespace?: string;
}

interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
}

export class AccessPolicy {
  private denials: AccessDenial[] = [];

  constructor(readonly user = 'system:anonymous') {}

  deny(denial: AccessDenial): void {
    this.denials.push({ ...denial });
  }

  clear(): void {
    this.denials = [];
  }

  /** Whether the user may do `verb` on a resource in a namespace (undefined: the cluster scope). */
  allows(verb: string, group: string, resource: string, namespace: string | undefined): boolean {
    return !this.denials.some(
      (d) =>
        (d.verbs === undefined || d.verbs.includes(verb)) &&
        (d.group === undefined || d.group === group) &&
        (d.resource === '*' || d.resource === resource) &&
        (d.namespace === undefined || namespace === undefined || d.namespace === namespace),
    );
  }

  /** Throws the API server's Forbidden error when the request is not allowed. */
  enforce(
    verb: string,
    type: ResourceType | undefined,
    namespace: string | undefined,
    sub?: string,
    name?: string,
  ): void {
    if (!type) return;
    const resource = sub ? `${type.plural}/${sub}` : type.plural;
    const scope = type.namespaced ? namespace : undefined;
    if (this.allows(verb, type.group, resource, scope)) return;
    throw this.forbidden(verb, type.group, resource, scope, name);
  }

  /** As the authorization filter words it: `<resource>.<group> "<name>" is forbidden: User …`. */
  forbidden(
    verb: string,
    group: string,
    resource: string,
    namespace: string | undefined,
    name?: string,
  ): ApiError {
    const [plural = resource, subresource] = resource.split('/');
    const qualified = (group ? `${plural}.${group}` : plural) + (name ? ` "${name}"` : '');
    const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
    const what = subresource ? `resource "${plural}/${subresource}"` : `resource "${plural}"`;
    return new ApiError(
      403,
      'Forbidden',
      `${qualified} is forbidden: User "${this.user}" cannot ${verb} ${what} in API group "${group}" ${where}`,
      { ...(name ? { name } : {}), group: group || undefined, kind: plural },
    );
  }

  /** The rules a SelfSubjectRulesReview for `namespace` answers with. */
  rules(namespace: string, types: readonly ResourceType[]): ResourceRule[] {
    const review: ResourceRule = {
      verbs: ['create'],
      apiGroups: [REVIEW_GROUP],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    };
    if (this.denials.length === 0) return [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, review];
    const grouped = new Map<string, ResourceRule>();
    const grant = (group: string, resource: string, scope: string | undefined, verbs: string[]): void => {
      const allowed = verbs.filter((v) => this.allows(v, group, resource, scope));
      if (!allowed.length) return;
      const key = `${group}\n${allowed.join(',')}`;
      const rule = grouped.get(key) ?? { verbs: allowed, apiGroups: [group], resources: [] };
      rule.resources.push(resource);
      grouped.set(key, rule);
    };
    for (const type of types) {
      const scope = type.namespaced ? namespace : undefined;
      grant(type.group, type.plural, scope, VERBS);
      if (type.hasStatus) grant(type.group, `${type.plural}/status`, scope, ['get', 'patch', 'update']);
      if (type.scale) grant(type.group, `${type.plural}/scale`, scope, ['get', 'patch', 'update']);
      for (const sub of type.extraSubresources) {
        grant(type.group, `${type.plural}/${sub}`, scope, sub === 'log' ? ['get'] : ['create']);
      }
    }
    const rules = [...grouped.values()];
    if (this.allows('create', REVIEW_GROUP, 'selfsubjectrulesreviews', undefined)) rules.push(review);
    return rules;
  }
}

/** POST selfsubjectrulesreviews: what the user may do in `spec.namespace`. */
export async function handleRulesReview(
  policy: AccessPolicy,
  registry: TypeRegistry,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (method !== 'POST') throw methodNotAllowed(method);
  if (!policy.allows('create', REVIEW_GROUP, 'selfsubjectrulesreviews', undefined)) {
    throw policy.forbidden('create', REVIEW_GROUP, 'selfsubjectrulesreviews', undefined);
  }
  const body = parseBody(await readBody(req), false) as { spec?: { namespace?: unknown } } | null;
  const namespace = body?.spec?.namespace;
  if (typeof namespace !== 'string' || namespace === '') throw badRequest('no namespace on request');
  sendJson(res, 201, {
    kind: 'SelfSubjectRulesReview',
    apiVersion: `${REVIEW_GROUP}/v1`,
    metadata: { creationTimestamp: null },
    // kube-apiserver answers with a fresh review: the status only, never the namespace asked for.
    spec: {},
    status: {
      resourceRules: policy.rules(namespace, registry.all()),
      nonResourceRules: [
        {
          verbs: ['get'],
          nonResourceURLs: [
            '/api',
            '/api/*',
            '/apis',
            '/apis/*',
            '/healthz',
            '/livez',
            '/readyz',
            '/version',
          ],
        },
      ],
      incomplete: false,
    },
  });
}
