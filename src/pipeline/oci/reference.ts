// Image references as Docker reads them: [registry/]repository[:tag][@digest], with Docker Hub
// defaults (docker.io, library/ for single names) and the API host Docker Hub really uses.

export interface ImageReference {
  /** Registry as written or defaulted, e.g. `ghcr.io`, `127.0.0.1:5000`, `docker.io`. */
  readonly registry: string;
  /** Where the distribution API lives (`registry-1.docker.io` for docker.io). */
  readonly apiHost: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DOCKER_HUB = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

export class ReferenceError extends Error {}

/** Parses an image reference; throws ReferenceError with a readable message when it is invalid. */
export function parseReference(input: string): ImageReference {
  const text = input.trim();
  const invalid = (why: string): never => {
    throw new ReferenceError(`invalid image reference '${input}': ${why}`);
  };
  if (text === '') invalid('it is empty');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) invalid(`'${digest}' is not a digest (algorithm:hex)`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) invalid(`'${tag}' is not a valid tag`);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts.shift();
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
    invalid('the repository must be lowercase letters, digits and separators (. _ - /)');
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  return {
    registry,
    apiHost: registry === DOCKER_HUB ? 'registry-1.docker.io' : registry,
    repository: parts.join('/'),
    tag: tag ?? (digest === undefined ? 'latest' : undefined),
    digest,
  };
}

/** `registry/repository[:tag][@digest]` */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** Hosts reached over plain HTTP: loopback always, others only when listed as insecure. */
export function usesPlainHttp(host: string, insecureHosts: readonly string[] = []): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name === '127.0.0.1' || name === '::1') return true;
  return insecureHosts.some((h) => h === host || h === name);
}
