// Suggestions' outcomes and the dashboard's lower half (issue 12 items 6 and 4): a supervisor
// accepts then implements one suggestion and declines another with a reason, from the
// keyboard; the national-report table counts them as the server's own file does; the
// about-to-breach table equals one worked out from that file; an agent sees the outcome but is
// not offered the action, and the server refuses it to them. Pictured in English and Arabic
// (test-results/supervisor/).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskOnline, dialog, openByRef, outboxEmpty } from './desk-steps';
import { ask, newMutationId, serverDatabase, staffSocket } from './server-client';

const SHOTS = 'test-results/supervisor';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function fileSuggestion(agencyId: string, subject: string): Promise<{ id: string; ref: string }> {
  const response = await fetch(`${process.env.TAWASUL_E2E_SERVER_URL ?? ''}/api/intake/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
    body: JSON.stringify({ kind: 'suggestion', agencyId, citizen: { name: 'Ali Hasan', language: 'en' }, subject, body: `${subject}.`, language: 'en' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; ref: string };
}

/** the instant `hours` working hours (Sun–Thu 07:00–14:00, UTC+3) after `start`, minute by minute */
function workingHoursLater(start: number, hours: number): number {
  const isWorking = (t: number) => {
    const local = new Date(t + 3 * HOUR);
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    return local.getUTCDay() <= 4 && minute >= 420 && minute < 840;
  };
  let at = Math.ceil(start / MINUTE) * MINUTE;
  let left = hours * HOUR - (isWorking(start) ? at - start : 0);
  while (left > 0) {
    if (isWorking(at)) left -= MINUTE;
    at += MINUTE;
  }
  return at + left;
}

async function csvOf(page: Page, table: string): Promise<string[][]> {
  const download = page.waitForEvent('download');
  await page.getByTestId(`export-csv-${table}`).click();
  const text = readFileSync((await (await download).path()) ?? '', 'utf8');
  return text.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
}

async function openDashboard(page: Page): Promise<void> {
  await page.keyboard.press('g');
  await page.keyboard.press('d');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('breach-section')).toHaveAttribute('data-total', /\d+/);
}

test('a supervisor accepts then implements one suggestion and declines another with a reason; the year table counts them; an agent is not offered it', async ({ openDesk, login }) => {
  test.setTimeout(150_000);
  const first = await fileSuggestion('tra', 'Publish mobile coverage maps');
  const second = await fileSuggestion('tra', 'Free roaming in the Gulf');

  const page = await openDesk();
  await login(page, 'tra.supervisor');
  await deskOnline(page);

  // the first: under study (as every new suggestion) → accepted → implemented
  await openByRef(page, first.ref, first.id);
  await expect(page.getByTestId('case-outcome')).toHaveAttribute('data-outcome', 'under_study');
  await page.keyboard.press('Shift+O');
  const outcome = dialog(page, 'outcome-dialog');
  await expect(outcome).toBeVisible();
  await expect(page.getByTestId('outcome-accepted')).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(outcome).toBeHidden();
  await expect(page.getByTestId('case-outcome')).toHaveAttribute('data-outcome', 'accepted');
  await page.keyboard.press('Shift+O');
  await expect(outcome).toBeVisible();
  // from accepted only implemented or declined are offered; implemented comes first
  await expect(page.getByTestId('outcome-choices').getByRole('radio')).toHaveCount(2);
  await expect(page.getByTestId('outcome-implemented')).toBeChecked();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('case-outcome')).toHaveAttribute('data-outcome', 'implemented');
  await outboxEmpty(page);

  // the second: declined, which cannot be confirmed before its reason is written
  await openByRef(page, second.ref, second.id);
  await page.keyboard.press('Shift+O');
  await expect(outcome).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('outcome-declined')).toBeChecked();
  await expect(page.getByTestId('outcome-confirm')).toBeDisabled();
  await page.keyboard.press('Control+Enter');
  await expect(outcome).toBeVisible();
  await page.getByTestId('outcome-reason').focus();
  await page.keyboard.type('Roaming prices are set by the operators');
  await page.keyboard.press('Control+Enter');
  await expect(outcome).toBeHidden();
  await expect(page.getByTestId('case-outcome-reason')).toContainText('Roaming prices are set by the operators');
  await expect(page.locator('[data-testid="message"][data-kind="event"]', { hasText: 'Reason:' })).toContainText('Declined');
  await outboxEmpty(page);
  await page.screenshot({ path: `${SHOTS}/outcome-declined-en.png` });

  const db = serverDatabase();
  const outcomes = db.prepare('SELECT id, outcome FROM cases WHERE id IN (?, ?)').all(first.id, second.id) as { id: string; outcome: string }[];
  expect(Object.fromEntries(outcomes.map((o) => [o.id, o.outcome]))).toEqual({ [first.id]: 'implemented', [second.id]: 'declined' });

  // the year in the national report's shape, against the server's own file
  await openDashboard(page);
  const year = new Date(Date.now() + 3 * HOUR).getUTCFullYear();
  await expect(page.getByTestId('year-section')).toHaveAttribute('data-year', String(year));
  const from = Date.UTC(year, 0, 1) - 3 * HOUR;
  const to = Date.UTC(year + 1, 0, 1) - 3 * HOUR;
  const filed = db.prepare('SELECT kind, outcome, reopen_count AS reopens FROM cases WHERE agency_id = ? AND created_at >= ? AND created_at < ?').all('tra', from, to) as { kind: string; outcome: string | null; reopens: number }[];
  db.close();
  const suggestions = filed.filter((c) => c.kind === 'suggestion');
  const count = (outcome: string | null) => suggestions.filter((c) => c.outcome === outcome).length;
  const [header, row] = await csvOf(page, 'national-year');
  const cell = (name: string) => Number(row?.[header?.indexOf(name) ?? -1]);
  expect(header).toEqual(['Agency', 'Complaints', 'Suggestions', 'Enquiries', 'Requests', 'Commitment (%)', 'Reopened (%)', 'Under study', 'Accepted', 'Implemented', 'Declined', 'No outcome yet', 'Adopted']);
  expect(cell('Requests')).toBe(filed.length);
  expect(cell('Suggestions')).toBe(suggestions.length);
  expect(cell('Implemented')).toBe(count('implemented'));
  expect(cell('Declined')).toBe(count('declined'));
  expect(cell('Accepted')).toBe(count('accepted'));
  // adopted, as the national report counts it: accepted + implemented
  expect(cell('Adopted')).toBe(count('accepted') + count('implemented'));
  expect(count('implemented')).toBeGreaterThanOrEqual(1);
  expect(count('declined')).toBeGreaterThanOrEqual(1);
  await page.getByTestId('year-section').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/dashboard-year-en.png` });

  // an agent sees the outcome, is not offered the action, and the server refuses it
  const agent = await openDesk();
  await login(agent, 'tra.agent1');
  await deskOnline(agent);
  await openByRef(agent, first.ref, first.id);
  await expect(agent.getByTestId('case-outcome')).toHaveAttribute('data-outcome', 'implemented');
  await agent.keyboard.press('Shift+O');
  await expect(agent.getByTestId('capability-refusal').last()).toHaveAttribute('data-reason', 'supervisorsOnly');
  await expect(agent.getByTestId('outcome-dialog')).toHaveCount(0);
  // the agent steps away: the supervisor's board says so (auto-assignment skips them)
  await agent.getByTestId('away-toggle').click();
  await expect(agent.getByTestId('away-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  const agentOnBoard = page.locator('[data-testid="board-agent"][data-agent-id="stf-tra.agent1"]');
  await expect(agentOnBoard).toHaveAttribute('data-status', 'away', { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/board-away-en.png` });
  await agent.getByTestId('away-toggle').click();
  await expect(agent.getByTestId('away-toggle')).toHaveAttribute('aria-pressed', 'false');

  const socket = await staffSocket('tra.agent1');
  const refused = await ask(socket, 'mutate', { id: newMutationId(), name: 'case.setOutcome', args: { caseId: second.id, outcome: 'accepted' } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  socket.disconnect();
});

test('the cases about to breach within 4, 8 and 24 working hours equal the ones worked out from the server’s file; the queues open a case; pictured in both languages', async ({ openDesk, login }) => {
  test.setTimeout(120_000);
  const page = await openDesk();
  await login(page, 'housing.supervisor');
  await deskOnline(page);
  await openDashboard(page);
  const section = page.getByTestId('breach-section');
  for (const hours of [4, 8, 24]) {
    await page.getByTestId('breach-hours').getByText(`${hours} working hours`, { exact: true }).click();
    await expect(section).toHaveAttribute('data-hours', String(hours));
    await expect(section).toHaveAttribute('data-as-of', /\d+/);
    const asOf = Number(await section.getAttribute('data-as-of'));
    const horizon = Number(await section.getAttribute('data-horizon'));
    expect(horizon).toBe(workingHoursLater(asOf, hours));
    const db = serverDatabase();
    const open = db
      .prepare("SELECT ref, first_response_due_at AS frd, first_responded_at AS fra, resolution_due_at AS rd FROM cases WHERE agency_id = 'housing' AND status IN ('new','assigned','in_progress','awaiting_citizen','reopened')")
      .all() as { ref: string; frd: number; fra: number | null; rd: number }[];
    db.close();
    const inWindow = (at: number) => at >= asOf && at < horizon;
    const expected = open.filter((c) => (c.fra === null && inWindow(c.frd)) || inWindow(c.rd)).map((c) => c.ref).sort();
    await expect(section).toHaveAttribute('data-total', String(expected.length));
    const [, ...rows] = await csvOf(page, 'breach-soon');
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.slice(0, 500));
  }
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/dashboard-breach-en.png` });

  // a reopened case opens from its queue, by keyboard
  const reopened = page.getByTestId('table-queue-reopened');
  const opener = reopened.getByTestId('open-queue-reopened').first();
  if ((await reopened.getAttribute('data-rows')) !== '0') {
    const ref = ((await opener.textContent()) ?? '').trim();
    await opener.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('case-ref')).toHaveText(ref);
    await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'reopened');
    await openDashboard(page);
  }

  await page.keyboard.press('Control+k');
  await page.keyboard.type('Arabic');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-status', 'ready');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/dashboard-breach-ar.png` });
  await page.getByTestId('year-section').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/dashboard-year-ar.png` });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('English');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});
