// Which repositories of a registry earlier pushes (of this process) filled with which blobs, so a
// push to another repository can mount them instead of uploading them again.

/** registry → digest → repositories known to hold it */
const known = new Map<string, Map<string, Set<string>>>();

export function rememberBlob(registry: string, digest: string, repository: string): void {
  const byDigest = known.get(registry) ?? new Map<string, Set<string>>();
  known.set(registry, byDigest);
  const repositories = byDigest.get(digest) ?? new Set<string>();
  byDigest.set(digest, repositories);
  repositories.add(repository);
}

/** Other repositories of the registry that hold blobs we pushed (at most `max`). */
export function siblingRepositories(registry: string, repository: string, max = 8): string[] {
  const all = new Set([...(known.get(registry)?.values() ?? [])].flatMap((r) => [...r]));
  return [...all].filter((r) => r !== repository).slice(0, max);
}

/** The repositories among `candidates` known to hold the blob. */
export function holdersOf(registry: string, digest: string, candidates: readonly string[]): string[] {
  return [...(known.get(registry)?.get(digest) ?? [])].filter((r) => candidates.includes(r));
}
