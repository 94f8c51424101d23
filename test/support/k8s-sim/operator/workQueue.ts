// A keyed work queue: a key queued several times is reconciled once; one reconcile per key at a
// time; failures retry with back-off; work can be scheduled for later (requeue after).
export type Reconcile = (key: string) => Promise<void | { requeueAfterMs: number }>;

export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly reconcile: Reconcile,
    private readonly onError: (key: string, err: unknown) => void = (key, err) => {
      if (process.env.SPINKUBE_SIM_DEBUG) process.stderr.write(`reconcile ${key}: ${String(err)}\n`);
    },
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.add(key);
    setImmediate(() => void this.process(key));
  }

  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.add(key);
      }, ms),
    );
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async process(key: string): Promise<void> {
    this.pending.delete(key);
    if (this.stopped) return;
    this.running.add(key);
    try {
      const result = await this.reconcile(key);
      this.failures.delete(key);
      if (result && result.requeueAfterMs >= 0) this.addAfter(key, result.requeueAfterMs);
    } catch (err) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      this.onError(key, err);
      this.addAfter(key, Math.min(5 * 2 ** n, 2000));
    } finally {
      this.running.delete(key);
      if (this.dirty.delete(key)) this.add(key);
    }
  }
}
