// The desk offers nobody what the server would refuse them (shared/capabilities.ts), and a
// refused action never loses what the user typed.
import { io } from 'socket.io-client';
import type { Ack, MutateResult } from '../../shared/protocol';
import { DEMO_PASSWORD, expect, test } from './fixtures';
import { dialog, goToView, messageWith, openFirstCase, outboxEmpty, selectedCaseId, takeOpenCase } from './desk-steps';

test('the call centre is not offered reply, assign or transfer: keys say why, the palette and help show them unavailable, the composer writes notes only', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'callcentre.agent1');
  await goToView(page, 'i', 'inbox');
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  await selectedCaseId(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('thread')).toBeFocused();

  // the composer has no Reply: notes only
  await expect(page.getByTestId('composer-note-only')).toBeVisible();
  await expect(page.getByTestId('composer-mode')).toHaveCount(0);
  await expect(page.getByTestId('composer')).toHaveAttribute('placeholder', /note/i);

  for (const key of ['r', 'a', 'Shift+T', 't']) {
    await page.keyboard.press(key);
    const refusal = page.getByTestId('capability-refusal').last();
    await expect(refusal).toBeVisible();
    await expect(refusal).toHaveAttribute('data-reason', 'callCentre');
    await expect(refusal).toContainText('the agency replies, assigns and transfers');
    await expect(page.getByTestId('thread')).toBeFocused();
  }
  await expect(page.getByTestId('assign-dialog')).toHaveCount(0);
  await expect(page.getByTestId('transfer-dialog')).toHaveCount(0);
  await expect(page.getByTestId('templates-dialog')).toHaveCount(0);

  // the palette lists them disabled, with the reason; a note is still offered
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Reply');
  const reply = page.locator('.mantine-Spotlight-action', { hasText: 'Reply' }).first();
  await expect(reply).toBeDisabled();
  await expect(reply).toContainText('Not for you');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Transfer');
  await expect(page.locator('.mantine-Spotlight-action', { hasText: 'Transfer' }).first()).toBeDisabled();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('note');
  await expect(page.locator('.mantine-Spotlight-action', { hasText: /note/i }).first()).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(page.locator('.mantine-Spotlight-action')).toHaveCount(0);

  // the help strikes them through and says why
  await page.keyboard.press('Shift+Slash');
  const help = page.getByTestId('help-overlay');
  for (const id of ['reply', 'assign', 'transfer']) {
    await expect(help.locator(`[data-shortcut="${id}"]`)).toHaveAttribute('data-denied', 'callCentre');
  }
  await expect(help.locator('[data-shortcut="note"]')).not.toHaveAttribute('data-denied', /.+/);
  await expect(help.locator('[data-shortcut="newCase"]')).not.toHaveAttribute('data-denied', /.+/);
});

test('a reply the server refuses comes back to the composer, told why', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'nhra.agent1');
  const opened = await openFirstCase(page, 'u', 'unassigned');
  await takeOpenCase(page);

  // a colleague's change, straight to the server, lands while the reply waits for its undo window
  const serverUrl = process.env.TAWASUL_E2E_SERVER_URL ?? '';
  const response = await fetch(`${serverUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'nhra.supervisor', password: DEMO_PASSWORD }),
  });
  const { token } = (await response.json()) as { token: string };
  const supervisor = io(serverUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    supervisor.once('connect', resolve);
    supervisor.once('connect_error', reject);
  });

  const mine = `A reply that will be refused ${Date.now()}`;
  await page.keyboard.press('r');
  await expect(page.getByTestId('composer')).toBeFocused();
  await page.keyboard.type(mine);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('composer')).toHaveValue('');
  const ack = await new Promise<Ack<MutateResult>>((resolve) => {
    supervisor.emit('mutate', { id: `e2e-${Date.now()}-priority`, name: 'case.setPriority', args: { caseId: opened.id, priority: 'urgent' } }, resolve);
  });
  expect(ack.ok).toBe(true);
  supervisor.disconnect();

  // the server refuses the reply written on the older version; the words are back, and why
  await expect(page.getByTestId('mutation-rejected')).toHaveAttribute('data-code', 'conflict', { timeout: 20_000 });
  await expect(page.getByTestId('composer-restored')).toBeVisible();
  await expect(page.getByTestId('composer')).toHaveValue(mine);
  await expect(messageWith(page, 'reply', mine)).toHaveCount(0);
  await outboxEmpty(page);
  await expect(dialog(page, 'collision-dialog')).toHaveCount(0);
});
