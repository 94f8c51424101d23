// The `spin-*` headers Spin adds to every request a component gets (names and values as in
// Spin's trigger-http headers.rs; the base path is always `/`).
import type { RouteMatch } from './routes';

export interface RequestFacts {
  /** The `Host` header, as sent. */
  readonly host: string;
  /** The raw path and query, as sent. */
  readonly pathWithQuery: string;
  /** `ip:port` of the peer. */
  readonly clientAddress: string;
}

/** The route as Spin's `spin-component-route` gives it: the raw route without `/...`. */
function componentRoute(raw: string): string {
  if (raw === '/...' || raw === '...') return '';
  return raw.endsWith('/...') ? raw.slice(0, -'/...'.length) : raw;
}

export function spinHeaders(match: RouteMatch, request: RequestFacts): [string, string][] {
  const headers: [string, string][] = [
    ['spin-full-url', `http://${request.host}${request.pathWithQuery}`],
    ['spin-path-info', match.pathInfo],
    ['spin-matched-route', match.route.normalized],
    ['spin-raw-component-route', match.route.raw],
    ['spin-component-route', componentRoute(match.route.raw)],
    ['spin-base-path', '/'],
    ['spin-client-addr', request.clientAddress],
  ];
  for (const [name, value] of match.params) headers.push([`spin-path-match-${name}`, value]);
  return headers;
}
