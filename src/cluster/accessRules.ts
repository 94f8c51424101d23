// What a SelfSubjectRulesReview's rules allow, said in one short line for the resources the
// explorer uses: "You may: get, list, watch spinapps.core.spinkube.dev; list pods".
//   allowedVerbs(rules, { group: '', resource: 'pods' }) → ['list']
//   describeAllowed(rules, resources) → 'You may: …' | 'You may not read or change …'
import type { ResourceKind } from './kinds';

/** One `resourceRules` entry of a SelfSubjectRulesReview status. */
export interface ResourceRule {
  readonly verbs?: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** A resource (or subresource, `pods/log`) of an API group. */
export interface ResourceRef {
  readonly group: string;
  readonly resource: string;
}

const VERB_ORDER = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

export function resourceOf(kind: ResourceKind): ResourceRef {
  return { group: kind.group, resource: kind.plural };
}

/** `pods`, `pods/log`, `spinapps.core.spinkube.dev`: how kubectl names a resource. */
export function resourceName(ref: ResourceRef): string {
  const slash = ref.resource.indexOf('/');
  const base = slash < 0 ? ref.resource : ref.resource.slice(0, slash);
  const sub = slash < 0 ? '' : ref.resource.slice(slash);
  return `${base}${ref.group ? `.${ref.group}` : ''}${sub}`;
}

function ruleCovers(rule: ResourceRule, ref: ResourceRef): boolean {
  // a rule limited to named objects does not allow listing or watching: leave it out
  if (rule.resourceNames && rule.resourceNames.length > 0) return false;
  const groups = rule.apiGroups ?? [];
  if (!groups.includes('*') && !groups.includes(ref.group)) return false;
  const base = ref.resource.split('/')[0] ?? ref.resource;
  const sub = ref.resource.includes('/');
  return (rule.resources ?? []).some(
    (r) =>
      r === '*' ||
      r === ref.resource ||
      (sub && (r === `${base}/*` || r === `*/${ref.resource.slice(base.length + 1)}`)),
  );
}

/** The verbs the rules allow on a resource, in kubectl's order; ['*'] when every verb is. */
export function allowedVerbs(rules: readonly ResourceRule[], ref: ResourceRef): string[] {
  const verbs = new Set<string>();
  for (const rule of rules) {
    if (!ruleCovers(rule, ref)) continue;
    for (const verb of rule.verbs ?? []) if (typeof verb === 'string' && verb) verbs.add(verb);
  }
  if (verbs.has('*')) return ['*'];
  const known = VERB_ORDER.filter((v) => verbs.has(v));
  const others = [...verbs].filter((v) => !VERB_ORDER.includes(v)).sort();
  return [...known, ...others];
}

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** 'get, list, watch', 'get, list, watch, change' (every write verb), 'do anything with' (every verb). */
function verbPhrase(verbs: readonly string[]): string {
  if (verbs[0] === '*' || VERB_ORDER.every((v) => verbs.includes(v))) return 'do anything with';
  if (!WRITE_VERBS.every((v) => verbs.includes(v))) return verbs.join(', ');
  const rest = verbs.filter((v) => !WRITE_VERBS.includes(v));
  const at = rest.findIndex((v) => !VERB_ORDER.includes(v));
  rest.splice(at < 0 ? rest.length : at, 0, 'change');
  return rest.join(', ');
}

/**
 * One line naming, per set of verbs, the resources it applies to, in the order given; resources
 * with no verb are left out. Undefined when none of them is allowed anything.
 */
export function describeAllowed(
  rules: readonly ResourceRule[],
  resources: readonly ResourceRef[],
): string | undefined {
  const byVerbs = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const ref of resources) {
    const name = resourceName(ref);
    if (seen.has(name)) continue;
    seen.add(name);
    const verbs = allowedVerbs(rules, ref);
    if (!verbs.length) continue;
    const key = verbPhrase(verbs);
    const names = byVerbs.get(key) ?? [];
    names.push(name);
    byVerbs.set(key, names);
  }
  if (!byVerbs.size) return undefined;
  return `You may: ${[...byVerbs].map(([verbs, names]) => `${verbs} ${names.join(', ')}`).join('; ')}`;
}
