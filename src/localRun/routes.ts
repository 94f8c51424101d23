// Spin's HTTP router (routefinder 0.5.4 as Spin uses it): routes are made absolute and lose one
// trailing `/`; `/...` at the end is a wildcard, `:name` matches one segment; the raw, still
// percent-encoded path is matched case-sensitively, with its leading and trailing `/` removed.
// Precedence is by segment (exact > `:param` > wildcard), not by manifest order; the same route
// written twice: the last one wins.

type Segment =
  { readonly kind: 'exact'; readonly text: string } | { readonly kind: 'param'; readonly name: string };

export interface RouteEntry {
  /** The route as written in the manifest. */
  readonly raw: string;
  readonly componentId: string;
}

export interface CompiledRoute extends RouteEntry {
  /** Absolute, without one trailing `/` (`/` itself becomes ``). */
  readonly normalized: string;
  readonly segments: readonly Segment[];
  readonly wildcard: boolean;
}

export interface RouteMatch {
  readonly route: CompiledRoute;
  /** The trailing wildcard's part of the path (keeps a trailing `/`); `` for exact routes. */
  readonly pathInfo: string;
  /** `:name` → the segment it matched (names lower-cased, as Spin's header names are). */
  readonly params: ReadonlyMap<string, string>;
}

export interface Router {
  readonly routes: readonly CompiledRoute[];
  /** Routes written more than once (all but the last of each are never used). */
  readonly duplicates: readonly CompiledRoute[];
  match(path: string): RouteMatch | undefined;
}

export function compileRoute(entry: RouteEntry): CompiledRoute {
  let route = entry.raw.startsWith('/') ? entry.raw : `/${entry.raw}`;
  if (route.endsWith('/')) route = route.slice(0, -1);
  const wildcard = route === '/...' || route.endsWith('/...');
  const prefix = wildcard ? route.slice(0, -'/...'.length) : route;
  const segments: Segment[] = prefix
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (s.startsWith(':') ? { kind: 'param', name: s.slice(1) } : { kind: 'exact', text: s }));
  return { ...entry, normalized: route, segments, wildcard };
}

/** Segments of a request path as routefinder sees them (no leading or trailing `/`). */
function pathSegments(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function matchRoute(route: CompiledRoute, path: string, segments: readonly string[]): RouteMatch | undefined {
  if (route.wildcard ? segments.length < route.segments.length : segments.length !== route.segments.length) {
    return undefined;
  }
  const params = new Map<string, string>();
  for (const [index, segment] of route.segments.entries()) {
    const actual = segments[index] ?? '';
    if (segment.kind === 'exact' && segment.text !== actual) return undefined;
    if (segment.kind === 'param') params.set(segment.name.toLowerCase(), actual);
  }
  return { route, pathInfo: route.wildcard ? pathInfoOf(path, route.segments.length) : '', params };
}

/** What follows the first `count` segments of the raw path: `/hello/a/b` after 1 → `/a/b`. */
function pathInfoOf(path: string, count: number): string {
  let at = 0;
  for (let n = 0; n < count; n++) {
    while (path[at] === '/') at++;
    const next = path.indexOf('/', at);
    at = next === -1 ? path.length : next;
  }
  return path.slice(at);
}

/** Rank of segment `index` of a route: exact 0, `:param` 1, wildcard 2, route ended 0. */
function rankAt(route: CompiledRoute, index: number): number {
  const segment = route.segments[index];
  if (segment) return segment.kind === 'exact' ? 0 : 1;
  return route.wildcard ? 2 : 0;
}

/** Negative when `a` takes precedence over `b`. */
function precedence(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.max(a.segments.length, b.segments.length) + 1;
  for (let index = 0; index < length; index++) {
    const difference = rankAt(a, index) - rankAt(b, index);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function buildRouter(entries: readonly RouteEntry[]): Router {
  const byRoute = new Map<string, CompiledRoute>();
  const duplicates: CompiledRoute[] = [];
  for (const entry of entries) {
    const compiled = compileRoute(entry);
    const earlier = byRoute.get(compiled.normalized);
    if (earlier) duplicates.push(earlier);
    byRoute.set(compiled.normalized, compiled);
  }
  const routes = [...byRoute.values()];
  return {
    routes,
    duplicates,
    match(path) {
      const segments = pathSegments(path);
      let best: RouteMatch | undefined;
      for (const route of routes) {
        const found = matchRoute(route, path, segments);
        if (found && (!best || precedence(found.route, best.route) < 0)) best = found;
      }
      return best;
    },
  };
}
