// Robustness: mutated corpus files through the language service directly. Every feature must
// answer for every input without a language throwing (the service would turn a throw into an
// internal-error diagnostic and a log line; both count as failures here), and each validation
// must end within a generous bound — a hang detector, not a speed check.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { INTERNAL_ERROR_CODE, LanguageService } from '../../src/language/service';
import type { Position, SourceDocument } from '../../src/language/types';
import { corpusSeeds, fuzzCases, type FuzzCase } from '../support/fuzzCases';

/** Far above any real validation time; only a hang or a runaway algorithm gets near it. */
const HANG_BOUND_MS = 60_000;

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

function exercise(service: LanguageService, c: FuzzCase): void {
  const doc: SourceDocument = { uri: c.uri, text: c.text, version: 1 };
  const started = performance.now();
  const diagnostics = service.validate(doc);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < HANG_BOUND_MS, `${c.name}: validation took ${elapsed.toFixed(0)} ms`);
  assert.ok(Array.isArray(diagnostics), `${c.name}: validate returned no array`);
  assert.ok(!diagnostics.some((d) => d.code === INTERNAL_ERROR_CODE), `${c.name}: a check failed internally`);
  const whole = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
  service.codeActions(doc, whole, diagnostics);
  service.symbols(doc);
  if (c.text.length > 1_000_000) return; // position features on the huge files: once is enough
  for (const at of positionsIn(c.text)) {
    service.complete(doc, at);
    service.hover(doc, at);
    service.definition(doc, at);
    service.references(doc, at);
    service.prepareRename(doc, at);
    service.rename(doc, at, 'new-name');
  }
}

describe('fuzz: language service', () => {
  it('reads the shared corpus', () => {
    assert.ok(corpusSeeds().length > 50, 'the corpus at ../shared/reference/corpus is missing');
  });

  it('never fails on mutated corpus files and structural extremes', () => {
    const failures: string[] = [];
    const service = new LanguageService({ log: (m) => failures.push(m.split('\n')[0]!) });
    const cases = fuzzCases();
    for (const c of cases) {
      const before = failures.length;
      try {
        exercise(service, c);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
      if (failures.length > before && !failures.at(-1)!.startsWith(c.name)) {
        failures[failures.length - 1] = `${c.name} → ${failures.at(-1)}`;
      }
    }
    assert.ok(cases.length > 500, `only ${cases.length} cases`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures`);
  });
});
