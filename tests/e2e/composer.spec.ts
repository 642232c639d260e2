// Writing to a case by keyboard: a reply from a template, an internal note, the stop when a
// colleague replied meanwhile, and who else is on the case. Each test works in its own agency,
// so none depends on what another changed.
import { expect, test } from './fixtures';
import { dialog, displayName, messageWith, openByRef, openFirstCase, outboxEmpty, takeOpenCase } from './desk-steps';

test('a reply from a template (t, type-ahead) goes out with the citizen’s name and the reference filled in', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'npra.agent1');
  const opened = await openFirstCase(page, 'u', 'unassigned');
  await takeOpenCase(page);
  const citizen = ((await page.getByTestId('case-citizen-name').textContent()) ?? '').trim();
  expect(citizen).not.toBe('');

  // `::` while typing opens the picker too; Esc gives the composer back.
  await page.keyboard.press('r');
  await expect(page.getByTestId('composer')).toBeFocused();
  await page.keyboard.type('::');
  await expect(dialog(page, 'templates-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page, 'templates-dialog')).toBeHidden();

  await page.keyboard.press('Escape'); // out of the composer, back to the case
  await page.keyboard.press('t');
  const picker = dialog(page, 'templates-dialog');
  await expect(picker).toBeVisible();
  await page.keyboard.type('ack');
  const preview = page.getByTestId('template-preview');
  await expect(preview).toContainText(citizen);
  await expect(preview).toContainText(opened.ref);
  await expect(preview).not.toContainText('{{');
  await page.screenshot({ path: 'tests/e2e/screenshots/composer-template-en.png' });
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  const composer = page.getByTestId('composer');
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue(new RegExp(opened.ref));

  await page.keyboard.press('Control+Enter');
  await expect(composer).toHaveValue('');
  const sent = messageWith(page, 'reply', opened.ref);
  await expect(sent).toBeVisible();
  await expect(sent).toContainText(citizen);
  await expect(sent).not.toContainText('{{');
  await outboxEmpty(page);
});

test('an internal note (n, Ctrl+Enter) shows as a note, not as a reply', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'labour.agent1');
  await openFirstCase(page, 'i', 'inbox');
  const text = `Checked with the licensing unit ${Date.now()}`;
  await page.keyboard.press('n');
  await expect(page.getByTestId('composer')).toBeFocused();
  await expect(page.getByTestId('composer-panel')).toHaveClass(/composer-note/);
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('composer')).toHaveValue('');
  const note = messageWith(page, 'note', text);
  await expect(note).toBeVisible();
  await expect(note).toHaveClass(/message-note/);
  await expect(note).toContainText('Internal note');
  await expect(messageWith(page, 'reply', text)).toHaveCount(0);
  await outboxEmpty(page);
  await expect(note).toBeVisible();
});

test('a reply written while a colleague answered stops, says what changed, and can be cancelled or sent anyway', async ({ openDesk, login }) => {
  const a = await openDesk();
  await login(a, 'sio.agent1');
  const opened = await openFirstCase(a, 'u', 'unassigned');
  await takeOpenCase(a);

  const b = await openDesk();
  await login(b, 'sio.agent2');
  await openByRef(b, opened.ref, opened.id);

  // A starts writing; B answers the citizen first.
  const mine = `Our reply from A ${Date.now()}`;
  await a.keyboard.press('r');
  await a.keyboard.type(mine);
  const theirs = `B answered first ${Date.now()}`;
  await b.keyboard.press('r');
  await b.keyboard.type(theirs);
  await b.keyboard.press('Control+Enter');
  await outboxEmpty(b);
  await expect(messageWith(a, 'reply', theirs)).toBeVisible({ timeout: 15_000 });

  // Ctrl+Enter stops and says what changed; Esc cancels and keeps the text.
  await a.keyboard.press('Control+Enter');
  const stop = dialog(a, 'collision-dialog');
  await expect(stop).toBeVisible();
  await expect(stop).toContainText('1 new message');
  await a.screenshot({ path: 'tests/e2e/screenshots/collision-en.png' });
  await a.keyboard.press('Escape');
  await expect(stop).toBeHidden();
  await expect(a.getByTestId('composer')).toHaveValue(mine);
  await expect(messageWith(a, 'reply', mine)).toHaveCount(0);

  // B writes again; this time A sends anyway (Ctrl+Enter in the stop dialog).
  const again = `B again ${Date.now()}`;
  await b.keyboard.press('r'); // a send leaves the composer for the thread, so z can undo it
  await b.keyboard.type(again);
  await b.keyboard.press('Control+Enter');
  await expect(messageWith(a, 'reply', again)).toBeVisible({ timeout: 15_000 });
  await a.getByTestId('composer').focus();
  await a.keyboard.press('Control+Enter');
  await expect(stop).toBeVisible();
  await a.keyboard.press('Control+Enter');
  await expect(stop).toBeHidden();
  await expect(messageWith(a, 'reply', mine)).toBeVisible();
  await outboxEmpty(a);
  await expect(messageWith(b, 'reply', mine)).toBeVisible({ timeout: 15_000 });
});

test('a colleague on the same case is shown viewing, then replying', async ({ openDesk, login }) => {
  const a = await openDesk();
  await login(a, 'iga.agent1');
  const opened = await openFirstCase(a, 'i', 'inbox');
  const nameA = await displayName(a);

  const b = await openDesk();
  await login(b, 'iga.agent2');
  await openByRef(b, opened.ref, opened.id);
  const viewers = b.getByTestId('case-viewers');
  // the name is isolated for direction (U+2068 … U+2069) inside the sentence
  await expect(viewers).toContainText(`\u2068${nameA}\u2069 is viewing`, { timeout: 15_000 });
  // …and on the case's row in the list
  const rowPresence = b.locator(`[data-testid="case-row"][data-case-id="${opened.id}"] [data-testid="row-presence"]`);
  await expect(rowPresence).toContainText(`\u2068${nameA.split(' ')[0]}\u2069 viewing`);

  await a.keyboard.press('n'); // a note does not announce replying…
  await a.keyboard.press('Escape');
  await a.keyboard.press('r'); // …a reply being typed does
  await a.keyboard.type('Looking into it');
  await expect(viewers).toContainText(`\u2068${nameA}\u2069 is replying`, { timeout: 15_000 });
  await expect(rowPresence).toContainText(`\u2068${nameA.split(' ')[0]}\u2069 replying`);
  await b.screenshot({ path: 'tests/e2e/screenshots/presence-en.png' });
});
