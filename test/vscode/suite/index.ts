// The tests entry of the extension host (`extensionTestsPath`): VS Code calls run(), which runs
// every compiled `*.test.js` beside this file with Mocha and settles when they are done (resolved:
// all passed). The outcome of each test goes to the JSON file named by EXT_TEST_RESULTS.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';
import { summarize, type TestOutcome } from '../../support/vscode/testResults';

const GROUP = 'extension host';

function suiteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return suiteFiles(path);
      return entry.name.endsWith('.test.js') ? [path] : [];
    })
    .sort();
}

function titlePath(test: Mocha.Runnable): string[] {
  const path: string[] = [];
  for (let suite = test.parent; suite && !suite.root; suite = suite.parent) path.unshift(suite.title);
  return path;
}

function writeResults(outcomes: TestOutcome[]): void {
  const file = process.env.EXT_TEST_RESULTS;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(summarize(outcomes), null, 2));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000 });
  if (process.env.SPINKUBE_TEST_GREP) mocha.grep(process.env.SPINKUBE_TEST_GREP);
  for (const file of suiteFiles(__dirname)) mocha.addFile(file);
  const outcomes: TestOutcome[] = [];
  const record = (test: Mocha.Runnable, state: TestOutcome['state'], error?: Error): void => {
    outcomes.push({
      group: GROUP,
      path: titlePath(test),
      title: test.title,
      state,
      ...(error ? { error: error.stack ?? error.message } : {}),
      ...(test.duration !== undefined ? { durationMs: test.duration } : {}),
    });
  };
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        writeResults(outcomes);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      // A suite file that throws while loading fails the run, with its reason in the results.
      const reason = error instanceof Error ? error : new Error(String(error));
      outcomes.push({
        group: GROUP,
        path: [],
        title: 'load the suite files',
        state: 'failed',
        error: reason.stack,
      });
      writeResults(outcomes);
      reject(reason);
      return;
    }
    runner.on('pass', (test) => record(test, 'passed'));
    runner.on('fail', (test, error: Error) => record(test, 'failed', error));
    runner.on('pending', (test) => record(test, 'pending'));
  });
}
