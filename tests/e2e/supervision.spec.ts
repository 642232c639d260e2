// The supervisor's desk, complete: a leave cover of one agent's 200 open cases over three
// colleagues whose preview is what gets applied; auto-assignment of requests arriving through
// the intake API; the dashboard's commitment rate against one computed from the server's own
// file; CSV and XLSX exports read back; an agent refused by the server; the board and the
// dashboard pictured in English and Arabic (test-results/supervisor/).
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskOnline, dialog } from './desk-steps';
import { ask, fileRequest, newMutationId, serverDatabase, staffSocket, valueOf } from './server-client';
import type { StaffSocket } from './server-client';

const SHOTS = 'test-results/supervisor';
const HOUR = 3_600_000;

async function openBoard(page: Page): Promise<void> {
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.getByTestId('supervisor-board')).toHaveAttribute('data-source', 'server');
  await expect(page.getByTestId('board-agent').first()).toBeVisible();
}

const agentRow = (page: Page, staffId: string) => page.locator(`[data-testid="board-agent"][data-agent-id="${staffId}"]`);

/** j/k down the board to the agent. */
async function chooseAgent(page: Page, staffId: string): Promise<void> {
  const ids = await page.getByTestId('board-agent').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agent-id')));
  const selected = await page.getByTestId('board-agent').evaluateAll((rows) => rows.findIndex((r) => r.getAttribute('aria-selected') === 'true'));
  const target = ids.indexOf(staffId);
  for (let i = selected; i < target; i++) await page.keyboard.press('j');
  for (let i = selected; i > target; i--) await page.keyboard.press('k');
  await expect(agentRow(page, staffId)).toHaveAttribute('aria-selected', 'true');
}

async function openCasesOf(socket: StaffSocket, staffId: string): Promise<number> {
  const { rows } = valueOf(await ask(socket, 'stats.workload', {}));
  return rows.find((r) => r.assigneeId === staffId)?.open ?? 0;
}

