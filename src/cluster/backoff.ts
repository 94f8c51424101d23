// Exponential backoff with a cap and jitter, honouring a server's Retry-After.
//   const b = new Backoff({ initialMs: 500, maxMs: 30_000 });  b.next(retryAfterSeconds?) → ms;  b.reset();

export interface BackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  /** 0..1: random share removed from each delay so that many clients do not retry in step. */
  readonly jitter?: number;
}

export class Backoff {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly jitter: number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 30_000;
    this.jitter = options.jitter ?? 0.2;
  }

  get attempts(): number {
    return this.attempt;
  }

  /** The delay before the next try. A Retry-After from the server wins (still capped). */
  next(retryAfterSeconds?: number): number {
    const exp = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    if (retryAfterSeconds !== undefined) return Math.min(this.maxMs, Math.max(0, retryAfterSeconds * 1000));
    return Math.round(exp * (1 - this.jitter * Math.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
