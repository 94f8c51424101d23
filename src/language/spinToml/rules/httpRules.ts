// HTTP triggers (SPEC §1a.5): route syntax, `{ private = true }`, duplicate routes, the reserved
// `/.well-known/spin/` prefix, WAGI executors, and the deprecated `base` setting.
import type { Range } from '../../types';
import type { TriggerModel } from '../modelTypes';
import { child, stringAt, tableAt } from '../read';
import type { RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_INVALID_ROUTE = 'spin-toml/invalid-route';
export const CODE_MISSING_ROUTE = 'spin-toml/missing-route';
export const CODE_PRIVATE_ROUTE = 'spin-toml/private-route';
export const CODE_DUPLICATE_ROUTE = 'spin-toml/duplicate-route';
export const CODE_RESERVED_ROUTE = 'spin-toml/reserved-route';
export const CODE_WAGI = 'spin-toml/wagi';
export const CODE_HTTP_BASE = 'spin-toml/http-base';

const RESERVED_PREFIX = '/.well-known/spin/';

/** The route as Spin matches it: a leading `/` added, one trailing `/` removed. */
function normalizeRoute(route: string): string {
  let r = route.startsWith('/') ? route : `/${route}`;
  if (r.length > 1 && r.endsWith('/')) r = r.slice(0, -1);
  return r;
}

/** Why a route pattern cannot be parsed, or undefined. */
function routeProblem(route: string): string | undefined {
  if (/\s/.test(route)) return 'routes must not contain whitespace';
  const segments = normalizeRoute(route).split('/').slice(1);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const last = i === segments.length - 1;
    if ((segment === '...' || segment === '*') && !last) {
      return `'${segment}' is only allowed as the last segment`;
    }
    if (segment.startsWith(':') && segment.length === 1) return 'a `:` segment needs a name (e.g. `:id`)';
    if (segment.includes('...') && segment !== '...') return "'...' must be a whole segment";
  }
  return undefined;
}

function handlerName(trigger: TriggerModel): string {
  return trigger.component?.kind === 'ref' ? trigger.component.id : trigger.effectiveId;
}

export const httpRouteRule: SpinTomlRule = {
  name: 'http-routes',
  check({ model, report }: RuleInput) {
    const seen = new Map<string, { trigger: TriggerModel; range: Range; route: string }>();
    for (const trigger of model.triggersByType.get('http') ?? []) {
      const route = child(trigger.node, 'route');
      if (!route) {
        if (model.layout === 1) {
          report.error(
            trigger.component?.range ?? trigger.range,
            CODE_MISSING_ROUTE,
            `HTTP component "${handlerName(trigger)}" missing trigger.route`,
          );
        }
        continue;
      }
      if (route.kind === 'table') {
        const isPrivate = child(route, 'private');
        if (isPrivate?.kind === 'boolean' && isPrivate.value === false) {
          report.error(
            isPrivate.range,
            CODE_PRIVATE_ROUTE,
            `route must be a string pattern or '{ private = true }': '${trigger.effectiveId}' has { private = false }`,
          );
        }
        continue;
      }
      if (route.kind !== 'string') continue;
      const text = route.value as string;
      const problem = routeProblem(text);
      if (problem) {
        report.error(
          route.range,
          CODE_INVALID_ROUTE,
          `Error parsing route ${text} associated with component ${handlerName(trigger)}: ${problem}`,
        );
        continue;
      }
      const normalized = normalizeRoute(text);
      if (normalized.startsWith(RESERVED_PREFIX) || normalized === RESERVED_PREFIX.slice(0, -1)) {
        report.warning(
          route.range,
          CODE_RESERVED_ROUTE,
          'Routes under /.well-known/spin/ are handled by the Spin runtime and will never be reached',
        );
      }
      const earlier = seen.get(normalized);
      if (earlier && handlerName(earlier.trigger) !== handlerName(trigger)) {
        report.warning(
          earlier.range,
          CODE_DUPLICATE_ROUTE,
          `The following component routes are duplicates and will never be used: ${handlerName(earlier.trigger)}: ${earlier.route} (duplicate of ${handlerName(trigger)})`,
        );
      }
      seen.set(normalized, { trigger, range: route.range, route: text });
    }
  },
};

export const wagiRule: SpinTomlRule = {
  name: 'wagi',
  check({ model, report }: RuleInput) {
    for (const trigger of model.triggersByType.get('http') ?? []) {
      const executor = tableAt(trigger.node, 'executor');
      const type = stringAt(executor, 'type');
      if (type?.value !== 'wagi') continue;
      const entrypoint = stringAt(executor, 'entrypoint');
      if (entrypoint && entrypoint.value !== '_start') {
        report.error(
          entrypoint.keyRange ?? entrypoint.range,
          CODE_WAGI,
          `Wagi component '${handlerName(trigger)}' cannot use deprecated 'entrypoint' field`,
        );
      } else {
        const route = stringAt(trigger.node, 'route')?.value ?? '';
        report.warning(
          type.range,
          CODE_WAGI,
          `HTTP route ${route} uses the WAGI executor. WAGI will be deprecated in a future version of Spin.`,
        );
      }
    }
  },
};

export const httpBaseRule: SpinTomlRule = {
  name: 'http-base',
  check({ model, report }: RuleInput) {
    const base = stringAt(model.application.triggerSettings.get('http'), 'base');
    if (!base) return;
    if (base.value === '/') {
      report.warning(
        base.keyRange ?? base.range,
        CODE_HTTP_BASE,
        'The trigger `base` field is deprecated; remove it.',
      );
    } else {
      report.error(
        base.range,
        CODE_HTTP_BASE,
        "This application is using the deprecated trigger 'base' field. The base must be prepended to each [[trigger.http]]'s 'route'.",
      );
    }
  },
};
