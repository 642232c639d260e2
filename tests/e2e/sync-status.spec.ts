// A call-centre login (all 51 agencies) shows how far its sync is — agencies and cases, with
// a popover of the agencies behind — and says "Up to date" only once every agency is in; in
// English and in Arabic. The spec's own server holds the first pages of two agencies for a
// few seconds (TAWASUL_TEST_SYNC_FAULTS; each login meets one held page of each), so the progress is on screen long enough to read.
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startOwnStack } from './own-stack';
import type { OwnStack } from './own-stack';

let stack: OwnStack | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startOwnStack({ cases: 3_000, serverEnv: { TAWASUL_TEST_SYNC_FAULTS: 'stall:2:housing,health:9000' } });
});

test.afterAll(async () => {
  await stack?.close();
});

async function ownDesk(browser: Browser, hostUrl: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: hostUrl });
  const page = await context.newPage();
  await page.goto('/');
  return page;
}

test('the status bar shows a call-centre bootstrap under way, then "Up to date", in English', async ({ browser, login }) => {
  test.setTimeout(90_000);
  if (stack === null) throw new Error('no stack');
  const page = await ownDesk(browser, stack.hostUrl);
  await login(page, 'callcentre.agent1');
  const state = page.getByTestId('sync-state');
  await expect(state).toHaveText(/^Syncing — [\d,]+ of 51 agencies(, [\d,]+ of [\d,]+ cases)?$/);
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-sync', 'syncing');
  // the agencies behind, and what each is doing
  await page.getByTestId('sync-details').click();
  const behind = page.getByTestId('sync-behind');
  await expect(behind).toBeVisible();
  await expect(behind.locator('tr[data-agency="housing"]')).toBeVisible();
  await expect(behind.getByTestId('sync-retry-popover')).toHaveText('Retry now');
  await page.keyboard.press('Escape');
  await expect(behind).toBeHidden();

  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-sync', 'online', { timeout: 60_000 });
  await expect(state).toHaveText('Up to date');
  await page.getByTestId('sync-details').click();
  await expect(page.getByTestId('sync-behind')).toContainText('Every agency is up to date');
  await page.context().close();
});

test('the same in Arabic: progress in Arabic words and digits as the app writes them, then محدّث', async ({ browser, login }) => {
  test.setTimeout(90_000);
  if (stack === null) throw new Error('no stack');
  const page = await ownDesk(browser, stack.hostUrl);
  await page.getByTestId('language-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await login(page, 'callcentre.agent2');
  const state = page.getByTestId('sync-state');
  await expect(state).toHaveText(/^جارٍ المزامنة — .+ من .+ جهة/);
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-sync', 'syncing');
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-sync', 'online', { timeout: 60_000 });
  await expect(state).toHaveText('محدّث');
  await page.context().close();
});
