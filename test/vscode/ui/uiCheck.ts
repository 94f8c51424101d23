// A UI check drives the real workbench through Playwright. The runner records each check as a
// test outcome and saves a screenshot of the page when one fails.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Simulator } from '../../support/k8s-sim';
import type { TestOutcome } from '../../support/vscode/testResults';

export interface UiCheckContext {
  readonly page: Page;
  /** The workspace folder the window shows (a temp copy; checks may write into it). */
  readonly workspace: string;
  /** The sandbox cluster the window is connected to (its simulated operator runs what is created). */
  readonly cluster: Simulator;
  /** code-server's user data folder (its `User` and `Machine` settings). */
  readonly userDataDir?: string;
  /** The sandbox cluster's kubeconfig file (the window's KUBECONFIG). */
  readonly kubeconfigPath?: string;
}

export interface UiCheck {
  readonly title: string;
  run(context: UiCheckContext): Promise<void>;
}

const GROUP = 'workbench UI';

export async function runUiChecks(
  suite: string,
  checks: readonly UiCheck[],
  context: UiCheckContext,
  screenshotDir: string,
): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  for (const check of checks) {
    const started = Date.now();
    try {
      await check.run(context);
      outcomes.push({
        group: GROUP,
        path: [suite],
        title: check.title,
        state: 'passed',
        durationMs: Date.now() - started,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      mkdirSync(screenshotDir, { recursive: true });
      const shot = join(screenshotDir, `${check.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
      await context.page.screenshot({ path: shot }).catch(() => undefined);
      outcomes.push({
        group: GROUP,
        path: [suite],
        title: check.title,
        state: 'failed',
        error: `${message}\nscreenshot: ${shot}`,
        durationMs: Date.now() - started,
      });
    }
  }
  return outcomes;
}
