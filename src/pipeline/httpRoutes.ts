// The path a browser opens for a Spin app: its first public HTTP route, with Spin's route syntax
// reduced to a URL path (`/hello/...` → `/hello/`, `/users/:id` → `/users/`, `/...` → `/`).
import type { AppManifest } from './appManifest';

/** The URL path of a route pattern: everything before its first wildcard or parameter segment. */
export function routePath(route: string): string {
  const segments = route.split('/').filter((s) => s.length > 0);
  const fixed: string[] = [];
  for (const segment of segments) {
    if (segment === '...' || segment.startsWith(':')) return `/${fixed.map((s) => `${s}/`).join('')}`;
    fixed.push(segment);
  }
  return `/${fixed.join('/')}`;
}

/** The path of the app's first HTTP trigger with a public route, else `/`. */
export function firstRoutePath(manifest: Pick<AppManifest, 'triggers'>): string {
  for (const trigger of manifest.triggers) {
    const route = trigger.config['route'];
    if (trigger.type === 'http' && typeof route === 'string') return routePath(route);
  }
  return '/';
}
