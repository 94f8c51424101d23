// The vscode test tier: runs the extension in a real VS Code (code-server 4.100.3 in headless
// Chromium). It installs the pinned test host if needed, starts the sandbox cluster, packages and
// installs the VSIX, starts one code-server, then runs
//   host: every in-host suite (out/test/vscode/suite/*.test.js) with the repository as the
//         development extension, and
//   ui:   the workbench checks against the installed VSIX,
// prints a spec-like report, writes {passed, failed, tests} to --results and exits non-zero on failure.
//
//   node out/test/vscode/launch.js [--only ui|host] [--results FILE] [--screenshot PNG]
//                                  [--grep PATTERN] [--timeout MS] [--keep]
// Env: VERBOSE=1 streams the workbench and extension-host console.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../support/sandbox';
import { launchBrowser, type Browser } from '../support/vscode/browser';
import { installVsix, startCodeServer, type CodeServer } from '../support/vscode/codeServer';
import { extensionTestsUrl, runExtensionTests } from '../support/vscode/extensionTests';
import { ensureTestHost } from '../support/vscode/installHost';
import { packageVsix } from '../support/vscode/packageVsix';
import { repoRoot, testResultsDir } from '../support/vscode/repoPaths';
import { createTestWorkspace } from '../support/vscode/testWorkspace';
import { formatReport, summarize, type TestOutcome, type TestResults } from '../support/vscode/testResults';
import { waitForWorkbench } from '../support/vscode/workbench';
import { checkVsix } from './packageChecks';
import { spinkubeChecks } from './ui/spinkubeChecks';
import { runUiChecks } from './ui/uiCheck';

interface LaunchOptions {
  readonly parts: ReadonlySet<'host' | 'ui'>;
  readonly results?: string;
  readonly screenshot?: string;
  readonly grep?: string;
  readonly timeoutMs: number;
  readonly keep: boolean;
}

