// The results format shared by the in-host suite runner, the UI checks and the launcher
// (`{passed, failed, tests}`, what test/run-all.mjs reads), and its readable report.
export type TestState = 'passed' | 'failed' | 'pending';

export interface TestOutcome {
  /** Where it ran: 'extension host' or 'workbench UI'. */
  readonly group: string;
  /** Suite titles, outermost first. */
  readonly path: readonly string[];
  readonly title: string;
  readonly state: TestState;
  readonly error?: string;
  readonly durationMs?: number;
}

export interface TestResults {
  readonly passed: number;
  readonly failed: number;
  readonly tests: readonly TestOutcome[];
}

export function summarize(tests: readonly TestOutcome[]): TestResults {
  return {
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    tests,
  };
}

/** A spec-like report: groups and suites as headings, one line per test, errors indented below. */
export function formatReport(results: TestResults): string {
  const lines: string[] = [];
  let lastHeading: string[] = [];
  for (const test of results.tests) {
    const heading = [test.group, ...test.path];
    heading.forEach((title, depth) => {
      const key = (h: readonly string[]): string => h.slice(0, depth + 1).join('\0');
      if (key(heading) !== key(lastHeading)) lines.push(`${'  '.repeat(depth)}${title}`);
    });
    lastHeading = heading;
    const indent = '  '.repeat(heading.length);
    const mark = test.state === 'passed' ? 'ok  ' : test.state === 'failed' ? 'FAIL' : 'skip';
    const time = test.durationMs !== undefined ? ` (${Math.round(test.durationMs)} ms)` : '';
    lines.push(`${indent}${mark} ${test.title}${time}`);
    if (test.error) {
      for (const line of test.error.split('\n').slice(0, 12)) lines.push(`${indent}     ${line}`);
    }
  }
  lines.push('', `vscode: ${results.passed} passed, ${results.failed} failed`);
  return lines.join('\n');
}
