// "Port-Forward and Open in Browser" on a ready SpinApp, as a user does it: the inline globe action
// of its row opens a browser tab (through code-server's port proxy) that shows the app's answer,
// served by the sandbox's simulated Spin pod through our port-forward and the API server.
import type { Page } from 'playwright-core';
import { openContainer, SELECTORS, treeRows } from '../../support/vscode/workbench';
import type { UiCheck } from './uiCheck';

const APP = 'hello-spin';

export const portForwardCheck: UiCheck = {
  title: '"Port-Forward and Open in Browser" on a ready SpinApp opens a tab showing the app',
  async run({ page, cluster }) {
    try {
      cluster.create({
        apiVersion: 'core.spinkube.dev/v1alpha1',
        kind: 'SpinApp',
        metadata: { name: APP, namespace: 'default' },
        spec: { image: 'ghcr.io/spinkube/hello:v1', executor: 'containerd-shim-spin', replicas: 1 },
      });
    } catch {
      // an earlier check created it already
    }
    await openContainer(page, 'SpinKube');
    const row = treeRows(page, 'Cluster')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${APP}$`) }) })
      .first();
    await row.waitFor({ timeout: 30_000 });
    // the command wants a ready pod: wait for the row to show all replicas ready (e.g. "1/1")
    await row.locator('.label-description', { hasText: /\b(\d+)\/\1\b/ }).waitFor({ timeout: 30_000 });
    // The row's count comes from the SpinApp status, the command's choice of pod from the pod watch:
    // on a busy machine the pod can lag behind, and the command then says so; try again.
    let tab: Page | undefined;
    let lastError = '';
    for (let attempt = 1; attempt <= 3 && !tab; attempt++) {
      await row.hover();
      const opened = page.context().waitForEvent('page', { timeout: 10_000 });
      await row.locator('.action-label[aria-label^="Port-Forward and Open in Browser"]').click();
      try {
        tab = await opened;
      } catch (error) {
        const toasts = await page.locator(SELECTORS.toastMessage).allInnerTexts();
        lastError = `${String(error)} (notifications: ${toasts.join(' | ') || 'none'})`;
      }
    }
    if (!tab) throw new Error(`no browser tab opened: ${lastError}`);
    try {
      await tab.waitForLoadState('domcontentloaded');
      await tab.locator('body', { hasText: `Hello from ${APP}` }).waitFor({ timeout: 15_000 });
    } finally {
      await tab.close().catch(() => undefined);
    }
  },
};
