// Runs test code with some process environment variables set or unset, restoring them afterwards.

/** Runs `body` with these variables set (undefined: unset), then puts back what they were. */
export async function withEnvironment<T>(
  vars: Readonly<Record<string, string | undefined>>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}