test('leave cover: one agent’s 200 open cases over three colleagues, applied exactly as previewed', async ({ openDesk, login }) => {
  test.setTimeout(180_000);
  const away = 'stf-iga.agent5';
  const colleagues = ['iga.agent1', 'iga.agent2', 'iga.agent3'];
  const server = await staffSocket('iga.supervisor');
  // make it exactly 200: requests filed through the intake API and assigned to the agent
  const missing = 200 - (await openCasesOf(server, away));
  const filed: string[] = [];
  for (let i = 0; i < missing; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, missing - i) }, (_, j) => fileRequest('iga', `Licence renewal ${i + j}`, j % 3 === 0 ? 'ar' : 'en')));
    filed.push(...batch.map((c) => c.id));
  }
  if (filed.length > 0) valueOf(await ask(server, 'mutate', { id: newMutationId(), name: 'bulk.assign', args: { caseIds: filed, assigneeIds: [away] } }));
  expect(await openCasesOf(server, away)).toBe(200);

  const page = await openDesk();
  await login(page, 'iga.supervisor');
  await deskOnline(page);
  await openBoard(page);
  await expect(agentRow(page, away)).toHaveAttribute('data-open', '200');
  await chooseAgent(page, away);

  // Shift+L: on leave from today for a week
  await page.keyboard.press('Shift+L');
  await expect(dialog(page, 'leave-dialog')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(dialog(page, 'leave-dialog')).toBeHidden();
  await expect(agentRow(page, away)).toHaveAttribute('data-status', 'leave');

  // Shift+C: three colleagues, and the preview of who gets how many
  await page.keyboard.press('Shift+C');
  const cover = dialog(page, 'cover-dialog');
  await expect(cover).toBeVisible();
  await expect(page.getByTestId('cover-count')).toHaveAttribute('data-count', '200');
  const input = cover.getByRole('combobox');
  for (const username of colleagues) {
    await input.press('Control+a');
    await input.press('Backspace');
    await page.keyboard.type(username);
    await page.keyboard.press('Enter');
  }
  const shares = page.getByTestId('cover-share');
  await expect(shares).toHaveCount(3);
  const preview = await shares.evaluateAll((rows) =>
    rows.map((r) => ({ id: r.getAttribute('data-agent-id') ?? '', count: Number(r.getAttribute('data-count')), after: Number(r.getAttribute('data-after')) })),
  );
  expect(preview.map((p) => p.id).sort()).toEqual(colleagues.map((u) => `stf-${u}`));
  expect(preview.reduce((n, p) => n + p.count, 0)).toBe(200);
  await page.screenshot({ path: `${SHOTS}/cover-preview-en.png` });
  await page.keyboard.press('Control+Enter');
  await expect(cover).toBeHidden();
  await expect(page.getByTestId('bulk-progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  // applied == previewed, on the server and on the board
  const { rows } = valueOf(await ask(server, 'stats.workload', {}));
  for (const p of preview) expect(rows.find((r) => r.assigneeId === p.id)?.open).toBe(p.after);
  expect(rows.find((r) => r.assigneeId === away)).toBeUndefined();
  for (const p of preview) await expect(agentRow(page, p.id)).toHaveAttribute('data-open', String(p.after), { timeout: 15_000 });
  await expect(agentRow(page, away)).toHaveAttribute('data-open', '0');

  valueOf(await ask(server, 'supervision.setLeave', { staffId: away, leave: null }));
  server.disconnect();
});

test('auto-assignment: requests arriving through the intake API go to the agent online, least loaded, skipping those on leave', async ({ openDesk, login }) => {
  test.setTimeout(120_000);
  const server = await staffSocket('npra.supervisor');
  const { rows } = valueOf(await ask(server, 'stats.workload', {}));
  const npra = ['npra.agent1', 'npra.agent2', 'npra.agent3', 'npra.agent4', 'npra.agent5'];
  const open = (u: string) => rows.find((r) => r.assigneeId === `stf-${u}`)?.open ?? 0;
  const chosen = [...npra].sort((a, b) => open(a) - open(b))[0] ?? 'npra.agent1';
  expect(open(chosen)).toBeLessThan(37); // room for the three below under the capacity of 40
  const now = Date.now();
  for (const u of npra.filter((x) => x !== chosen)) {
    valueOf(await ask(server, 'supervision.setLeave', { staffId: `stf-${u}`, leave: { from: now - HOUR, to: now + 24 * HOUR } }));
  }

  const agent = await openDesk();
  await login(agent, chosen);
  await deskOnline(agent);
  const mine = Number(await agent.getByTestId('view-count-mine').getAttribute('data-count'));

  const page = await openDesk();
  await login(page, 'npra.supervisor');
  await deskOnline(page);
  await openBoard(page);
  const control = page.getByTestId('auto-assign');
  await expect(control).toHaveAttribute('data-mode', 'off');
  await page.keyboard.press('Shift+M');
  await expect(control).toHaveAttribute('data-mode', 'round_robin');
  await page.keyboard.press('Shift+M');
  await expect(control).toHaveAttribute('data-mode', 'least_loaded');
  await expect(agentRow(page, `stf-${chosen}`)).toHaveAttribute('data-status', 'online');
  const before = Number(await agentRow(page, `stf-${chosen}`).getAttribute('data-open'));

  for (const subject of ['Passport photo rejected', 'Renewal appointment', 'Lost ID card']) await fileRequest('npra', subject);
  await expect(agentRow(page, `stf-${chosen}`)).toHaveAttribute('data-open', String(before + 3), { timeout: 15_000 });
  await expect(agent.getByTestId('view-count-mine')).toHaveAttribute('data-count', String(mine + 3), { timeout: 15_000 });

  await page.keyboard.press('Shift+M');
  await expect(control).toHaveAttribute('data-mode', 'off');
  for (const u of npra) valueOf(await ask(server, 'supervision.setLeave', { staffId: `stf-${u}`, leave: null }));
  server.disconnect();
});

test('dashboard: the commitment rate equals the one computed from the server’s file; CSV and XLSX exports read back; pictured in both languages', async ({ openDesk, login }) => {
  test.setTimeout(120_000);
  const page = await openDesk();
  await login(page, 'housing.supervisor');
  await deskOnline(page);
  await openBoard(page);
  await page.screenshot({ path: `${SHOTS}/board-en.png` });

  await page.keyboard.press('g');
  await page.keyboard.press('d');
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('dashboard-period').getByText('Last 365 days').click();
  await expect(dashboard).toHaveAttribute('data-status', 'ready');
  const rate = page.getByTestId('dashboard-rate');
  await expect(rate).toHaveAttribute('data-from', /\d+/);
  const from = Number(await rate.getAttribute('data-from'));
  const to = Number(await rate.getAttribute('data-to'));
  const due = Number(await rate.getAttribute('data-due'));
  const onTime = Number(await rate.getAttribute('data-on-time'));

  const db = serverDatabase();
  const cases = db.prepare('SELECT first_response_due_at AS dueAt, first_responded_at AS respondedAt FROM cases WHERE agency_id = ?').all('housing') as { dueAt: number; respondedAt: number | null }[];
  db.close();
  const inPeriod = cases.filter((c) => c.dueAt >= from && c.dueAt < to);
  const inTime = inPeriod.filter((c) => c.respondedAt !== null && c.respondedAt <= c.dueAt);
  expect(inPeriod.length).toBeGreaterThan(50);
  expect(due).toBe(inPeriod.length);
  expect(onTime).toBe(inTime.length);
  await expect(rate).toHaveText(`${(Math.round((1000 * inTime.length) / inPeriod.length) / 10).toLocaleString('en-GB')}%`);
  await page.screenshot({ path: `${SHOTS}/dashboard-en.png`, fullPage: true });

  // CSV: the by-kind table, with the same totals
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-csv-commitment-by-kind').click();
  const csv = readFileSync((await (await csvDownload).path()) ?? '', 'utf8');
  const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(header).toBe('Kind,Due,Answered in time,Rate (%)');
  const fields = lines.map((l) => l.split(','));
  expect(fields.map((f) => f[0]).sort()).toEqual(['Complaint', 'Enquiry', 'Suggestion']);
  expect(fields.reduce((n, f) => n + Number(f[1]), 0)).toBe(due);
  expect(fields.reduce((n, f) => n + Number(f[2]), 0)).toBe(onTime);

  // Arabic: the layout mirrored, and an XLSX whose Arabic text is intact
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Arabic');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(dashboard).toHaveAttribute('data-status', 'ready');
  await page.screenshot({ path: `${SHOTS}/dashboard-ar.png`, fullPage: true });
  const xlsxDownload = page.waitForEvent('download');
  await page.getByTestId('export-xlsx-commitment-by-kind').click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await (await xlsxDownload).path()) ?? '');
  const sheet = workbook.worksheets[0];
  expect(sheet?.views[0]?.rightToLeft).toBe(true);
  expect(sheet?.getRow(1).values).toEqual([undefined, 'النوع', 'المستحقة', 'أُجيبت في الموعد', 'النسبة (٪)']);
  const body = (sheet?.getSheetValues() ?? []).slice(2).filter((row) => Array.isArray(row));
  expect(body.map((row) => (row as unknown[])[1]).sort()).toEqual(['استفسار', 'مقترح', 'شكوى'].sort());
  expect(body.reduce((n, row) => n + Number((row as unknown[])[2]), 0)).toBe(due);

  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.getByTestId('board-agent').first()).toBeVisible();
  await expect(page.getByTestId('supervisor-board')).not.toHaveAttribute('data-loading', 'true');
  await page.screenshot({ path: `${SHOTS}/board-ar.png` });
});

