// Whether an image reference names a repository to push to, by Docker's rules. A registry alone
// (`localhost:5000`, `ghcr.io`) parses, but as something else: Docker reads `localhost:5000` as
// the repository `library/localhost` on Docker Hub with the tag `5000`. Say so, and what to write.
import { formatReference, parseReference, ReferenceError } from './reference';

/** `sample-app` for an app named `Sample App`: a repository path component Docker accepts. */
export function repositoryName(appName: string): string {
  const name = appName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name || 'app';
}

/**
 * Why `text` is not a repository to push the app to (one sentence with a suggestion), or
 * undefined when it is one.
 */
export function repositoryProblem(text: string, appName: string): string | undefined {
  const input = text.trim();
  try {
    parseReference(input);
  } catch (error) {
    return error instanceof ReferenceError ? `${error.message}.` : String(error);
  }
  const name = input.split('@')[0] ?? '';
  if (name.includes('/')) return undefined;
  const colon = name.lastIndexOf(':');
  const host = colon >= 0 ? name.slice(0, colon) : name;
  const port = colon >= 0 && /^\d+$/.test(name.slice(colon + 1));
  // One path component that looks like a host (`myapp:v1` is a Docker Hub name, `host:5000` is not).
  if (!(host.includes('.') || host === 'localhost' || port)) return undefined;
  const read = formatReference(parseReference(input));
  const suggestion = `${name.replace(/\/+$/, '')}/${repositoryName(appName)}`;
  return `'${input}' is a registry, not a repository: Docker would read it as ${read}. Name the repository too, for example ${suggestion}.`;
}