function parseArgs(argv: string[]): LaunchOptions {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    if (index < 0) return undefined;
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value`);
    return next;
  };
  const only = value('--only');
  if (only !== undefined && only !== 'ui' && only !== 'host') throw new Error('--only takes ui or host');
  const results = value('--results');
  const screenshot = value('--screenshot');
  const grep = value('--grep');
  return {
    parts: new Set(only ? [only] : ['host', 'ui']),
    ...(results ? { results: resolve(results) } : {}),
    ...(screenshot ? { screenshot: resolve(screenshot) } : {}),
    ...(grep ? { grep } : {}),
    timeoutMs: Number(value('--timeout') ?? 300_000),
    keep: argv.includes('--keep'),
  };
}

const failure = (title: string, error: unknown, group = 'launcher'): TestOutcome => ({
  group,
  path: [],
  title,
  state: 'failed',
  error: error instanceof Error ? error.message : String(error),
});

/** Where the code-server and extension-host logs of a failed run are kept. */
const LOGS_DIR = join(testResultsDir, 'vscode-logs');

function saveLogs(serverDir: string): void {
  rmSync(LOGS_DIR, { recursive: true, force: true });
  mkdirSync(LOGS_DIR, { recursive: true });
  const copy = (from: string, to: string): void => {
    if (existsSync(from)) cpSync(from, join(LOGS_DIR, to), { recursive: true });
  };
  copy(join(serverDir, 'server.log'), 'server.log');
  copy(join(serverDir, 'user-data', 'logs'), 'logs');
  console.log(`logs of the failed run: ${LOGS_DIR}`);
}

function echo(type: string, line: string): void {
  if (process.env.VERBOSE) console.log(`[${type}] ${line}`);
}

async function runHostSuites(
  browser: Browser,
  server: CodeServer,
  workspace: string,
  resultsFile: string,
  timeoutMs: number,
): Promise<TestOutcome[]> {
  const page = await browser.newPage();
  try {
    const entry = join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js');
    const url = extensionTestsUrl(server, workspace, repoRoot, entry);
    const run = await runExtensionTests(page, url, { timeoutMs, onLog: echo });
    const results = existsSync(resultsFile)
      ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as TestResults)
      : undefined;
    const tests = [...(results?.tests ?? [])];
    if (!results) {
      tests.push(
        failure(
          'the in-host suites report their results',
          `no results file (${run.via}, exit ${run.code}); logs: ${LOGS_DIR}`,
          'extension host',
        ),
      );
    } else if (run.code !== 0 && results.failed === 0) {
      tests.push(
        failure('the in-host run ends with exit code 0', `exit ${run.code} via ${run.via}`, 'extension host'),
      );
    }
    return tests;
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function runWorkbenchChecks(
  browser: Browser,
  server: CodeServer,
  workspace: string,
  cluster: Sandbox['simulator'],
  screenshot?: string,
  paths: { userDataDir?: string; kubeconfigPath?: string } = {},
): Promise<TestOutcome[]> {
  const page = await browser.newPage();
  page.on('console', (message) => echo(`browser:${message.type()}`, message.text()));
  try {
    await page.goto(server.urlFor(workspace));
    await waitForWorkbench(page, 'spin.toml');
    const outcomes = await runUiChecks(
      'installed VSIX',
      spinkubeChecks,
      { page, workspace, cluster, ...paths },
      testResultsDir,
    );
    if (screenshot) {
      mkdirSync(dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot });
      console.log(`screenshot: ${screenshot}`);
    }
    return outcomes;
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function main(options: LaunchOptions): Promise<TestResults> {
  const outcomes: TestOutcome[] = [];
  const runDir = mkdtempSync(join(tmpdir(), 'spinkube-vscode-'));
  let sandbox: Sandbox | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const host = await ensureTestHost();
    if (options.parts.has('ui')) {
      const vsix = join(runDir, 'spinkube.vsix');
      packageVsix(vsix);
      outcomes.push(...checkVsix(vsix));
      installVsix(host.codeServerBin, join(runDir, 'code-server'), vsix);
    }
    const sandboxDir = join(runDir, 'sandbox');
    mkdirSync(sandboxDir);
    sandbox = await startSandbox({ seed: options.screenshot ? 'demo' : 'empty', dir: sandboxDir });
    const hostResults = join(runDir, 'host-results.json');
    server = await startCodeServer({
      codeServerBin: host.codeServerBin,
      runDir: join(runDir, 'code-server'),
      env: {
        KUBECONFIG: sandbox.kubeconfigPath,
        EXT_TEST_RESULTS: hostResults,
        ...(options.grep ? { SPINKUBE_TEST_GREP: options.grep } : {}),
      },
    });
    browser = await launchBrowser();
    if (options.parts.has('host')) {
      outcomes.push(
        ...(await runHostSuites(
          browser,
          server,
          createTestWorkspace(join(runDir, 'host', 'sample')),
          hostResults,
          options.timeoutMs,
        )),
      );
    }
    if (options.parts.has('ui')) {
      outcomes.push(
        ...(await runWorkbenchChecks(
          browser,
          server,
          createTestWorkspace(join(runDir, 'ui', 'sample')),
          (sandbox as Sandbox).simulator,
          options.screenshot,
          { userDataDir: join(runDir, 'code-server', 'user-data'), kubeconfigPath: sandbox.kubeconfigPath },
        )),
      );
    }
  } catch (error) {
    outcomes.push(
      failure('the launcher runs', error instanceof Error ? (error.stack ?? error.message) : error),
    );
  } finally {
    await browser?.close();
    await server?.stop();
    await sandbox?.stop().catch(() => undefined);
    if (outcomes.some((o) => o.state === 'failed')) saveLogs(join(runDir, 'code-server'));
    if (options.keep) console.log(`run folder kept: ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
  return summarize(outcomes);
}

void (async () => {
  let options: LaunchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const results = await main(options);
  console.log(formatReport(results));
  if (options.results) {
    mkdirSync(dirname(options.results), { recursive: true });
    writeFileSync(options.results, JSON.stringify(results, null, 2));
  }
  process.exit(results.failed > 0 || results.tests.length === 0 ? 1 : 0);
})();