test('an agent is refused the supervisor’s screens by the desk and their mutations by the server', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'iga.agent2');
  await deskOnline(page);
  await page.keyboard.press('g');
  await page.keyboard.press('d');
  await expect(page.getByTestId('dashboard-denied')).toContainText('for supervisors');
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.getByTestId('board-denied')).toBeVisible();

  // what the desk never offers an agent, sent straight to the server, is refused there
  const agent = await staffSocket('iga.agent2');
  const snapshot = valueOf(await ask(agent, 'sync.bootstrap', { agencyId: 'iga', cursor: null, limit: 5 }));
  const caseId = snapshot.cases[0]?.id ?? '';
  expect(caseId).not.toBe('');
  const refusals = [
    await ask(agent, 'mutate', { id: newMutationId(), name: 'bulk.cover', args: { caseIds: [caseId], assigneeIds: ['stf-iga.agent2'] } }),
    await ask(agent, 'supervision.setAutoAssign', { agencyId: 'iga', mode: 'least_loaded' }),
    await ask(agent, 'supervision.setLeave', { staffId: 'stf-iga.agent1', leave: { from: Date.now(), to: Date.now() + 24 * HOUR } }),
    await ask(agent, 'supervision.state', {}),
    await ask(agent, 'stats.volume', { from: Date.now() - 24 * HOUR, to: Date.now() }),
  ];
  for (const ack of refusals) expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const supervisor = await staffSocket('iga.supervisor');
  const state = valueOf(await ask(supervisor, 'supervision.state', {}));
  expect(state.autoAssign).toEqual([{ agencyId: 'iga', mode: 'off' }]);
  expect(state.agents.find((a) => a.staffId === 'stf-iga.agent1')?.leave).toBeNull();
  agent.disconnect();
  supervisor.disconnect();
});
