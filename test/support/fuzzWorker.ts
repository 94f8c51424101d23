// Runs fuzz cases through the language service inside a worker thread, so that the test can stop
// a case that hangs (a synchronous hang cannot be interrupted on the main thread). Reports each
// case's start and outcome to the parent.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { INTERNAL_ERROR_CODE, LanguageService } from '../../src/language/service';
import type { Position, SourceDocument } from '../../src/language/types';
import { fuzzCases, type FuzzCase } from './fuzzCases';

export type FuzzWorkerMessage =
  | { readonly type: 'start'; readonly index: number; readonly name: string }
  | {
      readonly type: 'done';
      readonly index: number;
      /** Exceptions that reached the service, and wrong answers. */
      readonly failures: string[];
      /** Inputs a language declined gracefully (it reported that it could not check them). */
      readonly declined: string[];
      readonly validateMs: number;
    }
  | { readonly type: 'end'; readonly total: number };

/** Codes with which the languages report that one of their own checks failed. */
const SELF_REPORTED_FAILURES = new Set([INTERNAL_ERROR_CODE, 'spin-toml/rule-failed']);

function positionsIn(text: string): Position[] {
  const lines = text.split('\n');
  const last = lines.length - 1;
  const mid = Math.floor(lines.length / 2);
  return [
    { line: 0, character: 0 },
    { line: mid, character: Math.floor((lines[mid]?.length ?? 0) / 2) },
    { line: last, character: lines[last]?.length ?? 0 },
    { line: last + 5, character: 999 },
  ];
}

interface CaseOutcome {
  failures: string[];
  declined: string[];
  validateMs: number;
}

function exercise(c: FuzzCase): CaseOutcome {
  const failures: string[] = [];
  const service = new LanguageService({ log: (m) => failures.push(m.split('\n')[0]!) });
  const doc: SourceDocument = { uri: c.uri, text: c.text, version: 1 };
  const started = performance.now();
  const diagnostics = service.validate(doc);
  const validateMs = performance.now() - started;
  const declined = diagnostics
    .filter((d) => SELF_REPORTED_FAILURES.has(String(d.code)))
    .map((d) => String(d.message));
  const whole = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
  service.codeActions(doc, whole, diagnostics);
  service.symbols(doc);
  if (c.text.length <= 1_000_000) {
    for (const at of positionsIn(c.text)) {
      service.complete(doc, at);
      service.hover(doc, at);
      service.definition(doc, at);
      service.references(doc, at);
      service.prepareRename(doc, at);
      service.rename(doc, at, 'new-name');
    }
  }
  return { failures, declined, validateMs };
}

if (parentPort) {
  const port = parentPort;
  const { from, huge } = workerData as { from: number; huge: boolean };
  const cases = fuzzCases({ huge });
  for (let index = from; index < cases.length; index++) {
    const c = cases[index]!;
    port.postMessage({ type: 'start', index, name: c.name } satisfies FuzzWorkerMessage);
    let outcome: CaseOutcome;
    try {
      outcome = exercise(c);
    } catch (error) {
      outcome = {
        failures: [`threw: ${error instanceof Error ? error.message : String(error)}`],
        declined: [],
        validateMs: NaN,
      };
    }
    port.postMessage({ type: 'done', index, ...outcome } satisfies FuzzWorkerMessage);
  }
  port.postMessage({ type: 'end', total: cases.length } satisfies FuzzWorkerMessage);
}
