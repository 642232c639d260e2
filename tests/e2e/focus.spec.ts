// Focus is never lost (issue 13): after every dialog, the palette, the help, a finished
// transfer or bulk assignment, a send and a toast's Undo, the focus is on a visible element
// where the agent was working (the list, the case's thread or the composer), with its focus
// ring showing; never on <body>. Works in an agency no other spec touches.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialog, goToView, openFirstCase, outboxEmpty, takeOpenCase } from './desk-steps';

type Where = { testId: string; ring: boolean };

/** What has the focus: its test id, whether it is on screen, whether its focus ring shows. */
async function focused(page: Page): Promise<{ testId: string; visible: boolean; ring: boolean }> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || active === document.body) return { testId: 'body', visible: false, ring: false };
    const box = active.getBoundingClientRect();
    return { testId: active.dataset.testid ?? active.id, visible: box.width > 0 && box.height > 0, ring: active.matches(':focus-visible') };
  });
}

async function expectFocusOn(page: Page, where: Where, after: string): Promise<void> {
  await expect.poll(() => focused(page), { message: `the focus after ${after}` }).toEqual({ testId: where.testId, visible: true, ring: where.ring });
}

/** Opens a dialog by its key, closes it with Esc (twice when a field's options were open). */
async function openAndClose(page: Page, key: string, testId: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(dialog(page, testId)).toBeVisible();
  await page.keyboard.press('Escape');
  // an Esc that only closed a field's open options leaves the dialog up; a dialog closing
  // fades out for 200 ms (a second Esc then would go back a level on the desk)
  await page.waitForTimeout(300);
  if (await dialog(page, testId).isVisible()) await page.keyboard.press('Escape');
  await expect(dialog(page, testId)).toBeHidden();
}

const DIALOGS: [key: string, testId: string][] = [
  ['a', 'assign-dialog'],
  ['s', 'status-dialog'],
  ['l', 'tags-dialog'],
  ['Shift+T', 'transfer-dialog'],
  ['c', 'new-case-dialog'],
  ['Shift+Slash', 'help-overlay'],
];

test('every dialog, the palette and the help give the focus back to the list, the thread or the composer', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'municipalities.supervisor');
  await goToView(page, 'i', 'inbox');
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  const list = { testId: 'case-list', ring: true };
  for (const [key, testId] of DIALOGS) {
    await openAndClose(page, key, testId);
    await expectFocusOn(page, list, `${testId} over the list`);
  }
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog').getByRole('textbox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expectFocusOn(page, list, 'the palette over the list');

  await openFirstCase(page, 'i', 'inbox');
  const thread = { testId: 'thread', ring: true };
  for (const [key, testId] of DIALOGS) {
    await openAndClose(page, key, testId);
    await expectFocusOn(page, thread, `${testId} over the case`);
  }

  await page.keyboard.press('r');
  const composer = { testId: 'composer', ring: true };
  await expectFocusOn(page, composer, 'r');
  await page.keyboard.type('::');
  await expect(dialog(page, 'templates-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expectFocusOn(page, composer, 'the templates picker over the composer');
});

test('after a transfer, a bulk assignment, a send and a toast’s Undo the focus is where the agent works', async ({ openDesk, login }) => {
  test.setTimeout(150_000); // two desks and four actions, each waiting for the server
  const agent = await openDesk();
  await login(agent, 'municipalities.agent1');
  await openFirstCase(agent, 'u', 'unassigned');
  await takeOpenCase(agent);

  // a note sent: the thread has the focus (z undoes, not types)
  await agent.keyboard.press('n');
  await agent.keyboard.type(`Checked the site plan ${Date.now()}`);
  await agent.keyboard.press('Control+Enter');
  await expectFocusOn(agent, { testId: 'thread', ring: true }, 'a send');
  await outboxEmpty(agent);

  // a reply whose toast's Undo is clicked: the toast goes, the focus does not go with it
  await agent.keyboard.press('r');
  await agent.keyboard.type(`A reply undone by the mouse ${Date.now()}`);
  await agent.keyboard.press('Control+Enter');
  await agent.getByTestId('undo-button').last().click();
  await expect(agent.getByTestId('undo-result')).toBeVisible();
  await expect.poll(async () => (await focused(agent)).testId, { message: 'the focus after Undo was clicked' }).toMatch(/^(thread|composer|case-list)$/);
  await expect.poll(async () => (await focused(agent)).visible).toBe(true);

  // a transfer confirmed by keyboard: the case leaves; the focus stays on the desk
  await agent.keyboard.press('Shift+T');
  await expect(dialog(agent, 'transfer-dialog')).toBeVisible();
  await agent.keyboard.type('Ministry of Works');
  await agent.keyboard.press('ArrowDown');
  await agent.keyboard.press('Enter');
  await agent.keyboard.press('Control+Enter');
  await expect(dialog(agent, 'transfer-dialog')).toBeHidden();
  await expect.poll(async () => (await focused(agent)).testId, { message: 'the focus after a transfer' }).toMatch(/^(thread|case-list)$/);
  await expect.poll(async () => (await focused(agent)).ring).toBe(true);
  await outboxEmpty(agent);

  // a supervisor's bulk assignment of three cases, confirmed by keyboard
  const supervisor = await openDesk();
  await login(supervisor, 'municipalities.supervisor');
  await goToView(supervisor, 'i', 'inbox');
  await expect(supervisor.getByTestId('case-row').nth(2)).toBeVisible();
  await supervisor.keyboard.press('x');
  await supervisor.keyboard.press('Shift+J');
  await supervisor.keyboard.press('Shift+J');
  await supervisor.keyboard.press('a');
  await expect(dialog(supervisor, 'assign-dialog')).toBeVisible();
  await supervisor.keyboard.type('municipalities.agent2');
  await supervisor.keyboard.press('Enter');
  await supervisor.keyboard.press('Control+Enter');
  await expect(dialog(supervisor, 'assign-dialog')).toBeHidden();
  await expectFocusOn(supervisor, { testId: 'case-list', ring: true }, 'a bulk assignment');
  await outboxEmpty(supervisor);
});
