// Debian's Chromium, headless, driven by playwright-core; its profile, config, cache and temp
// files live in one throw-away folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'spinkube-chromium-'));
  const sub = (name: string): string => {
    const dir = join(profile, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const context = await chromium.launchPersistentContext(join(profile, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    // Chromium writes crash reports and dconf under XDG dirs even with its own user-data dir.
    env: { ...env, XDG_CONFIG_HOME: sub('xdg-config'), XDG_CACHE_HOME: sub('xdg-cache'), TMPDIR: sub('tmp') },
    args: [
      ...['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
      ...['--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ],
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
