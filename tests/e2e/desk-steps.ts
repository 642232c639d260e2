// Keyboard steps the specs share: what an agent presses, and what they wait to see.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export const selectedRow = (page: Page): Locator => page.locator('[data-testid="case-row"][aria-selected="true"]');

export async function selectedCaseId(page: Page): Promise<string> {
  await expect(selectedRow(page)).toHaveCount(1);
  return (await selectedRow(page).getAttribute('data-case-id')) ?? '';
}

export async function goToView(page: Page, code: string, view: string): Promise<void> {
  await page.keyboard.press('g');
  await page.keyboard.press(code);
  await expect(page.getByTestId(`view-${view}`)).toHaveAttribute('aria-current', 'page');
}

/** Opens the first case of a view (Enter), returning its id and reference. */
export async function openFirstCase(page: Page, code: string, view: string): Promise<{ id: string; ref: string }> {
  await goToView(page, code, view);
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  const id = await selectedCaseId(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-pane')).toHaveAttribute('data-case-id', id);
  await expect(page.getByTestId('thread')).toBeFocused();
  const ref = ((await page.getByTestId('case-ref').textContent()) ?? '').trim();
  expect(ref).toMatch(/^TW-\d{4}-\d{8}$/);
  return { id, ref };
}

/** `/` and a query typed into the search box. */
export async function searchFor(page: Page, query: string): Promise<void> {
  await page.keyboard.press('/');
  await expect(page.getByTestId('search')).toBeFocused();
  await page.keyboard.type(query);
}

/** `/`, the reference, Enter to the list, Enter to open. */
export async function openByRef(page: Page, ref: string, caseId: string): Promise<void> {
  await searchFor(page, ref);
  await expect(page.getByTestId('case-row').first()).toHaveAttribute('data-case-id', caseId);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-pane')).toHaveAttribute('data-case-id', caseId);
  await expect(page.getByTestId('thread')).toBeFocused();
}

/** `i`: take the open case, and wait until the server has it (the outbox is empty again). */
export async function takeOpenCase(page: Page): Promise<void> {
  const me = ((await page.getByTestId('user-menu').textContent()) ?? '').trim();
  await page.keyboard.press('i');
  await expect(page.getByTestId('case-assignee')).toContainText(me);
  await outboxEmpty(page);
}

export async function outboxEmpty(page: Page): Promise<void> {
  await expect(page.getByTestId('outbox-size')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
}

/** A view's count once the desk is in step with the server (a bootstrap still counts upwards). */
/** The desk has every case of its scope: the bootstrap or catch-up is over. */
export async function deskOnline(page: Page): Promise<void> {
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-sync', 'online', { timeout: 30_000 });
}

export async function viewCount(page: Page, view: string): Promise<number> {
  await deskOnline(page);
  const count = page.getByTestId(`view-count-${view}`);
  await expect(count).toHaveAttribute('data-count', /^\d+$/);
  return Number(await count.getAttribute('data-count'));
}

export async function displayName(page: Page): Promise<string> {
  return ((await page.getByTestId('user-menu').textContent()) ?? '').trim();
}

export const messageWith = (page: Page, kind: 'reply' | 'note' | 'citizen', text: string): Locator =>
  page.locator(`[data-testid="message"][data-kind="${kind}"]`, { hasText: text });

/** A Mantine modal by its test id: the root carries the id, the dialog inside is what shows. */
export const dialog = (page: Page, testId: string): Locator => page.getByTestId(testId).getByRole('dialog');
