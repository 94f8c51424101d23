/** A validation that took longer than this (last time, for that document) makes edits coalesce. */
const SLOW_VALIDATION_MS = 50;

/**
 * Decides when a document is validated. There is no fixed delay: a document validates at once,
 * inside the change handler. Only when its last validation was slow do rapid edits coalesce: the
 * run is deferred to the next turn of the event loop, and deferred again as long as further edits
 * of the same document keep arriving (edits queued behind a slow run arrive back to back), so only
 * the latest version is validated.
 */
export class ValidationScheduler {
  private readonly lastDurationMs = new Map<string, number>();
  /** Documents with a deferred run, and the edit count seen when it was last deferred. */
  private readonly deferred = new Map<string, number>();
  private readonly editCounts = new Map<string, number>();

  constructor(
    private readonly validate: (uri: string) => void,
    private readonly slowMs: number = SLOW_VALIDATION_MS,
  ) {}

  /** A document changed (or something it depends on): validate it now, or soon if it is slow. */
  request(uri: string): void {
    this.editCounts.set(uri, (this.editCounts.get(uri) ?? 0) + 1);
    if ((this.lastDurationMs.get(uri) ?? 0) <= this.slowMs) {
      this.run(uri);
      return;
    }
    if (this.deferred.has(uri)) return;
    this.defer(uri);
  }

  /** Stops tracking a closed document. */
  forget(uri: string): void {
    this.lastDurationMs.delete(uri);
    this.deferred.delete(uri);
    this.editCounts.delete(uri);
  }

  /** Whether a run of this document is waiting (for tests and tracing). */
  isDeferred(uri: string): boolean {
    return this.deferred.has(uri);
  }

  private defer(uri: string): void {
    this.deferred.set(uri, this.editCounts.get(uri) ?? 0);
    setImmediate(() => {
      const seen = this.deferred.get(uri);
      if (seen === undefined) return; // forgotten meanwhile
      if (seen !== (this.editCounts.get(uri) ?? 0)) {
        this.defer(uri);
        return;
      }
      this.deferred.delete(uri);
      this.run(uri);
    });
  }

  private run(uri: string): void {
    const start = performance.now();
    try {
      this.validate(uri);
    } finally {
      this.lastDurationMs.set(uri, performance.now() - start);
    }
  }
}
