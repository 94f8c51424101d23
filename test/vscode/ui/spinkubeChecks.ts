// What a user sees of the installed SpinKube VSIX in the workbench: its activity-bar container,
// the Cluster view and an app's pods, a palette command, and a Problems row for a broken spin.toml.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openContainer,
  quickOpen,
  runCommand,
  SELECTORS,
  treeRows,
  waitForView,
} from '../../support/vscode/workbench';
import { deployTargetCheck } from './deployTargetCheck';
import { clusterActionsCheck } from './clusterActionsCheck';
import { kubeconfigWelcomeCheck } from './kubeconfigWelcomeCheck';
import { portForwardCheck } from './portForwardCheck';
import type { UiCheck } from './uiCheck';

const BROKEN_DIR = 'ui-broken';

export const spinkubeChecks: readonly UiCheck[] = [
  {
    title: 'the SpinKube activity-bar container opens',
    async run({ page }) {
      await openContainer(page, 'SpinKube');
      await waitForView(page, 'SpinKube', 'Cluster');
    },
  },
  {
    title: 'the Cluster view shows its welcome content or cluster items',
    async run({ page }) {
      await openContainer(page, 'SpinKube');
      const welcome = page.locator(SELECTORS.welcomeContent);
      const rows = treeRows(page, 'Cluster');
      await welcome.or(rows).first().waitFor({ timeout: 20_000 });
      const text = (await welcome.or(rows).first().textContent())?.trim() ?? '';
      if (text.length === 0) throw new Error('the Cluster view is empty');
    },
  },
  {
    title: 'expanding a ready SpinApp in the Cluster view shows its Deployment and its pods',
    async run({ page, cluster }) {
      cluster.create({
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name: 'hello-spin', namespace: 'default' },
        spec: { image: 'ghcr.io/spinkube/hello:v1', executor: 'containerd-shim-spin', replicas: 2 },
      });
      await openContainer(page, 'SpinKube');
      const rows = treeRows(page, 'Cluster');
      const label = (text: string | RegExp) =>
        rows.filter({ has: page.locator('.label-name', { hasText: text }) }).first();
      // The simulated operator runs it; its pods are named after it.
      const app = label(/^hello-spin$/);
      await app.waitFor({ timeout: 30_000 });
      if ((await app.getAttribute('aria-expanded')) !== 'true') await app.click();
      await label(/^Deployment hello-spin$/).waitFor({ timeout: 20_000 });
      await label(/^hello-spin-/).waitFor({ timeout: 20_000 });
      const pods = await rows.locator('.label-name', { hasText: /^hello-spin-/ }).count();
      if (pods < 1) throw new Error('the app shows no pods');
    },
  },
  {
    title: '"SpinKube: Show Output" shows the SpinKube output channel',
    async run({ page }) {
      await runCommand(page, 'SpinKube: Show Output');
      const panel = page.locator(SELECTORS.panel);
      await panel.waitFor();
      await panel.locator('.monaco-select-box[title="SpinKube"], select.monaco-select-box').first().waitFor();
      const channel = await panel
        .locator('select.monaco-select-box')
        .first()
        .evaluate((select) => {
          const element = select as unknown as {
            selectedIndex: number;
            options: ArrayLike<{ text: string }>;
          };
          return element.options[element.selectedIndex]?.text ?? '';
        });
      if (channel !== 'SpinKube') throw new Error(`the output panel shows "${channel}", not SpinKube`);
    },
  },
  {
    title: 'a broken spin.toml shows a row in the Problems panel',
    async run({ page, workspace }) {
      mkdirSync(join(workspace, BROKEN_DIR), { recursive: true });
      writeFileSync(join(workspace, BROKEN_DIR, 'spin.toml'), 'spin_manifest_version = 2\nx = [\n');
      await quickOpen(page, `${BROKEN_DIR}/spin.toml`);
      await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
      // The file's row names its folder; the marker rows under it are "Error: <message> ...".
      await page.locator(SELECTORS.problemRows, { hasText: BROKEN_DIR }).first().waitFor({ timeout: 20_000 });
      await page
        .locator(`${SELECTORS.problemRows}[aria-label^="Error"]`)
        .first()
        .waitFor({ timeout: 20_000 });
    },
  },
  deployTargetCheck,
  portForwardCheck,
  clusterActionsCheck,
  kubeconfigWelcomeCheck,
];
