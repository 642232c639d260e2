// Fixtures every spec uses, so one spec runs unchanged in both hosts: `openDesk()` gives a
// fresh, logged-out desk page — a new browser context in Chromium, a new app instance (own
// user-data folder) under Electron.
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, _electron } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'tawasul-demo';

type DeskHost = 'browser' | 'electron';

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

type Fixtures = {
  openDesk: () => Promise<Page>;
  login: (page: Page, username: string, password?: string) => Promise<void>;
};

const NO_ELECTRON =
  'no Electron binary on this machine (npm cannot download it here); the same specs run in Chromium through the browser host';

export const test = base.extend<Fixtures & { deskHost: DeskHost; electronGate: void }>({
  deskHost: ['browser', { option: true }],

  // Runs before every test: in the electron project without a binary, the test is skipped
  // with the reason before any other fixture (a server, a browser) is set up for it.
  electronGate: [
    async ({ deskHost }, use) => {
      test.skip(deskHost === 'electron' && electronBinary() === null, NO_ELECTRON);
      await use();
    },
    { auto: true },
  ],

  openDesk: async ({ browser, deskHost, baseURL }, use) => {
    const apps: ElectronApplication[] = [];
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async () => {
      if (deskHost === 'electron') {
        const app = await _electron.launch({
          executablePath: electronBinary() ?? undefined,
          args: ['.', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'tawasul-electron-'))}`],
          env: { ...process.env, TAWASUL_SERVER_URL: process.env.TAWASUL_E2E_SERVER_URL ?? '' },
        });
        apps.push(app);
        return app.firstWindow();
      }
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/');
      return page;
    });
    for (const app of apps) await app.close();
    for (const context of contexts) await context.close();
  },

  // Playwright reads a fixture's dependencies from its first parameter, so it must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  login: async ({}, use) => {
    await use(async (page, username, password = DEMO_PASSWORD) => {
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('case-list')).toBeVisible({ timeout: 30_000 });
    });
  },
});

export { expect };
