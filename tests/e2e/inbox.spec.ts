// The inbox, driven like an agent drives it: by keyboard, in English and in Arabic, with a
// colleague's desk open on the same case.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const selectedRow = (page: Page) => page.locator('[data-testid="case-row"][aria-selected="true"]');

async function selectedCaseId(page: Page): Promise<string> {
  await expect(selectedRow(page)).toHaveCount(1);
  return (await selectedRow(page).getAttribute('data-case-id')) ?? '';
}

async function goToView(page: Page, code: string, view: string): Promise<void> {
  await page.keyboard.press('g');
  await page.keyboard.press(code);
  await expect(page.getByTestId(`view-${view}`)).toHaveAttribute('aria-current', 'page');
}

test('an agent moves with j/k, opens with Enter, replies with Ctrl+Enter, and a colleague sees it live', async ({ openDesk, login }) => {
  const agent1 = await openDesk();
  await login(agent1, 'housing.agent1');
  await goToView(agent1, 'm', 'mine');
  await goToView(agent1, 'i', 'inbox');
  await expect(agent1.getByTestId('case-row').nth(1)).toBeVisible();

  const rows = agent1.getByTestId('case-row');
  const first = await rows.nth(0).getAttribute('data-case-id');
  const second = await rows.nth(1).getAttribute('data-case-id');
  expect(await selectedCaseId(agent1)).toBe(first);
  await agent1.keyboard.press('j');
  expect(await selectedCaseId(agent1)).toBe(second);
  await expect(agent1.getByTestId('case-pane')).toHaveAttribute('data-case-id', second ?? '');
  await agent1.keyboard.press('k');
  expect(await selectedCaseId(agent1)).toBe(first);
  await agent1.keyboard.press('j');

  await agent1.keyboard.press('Enter');
  await expect(agent1.getByTestId('thread')).toBeFocused();
  const ref = (await agent1.getByTestId('case-ref').textContent()) ?? '';
  expect(ref).toMatch(/^TW-\d{4}-\d{8}$/);

  // A colleague of the same agency opens the same case through search.
  const agent2 = await openDesk();
  await login(agent2, 'housing.agent2');
  await agent2.keyboard.press('/');
  await expect(agent2.getByTestId('search')).toBeFocused();
  await agent2.keyboard.type(ref);
  await expect(agent2.getByTestId('case-row').first()).toHaveAttribute('data-case-id', second ?? '');
  await agent2.keyboard.press('Enter');
  await expect(agent2.getByTestId('case-pane')).toHaveAttribute('data-case-id', second ?? '');

  const reply = `We are on it — ${Date.now()}`;
  // Take it first (i), so the reply is legal whatever state the open case was in.
  await agent1.keyboard.press('i');
  const me = ((await agent1.getByTestId('user-menu').textContent()) ?? '').trim();
  await expect(agent1.getByTestId('case-assignee')).toContainText(me);
  await agent1.keyboard.press('r');
  await expect(agent1.getByTestId('composer')).toBeFocused();
  await agent1.keyboard.type(reply);
  await agent1.keyboard.press('Control+Enter');
  await expect(agent1.getByTestId('composer')).toHaveValue('');
  await expect(agent1.locator('[data-testid="message"][data-kind="reply"]', { hasText: reply })).toBeVisible();

  // No reload on the colleague's side: the change arrives through the server and the core.
  await expect(agent2.locator('[data-testid="message"][data-kind="reply"]', { hasText: reply })).toBeVisible({ timeout: 15_000 });
  await expect(agent1.getByTestId('outbox-size')).toHaveAttribute('data-count', '0', { timeout: 15_000 });
});

test('Arabic mirrors the layout and the keys still work on an Arabic keyboard layout', async ({ openDesk, login }) => {
  const shots = 'tests/e2e/screenshots';
  const page = await openDesk();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await page.screenshot({ path: `${shots}/login-en.png` });
  await page.getByTestId('language-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('login-submit')).toHaveText('دخول');
  await page.screenshot({ path: `${shots}/login-ar.png` });

  await login(page, 'housing.agent1');
  await expect(page.getByTestId('view-inbox')).toContainText('الوارد');
  await expect(page.getByTestId('case-row').nth(1)).toBeVisible();
  const before = await selectedCaseId(page);
  // What an Arabic layout sends for the key labelled J: key 'ت', code 'KeyJ'.
  await page.evaluate(() => {
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'ت', code: 'KeyJ', bubbles: true, cancelable: true }));
  });
  const after = await selectedCaseId(page);
  expect(after).not.toBe(before);
  await expect(page.getByTestId('case-row').nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('status-bar')).toContainText('اضغط');
  // The whole layout mirrors: views on the right of the list, the case pane on its left.
  const sidebar = await page.locator('.views-sidebar').boundingBox();
  const list = await page.getByTestId('case-list').boundingBox();
  const pane = await page.getByTestId('case-pane').boundingBox();
  expect(sidebar !== null && list !== null && pane !== null).toBe(true);
  if (sidebar !== null && list !== null && pane !== null) {
    expect(sidebar.x).toBeGreaterThan(list.x + list.width - 1);
    expect(pane.x + pane.width).toBeLessThanOrEqual(list.x + 1);
  }
  // `g` then `m` typed on an Arabic layout (key 'ل', code 'KeyG'; key 'ة', code 'KeyM').
  await page.evaluate(() => {
    const target = document.activeElement ?? document.body;
    for (const [key, code] of [['ل', 'KeyG'], ['ة', 'KeyM']]) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true }));
    }
  });
  await expect(page.getByTestId('view-mine')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByTestId('view-inbox')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('case-row').nth(1)).toBeVisible();
  await page.screenshot({ path: `${shots}/inbox-ar.png` });

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('thread')).toBeFocused();
  await page.screenshot({ path: `${shots}/case-ar.png` });
  await page.keyboard.press('Shift+Slash');
  const help = page.getByRole('dialog', { name: 'اختصارات لوحة المفاتيح' });
  await expect(help).toBeVisible();
  await page.screenshot({ path: `${shots}/help-ar.png` });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Back to English from the command palette: the layout flips back.
  await page.keyboard.press('Control+k');
  await expect(page.getByPlaceholder('اكتب أمرًا')).toBeFocused();
  await page.keyboard.type('English');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('view-inbox')).toContainText('Inbox');
  const sidebarEn = await page.locator('.views-sidebar').boundingBox();
  const listEn = await page.getByTestId('case-list').boundingBox();
  if (sidebarEn !== null && listEn !== null) expect(sidebarEn.x + sidebarEn.width).toBeLessThanOrEqual(listEn.x + 1);
  else throw new Error('no sidebar or list on screen');
  await page.screenshot({ path: `${shots}/case-en.png` });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: `${shots}/inbox-en.png` });
  await page.keyboard.press('Shift+Slash');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.screenshot({ path: `${shots}/help-en.png` });
});
