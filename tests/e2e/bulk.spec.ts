// A supervisor reassigns fifty cases at once: picked by keyboard, previewed (how many, to
// whom), confirmed, with progress, and every one of them lands with its new assignee. Runs on
// its own server: the shared seed has fewer than fifty open cases in any one agency.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialog, goToView, messageWith, openByRef, outboxEmpty, selectedCaseId, selectedRow, viewCount } from './desk-steps';
import { startOwnStack } from './own-stack';
import type { OwnStack } from './own-stack';

let stack: OwnStack | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startOwnStack({ cases: 1500 });
});

test.afterAll(async () => {
  await stack?.close();
});

/** A browser context on this spec's own stack, signed in. */
async function deskOnStack(browser: Browser, signIn: (page: Page) => Promise<void>): Promise<{ context: BrowserContext; page: Page }> {
  if (stack === null) throw new Error('no stack');
  const context = await browser.newContext({ baseURL: stack.hostUrl });
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page);
  return { context, page };
}

async function tickAgent(page: Page, username: string): Promise<string> {
  const input = dialog(page, 'assign-dialog').getByRole('combobox');
  await input.press('Control+a');
  await input.press('Backspace');
  await page.keyboard.type(username);
  const option = page.locator('[data-testid="assign-picker"] [role="option"][aria-selected="true"]');
  await expect(option).toHaveCount(1);
  const name = ((await option.locator('p').first().textContent()) ?? '').replace(/^[☐☑]\s*/, '').trim();
  await page.keyboard.press('Enter');
  await expect(option).toHaveAttribute('aria-checked', 'true');
  return name;
}

test('fifty cases picked with x and Shift+J are assigned from a preview, balanced over two agents', async ({ browser, login }) => {
  test.setTimeout(120_000);
  const { context, page } = await deskOnStack(browser, (p) => login(p, 'housing.supervisor'));
  await goToView(page, 'i', 'inbox');
  expect(await viewCount(page, 'inbox')).toBeGreaterThanOrEqual(50);

  const picked: string[] = [await selectedCaseId(page)];
  await page.keyboard.press('x');
  for (let i = 1; i < 50; i++) {
    await page.keyboard.press('Shift+J');
    await expect(selectedRow(page)).not.toHaveAttribute('data-case-id', picked[picked.length - 1] ?? '');
    picked.push(await selectedCaseId(page));
  }
  expect(new Set(picked).size).toBe(50);
  await expect(page.getByTestId('checked-count')).toHaveText('50 selected');

  await page.keyboard.press('a');
  const assign = dialog(page, 'assign-dialog');
  await expect(assign).toBeVisible();
  await expect(assign).toContainText('Assign 50 cases');
  const first = await tickAgent(page, 'housing.agent2');
  const second = await tickAgent(page, 'housing.agent3');
  const preview = page.getByTestId('assign-preview');
  await expect(preview).toContainText('50 cases →');
  await expect(preview).toContainText(`${first} (25)`);
  await expect(preview).toContainText(`${second} (25)`);
  await page.screenshot({ path: 'tests/e2e/screenshots/bulk-preview-en.png' });
  await page.keyboard.press('Control+Enter');
  await expect(assign).toBeHidden();

  await expect(page.getByTestId('bulk-progress')).toBeVisible();
  await expect(page.getByTestId('bulk-progress')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('outbox-size')).toHaveAttribute('data-count', '0');

  // The fifty now lead the inbox (just changed); walk them and read each assignee.
  await goToView(page, 'i', 'inbox');
  const seen = new Map<string, string>();
  for (let i = 0; i < 50; i++) {
    const id = await selectedCaseId(page);
    seen.set(id, ((await selectedRow(page).locator('.row-assignee').textContent()) ?? '').trim());
    await page.keyboard.press('j');
    if (i < 49) await expect(selectedRow(page)).not.toHaveAttribute('data-case-id', id);
  }
  expect(new Set(seen.keys())).toEqual(new Set(picked));
  const names = [...seen.values()];
  expect(names.filter((n) => n === first)).toHaveLength(25);
  expect(names.filter((n) => n === second)).toHaveLength(25);
  await context.close();
});

