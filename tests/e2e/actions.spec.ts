// Undo (a held reply dropped, an applied take reversed), transfer to another agency, and the call centre logging
// a request for a caller found by CPR. Each test works in agencies no other spec touches.
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskOnline, dialog, displayName, goToView, messageWith, openByRef, openFirstCase, outboxEmpty, searchFor, selectedCaseId, takeOpenCase, viewCount } from './desk-steps';

// The host's undo window may be shortened (playwright.config.ts sets TAWASUL_UNDO_WINDOW_MS):
// these wait on the toast's state and the outbox, never on the clock.
test('z takes back a held reply: its words return to the composer and a colleague’s desk never gets it', async ({ openDesk, login }) => {
  const agent = await openDesk();
  await login(agent, 'health.agent1');
  const opened = await openFirstCase(agent, 'u', 'unassigned');
  const colleague = await openDesk();
  await login(colleague, 'health.agent2');
  await openByRef(colleague, opened.ref, opened.id);
  await takeOpenCase(agent);

  const reply = `A reply taken back ${Date.now()}`;
  await agent.keyboard.press('r');
  await agent.keyboard.type(reply);
  await agent.keyboard.press('Control+Enter');
  await expect(agent.getByTestId('composer')).toHaveValue('');
  // the take's toast may still offer its own undo; z takes back the most recent action
  const toast = agent.getByTestId('action-toast').filter({ hasText: 'Reply to the citizen' });
  await expect(toast).toHaveAttribute('data-state', 'held');
  await expect(toast).toContainText(/Reply to the citizen · sending in \d+ s/);
  await expect(toast.getByTestId('send-now-button')).toBeVisible();
  // the send took the focus out of the composer, where z is a letter
  await expect(agent.getByTestId('thread')).toBeFocused();
  await agent.keyboard.press('z');
  await expect(agent.getByTestId('undo-result')).toHaveAttribute('data-how', 'dropped');
  await expect(agent.getByTestId('undo-result')).toContainText('never left this desk');
  await expect(agent.getByTestId('composer')).toHaveValue(reply);
  await expect(messageWith(agent, 'reply', reply)).toHaveCount(0);
  await outboxEmpty(agent);

  // A later change on the same case reaches the colleague; the taken-back reply never did.
  const note = `After the undo ${Date.now()}`;
  await agent.keyboard.press('n');
  await agent.keyboard.type(note);
  await agent.keyboard.press('Control+Enter');
  await expect(messageWith(colleague, 'note', note)).toBeVisible({ timeout: 15_000 });
  await expect(messageWith(colleague, 'reply', reply)).toHaveCount(0);
  await outboxEmpty(agent);
  await expect(messageWith(agent, 'reply', reply)).toHaveCount(0);
});

test('z after a take reached the server sends its inverse: a colleague’s desk shows it taken, then unassigned again', async ({ openDesk, login }) => {
  const agent = await openDesk();
  await login(agent, 'health.agent1');
  const opened = await openFirstCase(agent, 'u', 'unassigned');
  const colleague = await openDesk();
  await login(colleague, 'health.agent2');
  await openByRef(colleague, opened.ref, opened.id);
  await expect(colleague.getByTestId('case-assignee')).toContainText('Unassigned');
  const me = await displayName(agent);
  const events = (text: string) => colleague.locator('[data-testid="message"][data-kind="event"]', { hasText: text });
  // names in event lines are isolated for direction (U+2068 … U+2069)
  const takenBefore = await events(`assigned the case to \u2068${me}\u2069`).count();

  await agent.keyboard.press('i');
  await expect(agent.getByTestId('case-assignee')).toContainText(me);
  const toast = agent.getByTestId('action-toast');
  await expect(toast).toHaveAttribute('data-state', 'undoable');
  // once the server has it, the toast says so, and that Z reverses it there
  await expect(toast).toContainText(/Case taken · done on the server; Z reverses it there for \d+ s/);
  await expect(toast).toHaveAttribute('data-phase', 'applied');
  await agent.keyboard.press('z');
  await expect(agent.getByTestId('undo-result')).toHaveAttribute('data-how', 'compensated');
  await expect(agent.getByTestId('undo-result')).toContainText('reversed on the server');
  await outboxEmpty(agent);
  await expect(agent.getByTestId('case-assignee')).toContainText('Unassigned');

  // The colleague's desk got both: the take, then its inverse.
  await expect(events(`assigned the case to \u2068${me}\u2069`)).toHaveCount(takenBefore + 1, { timeout: 15_000 });
  await expect(events('removed the assignee').last()).toBeVisible();
  await expect(colleague.getByTestId('case-assignee')).toContainText('Unassigned');
});

async function transferFirstCase(source: Page, agencyName: string): Promise<{ id: string; ref: string }> {
  const opened = await openFirstCase(source, 'i', 'inbox');
  await source.keyboard.press('Shift+T');
  const transfer = dialog(source, 'transfer-dialog');
  await expect(transfer).toBeVisible();
  await expect(source.getByTestId('transfer-agency')).toBeFocused();
  await source.keyboard.type(agencyName);
  await source.keyboard.press('ArrowDown');
  await source.keyboard.press('Enter');
  await expect(source.getByTestId('transfer-agency')).toHaveValue(agencyName);
  await source.keyboard.press('Tab');
  await source.keyboard.press('ArrowDown');
  await source.keyboard.press('Enter'); // the first reason: sent to the wrong agency
  await source.keyboard.press('Tab');
  await source.keyboard.type('This belongs to the receiving agency.');
  await source.keyboard.press('Control+Enter');
  await expect(transfer).toBeHidden();
  await outboxEmpty(source);
  return opened;
}

