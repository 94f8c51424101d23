// The one polling helper of the tests: waits until a probe returns a value, with a clear failure.

export interface WaitOptions {
  /** How long to wait before failing (default 15 s). */
  readonly timeoutMs?: number;
  /** Pause between two probes (default 25 ms). */
  readonly intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than undefined, null or false, and returns that.
 * Rejects after the timeout with `what` and the last error the probe threw, if any.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMsOrOptions: number | WaitOptions = {},
): Promise<T> {
  const options =
    typeof timeoutMsOrOptions === 'number' ? { timeoutMs: timeoutMsOrOptions } : timeoutMsOrOptions;
  const { timeoutMs = 15_000, intervalMs = 25 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError
        ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`
        : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