test('with the mouse too: Shift+click checks a range of rows, Ctrl+click toggles one', async ({ browser, login }) => {
  const { context, page } = await deskOnStack(browser, (p) => login(p, 'housing.agent4'));
  await goToView(page, 'i', 'inbox');
  const rows = page.getByTestId('case-row');
  await expect(rows.nth(6)).toBeVisible();
  const ids = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => rows.nth(i).getAttribute('data-case-id')));

  await rows.nth(0).click();
  await rows.nth(5).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('checked-count')).toHaveText('6 selected');
  for (const id of ids) await expect(page.locator(`[data-case-id="${id}"][data-checked]`)).toHaveCount(1);
  await expect(selectedRow(page)).toHaveAttribute('data-case-id', ids[5] ?? '');

  await rows.nth(2).click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('checked-count')).toHaveText('5 selected');
  await expect(page.locator(`[data-case-id="${ids[2]}"][data-checked]`)).toHaveCount(0);
  // the keyboard goes on from the clicked row
  await page.keyboard.press('x');
  await expect(page.getByTestId('checked-count')).toHaveText('6 selected');
  // an agent is told that changing several cases at once is for supervisors, before any dialog
  await page.keyboard.press('l');
  await expect(page.getByText('Changing several cases at once is for supervisors')).toBeVisible();
  await expect(page.getByTestId('bulk-tags-dialog')).toHaveCount(0);
  await context.close();
});

test('three cases tagged, then answered from one template, at once (l and t over a selection)', async ({ browser, login }) => {
  test.setTimeout(120_000);
  const { context, page } = await deskOnStack(browser, (p) => login(p, 'housing.supervisor'));
  const awaiting = async () => {
    await page.getByTestId('view-awaiting_citizen').click();
    await expect(page.getByTestId('view-awaiting_citizen')).toHaveAttribute('aria-current', 'page');
    await page.getByTestId('case-list').focus();
  };
  await awaiting();
  expect(await viewCount(page, 'awaiting_citizen')).toBeGreaterThanOrEqual(3);

  const pickFirstThree = async (): Promise<string[]> => {
    const ids = [await selectedCaseId(page)];
    await page.keyboard.press('x');
    for (let i = 1; i < 3; i++) {
      await page.keyboard.press('Shift+J');
      await expect(selectedRow(page)).not.toHaveAttribute('data-case-id', ids[ids.length - 1] ?? '');
      ids.push(await selectedCaseId(page));
    }
    await expect(page.getByTestId('checked-count')).toHaveText('3 selected');
    return ids;
  };
  const picked = await pickFirstThree();
  const refs = await Promise.all(picked.map(async (id) => ((await page.locator(`[data-case-id="${id}"] .row-ref`).textContent()) ?? '').trim()));

  await page.keyboard.press('l');
  const tags = dialog(page, 'bulk-tags-dialog');
  await expect(tags).toContainText('Tags on 3 cases');
  await page.keyboard.type('e2e-batch');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bulk-tags-preview')).toHaveText('3 cases: + e2e-batch');
  await page.keyboard.press('Control+Enter');
  await expect(tags).toBeHidden();
  await expect(page.getByTestId('bulk-progress')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await outboxEmpty(page);

  // the three were just changed, so they lead the view now: pick them again and reply to all
  await awaiting();
  expect(new Set(await pickFirstThree())).toEqual(new Set(picked));
  await page.keyboard.press('t');
  const reply = dialog(page, 'bulk-reply-dialog');
  await expect(reply).toContainText('Reply to 3 cases');
  await expect(page.getByTestId('bulk-reply-preview')).not.toBeEmpty();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bulk-reply-summary')).toContainText('3 cases get');
  await expect(page.getByTestId('bulk-reply-send')).toBeFocused();
  const sample = ((await page.getByTestId('bulk-reply-preview').textContent()) ?? '').trim().slice(0, 24);
  await page.screenshot({ path: 'tests/e2e/screenshots/bulk-reply-en.png' });
  await page.keyboard.press('Control+Enter');
  await expect(reply).toBeHidden();
  await outboxEmpty(page);

  // answered now: they have left "awaiting citizen"; search all cases for them
  await page.getByTestId('view-all').click();
  for (const [i, id] of picked.entries()) {
    await openByRef(page, refs[i] ?? '', id);
    await expect(page.getByTestId('case-tags')).toContainText('e2e-batch');
    await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'answered');
    await expect(page.locator('[data-testid="message"][data-kind="reply"]').last()).not.toBeEmpty();
  }
  // the preview showed the reply as the case on screen (the last picked) got it
  expect(sample).not.toContain('{{');
  await expect(messageWith(page, 'reply', sample)).toBeVisible();
  await context.close();
});
