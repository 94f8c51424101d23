// The error a promise must reject with, for tests that then look at its message: fails the test
// when the promise resolves or rejects with another kind of error.
import assert from 'node:assert/strict';

export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  what: string,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${what} to fail`);
}
