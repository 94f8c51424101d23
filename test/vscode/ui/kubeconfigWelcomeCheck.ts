// The Cluster view without a kubeconfig, as a user meets it: its welcome content with "Choose
// kubeconfig file…", "Try the sandbox cluster" and a link to SpinKube's install guide; the button's
// file picker (code-server's own dialog) sets spinkube.kubeconfig in the machine's user settings,
// where the Settings editor of a remote window shows a machine-scoped setting, and the view connects.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { testResultsDir } from '../../support/vscode/repoPaths';
import { openContainer, SELECTORS, treeRows } from '../../support/vscode/workbench';
import type { UiCheck } from './uiCheck';

function machineSettingsFile(userDataDir: string): string {
  return join(userDataDir, 'Machine', 'settings.json');
}

export const kubeconfigWelcomeCheck: UiCheck = {
  title: 'without a kubeconfig the Cluster view shows its welcome content, and its file picker connects it',
  async run({ page, userDataDir, kubeconfigPath }) {
    if (!userDataDir || !kubeconfigPath) {
      throw new Error('the check needs the user data folder and a kubeconfig');
    }
    const settings = machineSettingsFile(userDataDir);
    mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
    writeFileSync(settings, JSON.stringify({ 'spinkube.kubeconfig': '/nonexistent/kubeconfig' }, null, 2));
    await openContainer(page, 'SpinKube');
    const welcome = page.locator(SELECTORS.welcomeContent);
    const choose = welcome.getByRole('button', { name: 'Choose kubeconfig file…' });
    await choose.waitFor({ timeout: 20_000 });
    await welcome.getByRole('button', { name: 'Try the sandbox cluster' }).waitFor();
    await welcome.locator('a', { hasText: "SpinKube's install guide" }).first().waitFor();
    mkdirSync(testResultsDir, { recursive: true });
    await page.screenshot({ path: join(testResultsDir, 'cluster-welcome.png') });

    await choose.click();
    const input = page.locator(SELECTORS.quickInput);
    await input.waitFor();
    // The dialog fills in its start folder once it has read it: type the path after that, and
    // accept it once the dialog lists the file (it may still be settling: type it again then).
    await page.locator(SELECTORS.quickRow).first().waitFor();
    const listed = page.locator(SELECTORS.quickRow, {
      hasText: basename(kubeconfigPath),
    });
    for (let attempt = 1; ; attempt++) {
      await input.fill(kubeconfigPath);
      const shown = await listed
        .first()
        .waitFor({ timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      if (shown && (await input.inputValue()) === kubeconfigPath) break;
      if (attempt === 3) {
        throw new Error(`the file dialog does not take the path (it shows ${await input.inputValue()})`);
      }
    }
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'Use this kubeconfig' }).click();
    await treeRows(page, 'Cluster').first().waitFor({ timeout: 20_000 });
    const written = JSON.parse(readFileSync(settings, 'utf8')) as Record<string, unknown>;
    if (written['spinkube.kubeconfig'] !== kubeconfigPath) {
      throw new Error(`the machine settings hold ${JSON.stringify(written)}, not the chosen file`);
    }
  },
};
