// At most N tasks at a time; once one fails (or the signal aborts) no further task starts.

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createLimiter(limit: number, signal?: AbortSignal): Limiter {
  let active = 0;
  let failed = false;
  const waiting: (() => void)[] = [];
  // A finished task hands its slot straight to the next waiting one.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        if (failed) throw new Error('stopped after an earlier failure');
        signal?.throwIfAborted();
        return await task();
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        release();
      }
    },
  };
}
