// Robustness: mutated corpus files through the language service directly. Every feature must
// answer for every input without a language throwing (the service turns a throw into an
// internal-error diagnostic and a log line; that counts as a failure here, while a language that
// itself reports it could not check an input is noted), and each case must end
// within a generous bound — a hang detector, not a speed check. Cases run in a worker thread so
// that a hanging case is stopped and reported instead of freezing the test run.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { corpusSeeds } from '../support/fuzzCases';
import type { FuzzWorkerMessage } from '../support/fuzzWorker';

/** Far above any real time for one case (the 5 MB files included); only a hang gets near it. */
const HANG_BOUND_MS = 90_000;
const workerPath = path.join(__dirname, '..', 'support', 'fuzzWorker.js');

interface FuzzOutcome {
  total: number;
  failures: string[];
  declined: string[];
}

/** Runs every case, restarting the worker after a hang; resolves with all failures. */
function runFuzz(): Promise<FuzzOutcome> {
  const failures: string[] = [];
  const declined: string[] = [];
  return new Promise((resolve, reject) => {
    const startWorker = (from: number): void => {
      const worker = new Worker(workerPath, { workerData: { from, huge: true } });
      let current: { index: number; name: string } | undefined;
      let timer: NodeJS.Timeout | undefined;
      worker.on('message', (m: FuzzWorkerMessage) => {
        if (m.type === 'start') {
          current = { index: m.index, name: m.name };
          clearTimeout(timer);
          timer = setTimeout(() => {
            failures.push(`${m.name}: still running after ${HANG_BOUND_MS / 1000} s (hang)`);
            void worker.terminate().then(() => startWorker(m.index + 1));
          }, HANG_BOUND_MS);
        } else if (m.type === 'done') {
          clearTimeout(timer);
          for (const f of m.failures) failures.push(`${current?.name ?? m.index}: ${f}`);
          for (const d of m.declined) declined.push(`${current?.name ?? m.index}: ${d}`);
        } else {
          clearTimeout(timer);
          void worker.terminate();
          resolve({ total: m.total, failures, declined });
        }
      });
      worker.on('error', (error) => {
        clearTimeout(timer);
        failures.push(`${current?.name ?? 'worker'}: crashed: ${error.message}`);
        if (current) startWorker(current.index + 1);
        else reject(error);
      });
    };
    startWorker(0);
  });
}

describe('fuzz: language service', () => {
  it('reads the shared corpus', () => {
    assert.ok(corpusSeeds().length > 50, 'the corpus at ../shared/reference/corpus is missing');
  });

  it('never fails or hangs on mutated corpus files and structural extremes', async (t) => {
    const { total, failures, declined } = await runFuzz();
    for (const d of declined) t.diagnostic(`declined gracefully: ${d}`);
    assert.ok(total > 500, `only ${total} cases`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures`);
  });
});
