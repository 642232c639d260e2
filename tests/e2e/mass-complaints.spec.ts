// Mass complaints from the supervisor's desk: near-identical complaints posted to the intake
// API form a group the supervisor sees on the "Mass complaints" screen (g c), growing live as
// more arrive; one action from a template answers every complaint of the group, and each of
// them shows the reply. An agent is refused the screen by the desk and the group's mutations
// by the server.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialog, deskOnline, goToView, openByRef, outboxEmpty } from './desk-steps';
import { ask, newMutationId, serverDatabase, staffSocket, valueOf } from './server-client';

const AGENCY = 'traffic';

/** The same complaint as four citizens type it; `code` keeps this run's group apart from earlier runs'. */
function wordings(code: string): { subject: string; body: string; language: 'ar' | 'en'; name: string }[] {
  const body = `The traffic signal at the Seef junction ${code} has been dead since the morning and cars cross without any control.`;
  return [
    { subject: `Traffic signal dead at Seef junction ${code}`, body, language: 'en', name: 'Huda Saleh' },
    { subject: `TRAFFIC SIGNAL DEAD AT SEEF JUNCTION ${code}`, body: `Hello, ${body}`, language: 'en', name: 'Ali Hasan' },
    { subject: `Traffic signal dead at Seef junction ${code}!`, body: body.replace(' and ', ', and '), language: 'en', name: 'Maryam Ahmed' },
    { subject: `Traffic signal dead - Seef junction ${code}`, body: `${body} Please send someone.`, language: 'ar', name: 'زينب الموسوي' },
  ];
}

async function file(w: ReturnType<typeof wordings>[number]): Promise<{ id: string; ref: string }> {
  const response = await fetch(`${process.env.TAWASUL_E2E_SERVER_URL ?? ''}/api/intake/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
    body: JSON.stringify({ kind: 'complaint', agencyId: AGENCY, citizen: { name: w.name, language: w.language }, subject: w.subject, body: w.body, language: 'en' }),
  });
  if (response.status !== 201) throw new Error(`intake: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; ref: string };
}

function groupOf(caseId: string): string | null {
  const db = serverDatabase();
  try {
    return (db.prepare('SELECT mass_group_id AS g FROM cases WHERE id = ?').get(caseId) as { g: string | null }).g;
  } finally {
    db.close();
  }
}

/** axe (WCAG 2.1 AA) on the screen as it is: no serious or critical violation. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(blocking, what).toEqual([]);
}

/** Ctrl+K, the language command, Enter. */
async function switchLanguage(page: Page, typed: string, dir: 'rtl' | 'ltr'): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog').getByRole('textbox')).toBeFocused();
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

const groupRow = (page: Page, groupId: string) => page.locator(`[data-testid="mass-group"][data-group-id="${groupId}"]`);

/** j/k down the screen to the group. */
async function chooseGroup(page: Page, groupId: string): Promise<void> {
  await expect(groupRow(page, groupId)).toBeVisible();
  const ids = await page.getByTestId('mass-group').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group-id')));
  const selected = await page.getByTestId('mass-group').evaluateAll((rows) => rows.findIndex((r) => r.getAttribute('aria-selected') === 'true'));
  const target = ids.indexOf(groupId);
  for (let i = selected; i < target; i++) await page.keyboard.press('j');
  for (let i = selected; i > target; i--) await page.keyboard.press('k');
  await expect(groupRow(page, groupId)).toHaveAttribute('aria-selected', 'true');
}