test('Shift+T transfers a case (agency and reason by keyboard): it appears live at the receiving agency', async ({ openDesk, login }) => {
  const receiver = await openDesk();
  await login(receiver, 'education.agent1');
  await expect(receiver.getByTestId('case-row').first()).toBeVisible();

  const source = await openDesk();
  await login(source, 'works.agent1');
  const rowAtReceiver = (id: string) => receiver.locator(`[data-testid="case-row"][data-case-id="${id}"]`);
  const opened = await transferFirstCase(source, 'Ministry of Education');
  await expect(rowAtReceiver(opened.id)).toBeVisible({ timeout: 15_000 });
  await openByRef(receiver, opened.ref, opened.id);
  await expect(receiver.getByTestId('case-pane')).toContainText('Transferred from \u2068Ministry of Works\u2069');
  await expect(source.getByTestId('case-pane')).toContainText('This case now belongs to another agency.');
});

// The source desk keeps a read-only record of a case it transferred away, but no view, count
// or search of it shows the case any more (cache migration 004).
test('a transferred case leaves the source agency’s open views', async ({ openDesk, login }) => {
  const source = await openDesk();
  await login(source, 'traffic.agent2');
  const before = await viewCount(source, 'inbox');
  const opened = await transferFirstCase(source, 'Ministry of Labour');
  await goToView(source, 'i', 'inbox');
  await expect(source.locator(`[data-testid="case-row"][data-case-id="${opened.id}"]`)).toHaveCount(0);
  await expect(source.getByTestId('view-count-inbox')).toHaveAttribute('data-count', String(before - 1));
  // nor does a search by its reference, though the record itself is still kept
  await searchFor(source, opened.ref);
  await expect(source.getByTestId('search-banner')).toHaveAttribute('data-empty', 'true');
  await expect(source.getByTestId('case-row')).toHaveCount(0);
});

function seededCaller(): { cpr: string; cases: number } {
  const data = process.env.TAWASUL_E2E_DATA;
  if (data === undefined) throw new Error('TAWASUL_E2E_DATA is not set (playwright.config.ts sets it)');
  const db = new Database(join(data, 'server', 'tawasul-server.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("SELECT citizen_cpr AS cpr, count(*) AS cases FROM cases WHERE citizen_cpr IS NOT NULL AND agency_id NOT IN ('traffic') GROUP BY citizen_cpr ORDER BY cases DESC, citizen_cpr LIMIT 1")
      .get() as { cpr: string; cases: number } | undefined;
    if (row === undefined) throw new Error('the seed has no citizen with a CPR');
    return row;
  } finally {
    db.close();
  }
}

test('the call centre finds a caller by CPR, sees their cases, logs a new request that gets a TW- reference and reaches the agency', async ({ openDesk, login }) => {
  const caller = seededCaller();
  const agency = await openDesk();
  await login(agency, 'traffic.agent1');
  await expect(agency.getByTestId('case-row').first()).toBeVisible();

  const page = await openDesk();
  await login(page, 'callcentre.agent1');
  await deskOnline(page); // earlier cases are looked up in the desk's own cache
  await page.keyboard.press('c');
  const form = dialog(page, 'new-case-dialog');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('new-case-cpr')).toBeFocused();
  await page.keyboard.type(caller.cpr);
  await expect(page.getByTestId('earlier-cases')).toHaveAttribute('data-count', String(Math.min(20, caller.cases)));
  await expect(page.getByTestId('new-case-name')).not.toHaveValue('');
  await page.screenshot({ path: 'tests/e2e/screenshots/new-request-en.png' });

  await page.keyboard.press('Tab'); // name, filled from the earlier cases
  await page.keyboard.press('Tab'); // phone
  await page.keyboard.press('Tab'); // language
  await page.keyboard.press('Tab'); // kind
  await expect(page.getByTestId('new-case-kind')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Enquiry');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('new-case-kind')).toHaveValue('Enquiry');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('new-case-agency')).toBeFocused();
  await page.keyboard.type('Traffic');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('new-case-agency')).toHaveValue('General Directorate of Traffic');
  await page.keyboard.press('Tab');
  const subject = `Caller asks about a fine notice ${Date.now()}`;
  await page.keyboard.type(subject);
  await page.keyboard.press('Tab');
  await page.keyboard.type('The caller received a fine for a car sold last year.');
  await page.keyboard.press('Control+Enter');
  await expect(form).toBeHidden();

  const created = page.getByTestId('case-created');
  await expect(created).toBeVisible({ timeout: 20_000 });
  const ref = (await created.getAttribute('data-ref')) ?? '';
  expect(ref).toMatch(/^TW-\d{4}-\d{8}$/);
  expect(ref).not.toMatch(/-00000000$/);
  await expect(page.getByTestId('case-ref')).toHaveText(ref);
  const caseId = await selectedCaseId(page);
  await expect(page.getByTestId('case-pane')).toHaveAttribute('data-case-id', caseId);

  await expect(agency.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`)).toBeVisible({ timeout: 15_000 });
  await expect(agency.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`)).toContainText(ref);
  await expect(agency.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`)).toContainText(subject);
  // a screen reader at the agency is told, politely, that a case came in
  await expect(agency.getByTestId('new-cases-announcer')).toHaveText(/^New cases in the inbox: \d+$/);
  await expect(agency.getByTestId('new-cases-announcer')).toHaveAttribute('aria-live', 'polite');
});
