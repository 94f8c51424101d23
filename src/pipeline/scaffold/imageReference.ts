// The app name `spin kube scaffold` derives from an image reference, and the reference check it
// makes first (Docker's reference grammar: [registry/]path[:tag][@digest]).

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);
const MAX_NAME_LENGTH = 255;

export interface ImageReferenceParts {
  /** Registry host (with port), when the reference names one. */
  readonly registry?: string;
  /** Repository path without the registry, e.g. `foo/example-app`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Splits an image reference; undefined when it is not a valid reference. */
export function splitImageReference(reference: string): ImageReferenceParts | undefined {
  const match = REFERENCE.exec(reference);
  if (!match) return undefined;
  const [, first, rest, tag, digest] = match;
  if (rest === undefined) return undefined;
  // A first segment is a registry only when it looks like a host (has '.', ':' or is localhost);
  // otherwise it is part of the repository path (docker.io/library style shorthand).
  let registry: string | undefined;
  let repository = rest;
  if (first !== undefined) {
    if (/[.:[]/.test(first) || first === 'localhost') registry = first;
    else if (new RegExp(`^${PATH_COMPONENT}$`).test(first)) repository = `${first}/${rest}`;
    else return undefined;
  }
  if ((registry ? registry.length + 1 : 0) + repository.length > MAX_NAME_LENGTH) return undefined;
  return {
    ...(registry !== undefined && { registry }),
    repository,
    ...(tag !== undefined && { tag }),
    ...(digest !== undefined && { digest }),
  };
}

/** The SpinApp name for an image: the last path segment of its repository. */
export function appNameFromImage(reference: string): string | undefined {
  const parts = splitImageReference(reference);
  if (!parts) return undefined;
  const segments = parts.repository.split('/');
  return segments[segments.length - 1];
}
