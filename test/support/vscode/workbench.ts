// Driving the real workbench (VS Code 1.100.3 in code-server) from Playwright. The selectors were
// checked against that version; they are the only place that knows the workbench's DOM.
import type { Locator, Page } from 'playwright-core';

export const SELECTORS = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  /** The activity bar's `li` has an empty aria-label; its link carries the container title. */
  activityTab: (title: string) =>
    `.activitybar .action-item[role="tab"]:has(a.action-label[aria-label^="${title}"])`,
  sidebarTitle: '.part.sidebar .composite.title',
  paneHeader: (viewName: string) => `.part.sidebar .pane-header[aria-label^="${viewName}"]`,
  treeRows: (viewName: string) => `.pane-body .monaco-list[aria-label="${viewName}"] .monaco-list-row`,
  welcomeContent: '.part.sidebar .pane-body .welcome-view-content',
  quickInput: '.quick-input-widget .quick-input-box input',
  quickRow: '.quick-input-list .monaco-list-row',
  toastMessage: '.notifications-toasts .notification-list-item-message',
  editorTab: (name: string) => `.editor-group-container .tab[aria-label^="${name}"]`,
  panel: '.part.panel',
  problemRows: '.markers-panel .monaco-list-row',
  statusProblems: '#status\\.problems',
} as const;

/** Waits until the workbench shows the workspace's files in the explorer. */
export async function waitForWorkbench(
  page: Page,
  fileInWorkspace: string,
  timeoutMs = 60_000,
): Promise<void> {
  await page.locator(SELECTORS.workbench).waitFor({ timeout: timeoutMs });
  await page
    .locator(SELECTORS.explorerRow, { hasText: fileInWorkspace })
    .first()
    .waitFor({ timeout: timeoutMs });
}

/**
 * Opens the quick input with `key`, types `text` and picks the row showing `rowText`. Retried: on
 * a busy machine the widget can close again before it takes the text (focus moves to a view).
 */
async function pickInQuickInput(page: Page, key: string, text: string, rowTexts: string[]): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const input = page.locator(SELECTORS.quickInput);
      await page.keyboard.press(key);
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(text, { timeout: 10_000 });
      let row = page.locator(SELECTORS.quickRow);
      for (const rowText of rowTexts) row = row.filter({ hasText: rowText });
      await row.first().waitFor({ timeout: 15_000 });
      await row.first().click({ timeout: 5_000 });
      return;
    } catch (error) {
      lastError = error;
      await page.keyboard.press('Escape');
    }
  }
  throw lastError;
}

/** Runs a command by its palette title ("Category: Title"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pickInQuickInput(page, 'F1', `>${title}`, [title]);
}

/** Opens a workspace file with Quick Open and waits for its editor tab. */
export async function quickOpen(page: Page, relativePath: string): Promise<void> {
  const parts = relativePath.split('/');
  const name = parts.pop() ?? relativePath;
  // The row shows the file name, and its folder as the description.
  await pickInQuickInput(page, 'Control+P', relativePath, parts.length ? [name, parts.join('/')] : [name]);
  await page.locator(SELECTORS.editorTab(name)).first().waitFor();
}

/** Clicks an activity-bar container unless its side bar is already showing, and waits for its title. */
export async function openContainer(page: Page, title: string): Promise<void> {
  const tab = page.locator(SELECTORS.activityTab(title));
  await tab.waitFor();
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.locator(SELECTORS.sidebarTitle, { hasText: new RegExp(title, 'i') }).waitFor();
}

/**
 * Waits for a view of the open side bar. A container with one view shows it in the side bar's
 * title ("SPINKUBE: CLUSTER") and hides the view's own header; with several, each has a header.
 */
export async function waitForView(page: Page, container: string, viewName: string): Promise<void> {
  const inTitle = page.locator(SELECTORS.sidebarTitle, {
    hasText: new RegExp(`${container}: ${viewName}`, 'i'),
  });
  const header = page.locator(`${SELECTORS.paneHeader(viewName)}:not(.hidden)`);
  await inTitle.or(header).first().waitFor();
}

export function treeRows(page: Page, viewName: string): Locator {
  return page.locator(SELECTORS.treeRows(viewName));
}
