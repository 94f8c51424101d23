// "SpinKube: Deploy" from the palette, as a new user starts it: before building anything, the first
// Deploy of the workspace to a context shows where it goes — context, namespace, executor, image —
// with "Deploy" and "Change…" entries. The check saves a screenshot of that pick in test-results/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testResultsDir } from '../../support/vscode/repoPaths';
import { runCommand, SELECTORS } from '../../support/vscode/workbench';
import type { UiCheck } from './uiCheck';

const REPOSITORY = '127.0.0.1:5000/sample-app';
/** Another spin.toml an earlier check wrote: the sample is the only app of a new user's folder. */
const OTHER_APPS = ['ui-broken'];

export const deployTargetCheck: UiCheck = {
  title: 'the first Deploy shows its context, namespace, executor and image in one quick pick',
  async run({ page, workspace }) {
    for (const dir of OTHER_APPS) rmSync(join(workspace, dir), { recursive: true, force: true });
    await runCommand(page, 'View: Close All Editors');
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'spinkube.registry.repository': REPOSITORY }, null, 2),
    );
    await runCommand(page, 'SpinKube: Deploy');
    const rows = page.locator(SELECTORS.quickRow);
    const targetPick = rows.filter({ hasText: 'Change Image Repository' }).first();
    // The workspace setting is read when Deploy starts; if the window has not seen the file yet,
    // Deploy asks for the repository, and the user types it.
    const asked = page.locator('.quick-input-widget .quick-input-title', {
      hasText: 'SpinKube: image repository',
    });
    await targetPick.or(asked).first().waitFor({ timeout: 30_000 });
    if (await asked.isVisible()) {
      await page.locator(SELECTORS.quickInput).fill(REPOSITORY);
      await page.keyboard.press('Enter');
    }
    await targetPick.waitFor({ timeout: 30_000 });
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    const expected = [
      /^Deploy ?sample-app to \S+ \/ default executor containerd-shim-spin · image 127\.0\.0\.1:5000\/sample-app$/,
      /^Change Image Repository… ?127\.0\.0\.1:5000\/sample-app$/,
      /^Change Namespace… ?default$/,
      /^Change Executor… ?containerd-shim-spin$/,
    ];
    for (const pattern of expected) {
      if (!texts.some((t) => pattern.test(t))) {
        throw new Error(`no quick pick row matches ${pattern}; rows: ${JSON.stringify(texts)}`);
      }
    }
    const title = await page.locator('.quick-input-widget .quick-input-title').innerText();
    if (!/^SpinKube: Deploy sample-app to \S+ \/ default\?$/.test(title.trim())) {
      throw new Error(`the quick pick's title is "${title}"`);
    }
    mkdirSync(testResultsDir, { recursive: true });
    await page.screenshot({ path: join(testResultsDir, 'deploy-target.png') });
    await page.keyboard.press('Escape');
  },
};