test('a group formed by complaints posted to the intake API is answered in one action from a template', async ({ openDesk, login }) => {
  test.setTimeout(120_000);
  const code = `r${Date.now().toString(36)}`;
  const texts = wordings(code);
  const filed = [await file(texts[0]), await file(texts[1]), await file(texts[2])];
  const groupId = groupOf(filed[0].id);
  expect(groupId).not.toBeNull();
  expect(filed.map((c) => groupOf(c.id))).toEqual([groupId, groupId, groupId]);

  const page = await openDesk();
  await login(page, `${AGENCY}.supervisor`);
  await deskOnline(page);
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(page.getByTestId('mass-screen')).toHaveAttribute('data-allowed', 'true');
  await expect(groupRow(page, groupId ?? '')).toHaveAttribute('data-members', '3');
  await expect(groupRow(page, groupId ?? '').getByTestId('mass-group-count')).toHaveText('3 complaints about the same subject');
  await expect(groupRow(page, groupId ?? '').getByTestId('mass-group-subject')).toHaveText(texts[0].subject);

  // a fourth citizen writes in: the group grows on screen without a reload
  filed.push(await file(texts[3]));
  await expect(groupRow(page, groupId ?? '')).toHaveAttribute('data-members', '4');
  await expect(groupRow(page, groupId ?? '')).toHaveAttribute('data-open', '4');
  await chooseGroup(page, groupId ?? '');
  await page.screenshot({ path: 'test-results/mass/mass-complaints-en.png' });
  await expectAccessible(page, 'mass complaints in English');
  // the same screen in Arabic, mirrored
  await switchLanguage(page, 'Arabic', 'rtl');
  await expect(groupRow(page, groupId ?? '').getByTestId('mass-group-count')).toContainText('شكوى عن الموضوع نفسه');
  await expect(groupRow(page, groupId ?? '')).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: 'test-results/mass/mass-complaints-ar.png' });
  await expectAccessible(page, 'mass complaints in Arabic');
  await switchLanguage(page, 'English', 'ltr');

  // t: one template for the whole group
  await page.keyboard.press('t');
  const reply = dialog(page, 'bulk-reply-dialog');
  await expect(reply).toContainText('Reply to the whole group (4 open complaints)');
  // the picker has the focus: the "resolved" template, by its code
  await page.keyboard.type('resolved');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bulk-reply-summary')).toContainText('4 open complaints of the group get');
  await expect(page.getByTestId('bulk-reply-send')).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(reply).toBeHidden();
  await outboxEmpty(page);

  // one mutation answered all four, each in its citizen's language with its reference
  const db = serverDatabase();
  try {
    const mutations = db.prepare("SELECT count(*) AS n FROM mutations WHERE name = 'bulk.groupReply' AND staff_id = ?").get(`stf-${AGENCY}.supervisor`) as { n: number };
    expect(mutations.n).toBeGreaterThanOrEqual(1);
    for (const c of filed) {
      const row = db.prepare('SELECT status, assignee_id AS assignee FROM cases WHERE id = ?').get(c.id) as { status: string; assignee: string };
      expect(row).toEqual({ status: 'answered', assignee: `stf-${AGENCY}.supervisor` });
    }
  } finally {
    db.close();
  }
  // the group has nothing open left: it leaves the screen
  await expect(groupRow(page, groupId ?? '')).toHaveCount(0);

  // every member case shows the reply on the desk, and says it is one of four
  await goToView(page, 'i', 'inbox');
  for (const c of filed) {
    await openByRef(page, c.ref, c.id);
    await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'answered');
    await expect(page.locator('[data-testid="message"][data-kind="reply"]').last()).toContainText(c.ref);
    await expect(page.getByTestId('case-mass')).toHaveAttribute('data-group-id', groupId ?? '');
  }
});

test('an agent is refused the mass-complaints screen by the desk and its mutations by the server', async ({ openDesk, login }) => {
  const cameras = { subject: 'Speed camera on Budaiya highway flashes every car', body: 'The speed camera near the Budaiya highway exit flashes every passing car even below the limit, drivers fear wrong fines.', language: 'en' as const };
  const filed = [await file({ ...cameras, name: 'Huda Saleh' }), await file({ ...cameras, subject: cameras.subject.toLowerCase(), name: 'Ali Hasan' })];
  const groupId = groupOf(filed[1].id);
  expect(groupId).not.toBeNull();

  const page = await openDesk();
  await login(page, `${AGENCY}.agent1`);
  await deskOnline(page);
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(page.getByTestId('capability-refusal')).toHaveAttribute('data-reason', 'supervisorsOnly');
  await expect(page.getByTestId('mass-screen')).toHaveCount(0);
  await expect(page.getByTestId('view-mass')).toHaveCount(0);

  const agent = await staffSocket(`${AGENCY}.agent1`);
  const caseIds = filed.map((c) => c.id);
  const refusals = [
    await ask(agent, 'massGroups.list', {}),
    await ask(agent, 'mutate', { id: newMutationId(), name: 'case.setMassMaster', args: { caseId: caseIds[0] ?? '' } }),
    await ask(agent, 'mutate', { id: newMutationId(), name: 'bulk.groupReply', args: { caseIds, templateId: 'tpl-national-resolved-en' } }),
  ];
  for (const ack of refusals) expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const supervisor = await staffSocket(`${AGENCY}.supervisor`);
  const { groups } = valueOf(await ask(supervisor, 'massGroups.list', {}));
  expect(groups.find((g) => g.id === groupId)).toMatchObject({ openCount: 2, masterCaseId: null });
  agent.disconnect();
  supervisor.disconnect();
});
