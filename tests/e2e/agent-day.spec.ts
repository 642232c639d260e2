// An agent's day without surprises (issue 13): an empty send says so, `z` right after a send
// undoes it, a note does not carry over to the next case, the call centre sees each case's
// agency, colleagues are named in Arabic with names isolated for direction, and the page loads
// without a CSP error. Each test works in agencies no other spec touches.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskOnline, goToView, messageWith, openFirstCase, outboxEmpty, searchFor, takeOpenCase } from './desk-steps';

const ARABIC_LETTER = /[\u0600-\u06FF]/;
const LATIN_LETTER = /[A-Za-z]/;
const FSI = '\u2068';
const PDI = '\u2069';

/** The palette's "Arabic"/"English" command: the language switches at run time. */
async function switchLanguage(page: Page, to: 'ar' | 'en'): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog').getByRole('textbox')).toBeFocused();
  await page.keyboard.type(to === 'ar' ? 'Arabic' : 'English');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

const WORDS = {
  en: { emptyReply: 'Nothing to send yet', emptyNote: 'Nothing to add yet', dropped: 'never left this desk' },
  ar: { emptyReply: 'لا شيء للإرسال بعد', emptyNote: 'لا شيء لإضافته بعد', dropped: 'لم يغادر هذا المكتب' },
} as const;

for (const language of ['en', 'ar'] as const) {
  test(`[${language}] an empty send says what to do, z right after Ctrl+Enter undoes the reply, a note does not carry to the next case`, async ({ openDesk, login }) => {
    const page = await openDesk();
    await login(page, language === 'en' ? 'lmra.agent1' : 'lmra.agent2');
    if (language === 'ar') await switchLanguage(page, 'ar');
    const words = WORDS[language];
    const opened = await openFirstCase(page, 'u', 'unassigned');
    await takeOpenCase(page);

    // 1. Ctrl+Enter on an empty reply: said under the field, the focus stays there.
    const composer = page.getByTestId('composer');
    await page.keyboard.press('r');
    await expect(composer).toBeFocused();
    await page.keyboard.press('Control+Enter');
    const hint = page.getByTestId('composer-empty');
    await expect(hint).toBeVisible();
    await expect(hint).toContainText(words.emptyReply);
    await expect(hint).toHaveAttribute('role', 'alert');
    await expect(composer).toHaveAttribute('aria-invalid', 'true');
    await expect(composer).toBeFocused();
    await expect(page.getByTestId('composer-send')).toBeEnabled();
    await page.keyboard.type('x');
    await expect(hint).toBeHidden();
    await page.keyboard.press('Backspace');

    // 2. `z` at once after Ctrl+Enter undoes the reply; no "z" is typed anywhere.
    const reply = `Reply taken back at once ${Date.now()}`;
    await page.keyboard.type(reply);
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('z');
    await expect(page.getByTestId('thread')).toBeFocused();
    await expect(page.getByTestId('undo-result')).toHaveAttribute('data-how', 'dropped');
    await expect(page.getByTestId('undo-result')).toContainText(words.dropped);
    await expect(composer).toHaveValue(reply);
    await expect(messageWith(page, 'reply', reply)).toHaveCount(0);
    await outboxEmpty(page);

    // 6. A note written on this case; the next case opens in reply mode.
    await page.keyboard.press('n');
    await expect(page.getByTestId('composer-panel')).toHaveClass(/composer-note/);
    await page.keyboard.press('Control+Enter');
    await expect(hint).toContainText(words.emptyNote);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('thread')).toBeFocused();
    await page.keyboard.press('j');
    await expect(page.getByTestId('case-pane')).not.toHaveAttribute('data-case-id', opened.id);
    await expect(page.getByTestId('composer-panel')).toHaveClass(/composer-reply/);
    await expect(hint).toBeHidden();
  });
}

test('the call centre finds a caller’s cases with the agency on each row, named in the UI language', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'callcentre.agent1');
  await deskOnline(page);
  await goToView(page, 'i', 'inbox');
  const rows = page.getByTestId('case-row');
  await expect(rows.nth(5)).toBeVisible();
  const agencies = async () => {
    const seen = new Map<string, string>();
    for (const row of await rows.all()) {
      const agency = row.getByTestId('row-agency');
      await expect(agency).toBeVisible();
      seen.set((await agency.getAttribute('data-agency-id')) ?? '', ((await agency.textContent()) ?? '').trim());
    }
    return seen;
  };
  const inEnglish = await agencies();
  expect(inEnglish.size).toBeGreaterThan(1);
  for (const name of inEnglish.values()) expect(name).toMatch(/^[A-Z]/);

  // a search, as a caller's reference or name is looked up: every result says where it is
  const someRef = ((await rows.first().locator('.row-ref').textContent()) ?? '').trim();
  await searchFor(page, someRef.slice(0, 7)); // "TW-2026": many cases at many agencies
  await expect(page.getByTestId('search-banner')).toBeVisible();
  await expect(rows.first().getByTestId('row-agency')).toBeVisible();
  await page.keyboard.press('Escape');

  await switchLanguage(page, 'ar');
  const inArabic = await agencies();
  for (const name of inArabic.values()) {
    expect(name).toMatch(ARABIC_LETTER);
    expect(name).not.toMatch(LATIN_LETTER);
  }
});

test('in Arabic, colleagues are named in Arabic and each name in an event line is isolated for direction', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'moic.agent1');
  await switchLanguage(page, 'ar');
  const me = ((await page.getByTestId('user-menu').textContent()) ?? '').trim();
  expect(me).toMatch(ARABIC_LETTER);
  expect(me).not.toMatch(LATIN_LETTER);

  await openFirstCase(page, 'u', 'unassigned');
  await takeOpenCase(page); // the assignee shows as the user menu does: in Arabic
  const event = page.locator('[data-testid="message"][data-kind="event"]').filter({ hasText: 'أسند' }).last();
  await expect(event).toBeVisible();
  const line = (await event.textContent()) ?? '';
  expect(line).toContain(`${FSI}${me}${PDI}`);
  expect(line.split('·')[0]).not.toMatch(LATIN_LETTER);
  await expect(page.getByTestId('case-agency')).toHaveText(/وزارة|هيئة|مجلس|جهاز|مؤسسة|ديوان|بلدية|بنك|مكتب|جامعة|شركة|صندوق|إدارة|الإدارة|المجلس/);

  // and in English the same line names them in English
  await switchLanguage(page, 'en');
  const english = ((await page.getByTestId('user-menu').textContent()) ?? '').trim();
  expect(english).toMatch(/^[A-Z][a-z]+ Al-[A-Z]/);
  await expect(page.locator('[data-testid="message"][data-kind="event"]').filter({ hasText: `assigned the case to ${FSI}${english}${PDI}` }).last()).toBeVisible();
});

test('the desk loads, signs in and opens a case without a Content-Security-Policy violation', async ({ openDesk, login }) => {
  const page = await openDesk();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
    });
  });
  await page.reload();
  await login(page, 'moic.agent2');
  await openFirstCase(page, 'i', 'inbox');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('case-list')).toBeFocused();
  expect(violations).toEqual([]);
});
