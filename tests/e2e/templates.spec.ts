// Reply templates managed from the desk: a supervisor creates a pair by keyboard (g t, Shift+N,
// the Arabic and English halves with a live preview, Ctrl+Enter), and an agent of the same
// agency, in another browser context and without reloading, finds it in the composer's `t`
// picker; archived (Delete, Enter), it leaves the agent's picker again. Works in EWA, which no
// other spec touches.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialog, openFirstCase } from './desk-steps';

const CODE = 'ewa-meter-visit';
const AR_TITLE = 'زيارة لفحص العداد';
const EN_TITLE = 'Meter inspection visit';

async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 8; i++) {
    if (await page.evaluate((target) => document.activeElement?.id === target, id)) return;
    await page.keyboard.press('Tab');
  }
  await expect(page.locator(`#${id}`)).toBeFocused();
}

test('a supervisor creates a template by keyboard; an agent of the agency picks it in the composer without reloading', async ({ openDesk, login }) => {
  const agent = await openDesk();
  await login(agent, 'ewa.agent1');
  const opened = await openFirstCase(agent, 'u', 'unassigned');
  const citizen = ((await agent.getByTestId('case-citizen-name').textContent()) ?? '').trim();

  const supervisor = await openDesk();
  await login(supervisor, 'ewa.supervisor');
  await supervisor.keyboard.press('g');
  await supervisor.keyboard.press('t');
  await expect(supervisor.getByTestId('templates-screen')).toHaveAttribute('data-allowed', 'true');
  await expect(supervisor.getByTestId('view-templates')).toHaveAttribute('aria-current', 'page');
  // the national pairs are listed beside the agency's own, read-only for a supervisor
  await expect(supervisor.locator('[data-testid="template-row"][data-code="ack"]')).toHaveAttribute('data-editable', 'false');

  await supervisor.keyboard.press('Shift+N');
  await expect(supervisor.getByTestId('template-editor')).toHaveAttribute('data-new', 'true');
  await expect(supervisor.locator('#template-code')).toBeFocused();
  await supervisor.keyboard.type(CODE);
  await tabTo(supervisor, 'template-ar-title');
  await supervisor.keyboard.type(AR_TITLE);
  await supervisor.keyboard.press('Tab');
  await supervisor.keyboard.type('عزيزي {{citizen.name}}، سيزوركم فريق {{agency.name}} لفحص العداد بخصوص الطلب {{case.ref}}.');
  await supervisor.keyboard.press('Tab');
  await expect(supervisor.locator('#template-en-title')).toBeFocused();
  await supervisor.keyboard.type(EN_TITLE);
  await supervisor.keyboard.press('Tab');
  await supervisor.keyboard.type('Dear {{citizen.name}}, a {{agency.name}} team will inspect your meter about {{case.ref}}.');

  // the previews are filled from a sample case, each in its half's language and direction
  await expect(supervisor.locator('#template-ar-body')).toHaveCSS('direction', 'rtl');
  await expect(supervisor.getByTestId('template-preview-ar')).toHaveAttribute('dir', 'rtl');
  await expect(supervisor.locator('#template-en-body')).toHaveCSS('direction', 'ltr');
  await expect(supervisor.getByTestId('template-preview-ar')).toContainText('فاطمة أحمد');
  await expect(supervisor.getByTestId('template-preview-en')).toContainText('Dear Fatima Ahmed');
  await expect(supervisor.getByTestId('template-preview-en')).toContainText('TW-2026-00012345');
  await expect(supervisor.getByTestId('template-preview-en')).not.toContainText('{{');
  await supervisor.screenshot({ path: 'tests/e2e/screenshots/template-editor-en.png' });

  await supervisor.keyboard.press('Control+Enter');
  await expect(supervisor.getByTestId('template-editor')).toBeHidden();
  const row = supervisor.locator(`[data-testid="template-row"][data-code="${CODE}"]`);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(row).toContainText(AR_TITLE);
  await expect(row).toContainText(EN_TITLE);

  // the agent's desk was told by the server; no reload
  await agent.keyboard.press('t');
  const picker = dialog(agent, 'templates-dialog');
  await expect(picker).toBeVisible();
  await agent.keyboard.type('meter');
  await expect(picker.locator(`[data-option-id="${CODE}"]`)).toBeVisible();
  const preview = agent.getByTestId('template-preview');
  await expect(preview).toContainText(citizen);
  await expect(preview).toContainText(opened.ref);
  await agent.keyboard.press('Escape');
  await expect(picker).toBeHidden();

  // archived after a confirmation, it leaves the agent's picker
  await supervisor.keyboard.press('Delete');
  const confirm = dialog(supervisor, 'template-archive-dialog');
  await expect(confirm).toContainText(CODE);
  await supervisor.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);
  await agent.keyboard.press('Escape');
  await agent.keyboard.press('t');
  await expect(picker).toBeVisible();
  await agent.keyboard.type('meter');
  await expect(picker.locator(`[data-option-id="${CODE}"]`)).toHaveCount(0);
});

test('an agent is told that reply templates are for supervisors', async ({ openDesk, login }) => {
  const agent = await openDesk();
  await login(agent, 'ewa.agent2');
  await agent.keyboard.press('g');
  await agent.keyboard.press('t');
  await expect(agent.getByTestId('templates-denied')).toContainText('managed by supervisors');
});

test('in Arabic the templates screen is mirrored and worded in Arabic', async ({ openDesk, login }) => {
  const supervisor = await openDesk();
  await login(supervisor, 'ewa.supervisor');
  await supervisor.getByTestId('language-toggle').click();
  await expect(supervisor.locator('html')).toHaveAttribute('dir', 'rtl');
  await supervisor.keyboard.press('g');
  await supervisor.keyboard.press('t');
  await expect(supervisor.getByTestId('view-templates')).toHaveText('قوالب الردود');
  await supervisor.keyboard.press('Shift+N');
  await expect(supervisor.getByTestId('template-editor')).toContainText('قالب رد جديد');
  await expect(supervisor.locator('#template-code')).toBeFocused();
  await expect(supervisor.locator('#template-en-body')).toHaveCSS('direction', 'ltr');
  await supervisor.keyboard.type('ewa-ar-check');
  await supervisor.locator('#template-ar-body').fill('عزيزي {{citizen.name}} {{case.lnk}}');
  await expect(supervisor.getByTestId('template-problem')).toHaveText('يحتاج الجزء العربي إلى عنوان ونص.');
  await supervisor.locator('#template-ar-title').fill('تحقق');
  await expect(supervisor.getByTestId('template-problem')).toContainText('case.lnk');
  await expect(supervisor.getByTestId('template-save')).toBeDisabled();
  await supervisor.screenshot({ path: 'tests/e2e/screenshots/template-editor-ar.png' });
  await supervisor.keyboard.press('Escape');
  await expect(supervisor.getByTestId('template-editor')).toBeHidden();
  await expect(supervisor.getByTestId('templates-screen')).toBeVisible();
});
