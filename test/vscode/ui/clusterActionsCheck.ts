// What a user sees of the explorer's actions on a SpinApp row, in the installed VSIX: Follow Logs
// opens a terminal tab named after the app, the running port-forward shows in the status bar and
// its list offers the forward, and Describe opens a tab named "describe: <app>".
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testResultsDir } from '../../support/vscode/repoPaths';
import { openContainer, SELECTORS, treeRows } from '../../support/vscode/workbench';
import type { UiCheck } from './uiCheck';

const APP = 'hello-spin';

export const clusterActionsCheck: UiCheck = {
  title:
    'Follow Logs opens a terminal for the app, forwards show in the status bar, Describe opens "describe: <app>"',
  async run({ page }) {
    mkdirSync(testResultsDir, { recursive: true });
    await openContainer(page, 'SpinKube');
    const row = treeRows(page, 'Cluster')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${APP}$`) }) })
      .first();
    await row.waitFor({ timeout: 30_000 });

    await row.hover();
    await row.locator('.action-label[aria-label^="Follow Logs"]').click();
    await page
      .locator(SELECTORS.panel, { hasText: `SpinKube logs: ${APP}` })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500); // let the first lines arrive for the screenshot
    await page.screenshot({ path: join(testResultsDir, 'follow-logs.png') });

    // the forward started by the port-forward check
    const status = page.locator('.statusbar-item', { hasText: /\d+ port-forwards?/ }).first();
    await status.waitFor({ timeout: 10_000 });
    await status.click();
    await page
      .locator(SELECTORS.quickRow, { hasText: `default/${APP}` })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(testResultsDir, 'port-forwards.png') });
    await page.keyboard.press('Escape');

    await row.click({ button: 'right' });
    // The menu takes the item under the pointer; Enter runs it (a synthetic click can land before
    // the menu listens, and then nothing runs).
    await page
      .locator('.context-view .action-label', { hasText: /^Describe$/ })
      .first()
      .hover();
    await page.keyboard.press('Enter');
    await page
      .locator(SELECTORS.editorTab(`describe: ${APP}`))
      .first()
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(testResultsDir, 'describe.png') });
  },
};
