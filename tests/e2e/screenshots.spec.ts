// The main screens in both languages, saved to tests/e2e/screenshots/ for review: inbox, case,
// composer with the template picker, bulk preview, supervisor board, command palette, help.
// Nothing is confirmed: the dialogs are opened, pictured, and closed with Esc.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialog, goToView, selectedCaseId } from './desk-steps';

const SHOTS = 'tests/e2e/screenshots';

async function shoot(page: Page, name: string, language: 'en' | 'ar'): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-${language}.png` });
}

async function tour(page: Page, language: 'en' | 'ar'): Promise<void> {
  await goToView(page, 'i', 'inbox');
  await expect(page.getByTestId('case-row').nth(2)).toBeVisible();
  await shoot(page, 'inbox', language);

  const caseId = await selectedCaseId(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-pane')).toHaveAttribute('data-case-id', caseId);
  await expect(page.getByTestId('thread')).toBeFocused();
  await shoot(page, 'case', language);

  await page.keyboard.press('t');
  await expect(page.getByTestId('template-preview')).toBeVisible();
  await shoot(page, 'composer-templates', language);
  await page.keyboard.press('Escape');
  await expect(dialog(page, 'templates-dialog')).toBeHidden();
  await page.keyboard.press('Escape'); // composer → case
  await page.keyboard.press('Escape'); // case → list

  await page.keyboard.press('x');
  await page.keyboard.press('Shift+J');
  await page.keyboard.press('Shift+J');
  await page.keyboard.press('a');
  await expect(dialog(page, 'assign-dialog')).toBeVisible();
  await page.keyboard.type('housing.agent2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('assign-preview')).toContainText(language === 'ar' ? '٣' : '3');
  await shoot(page, 'bulk-preview', language);
  await page.keyboard.press('Escape');
  await expect(dialog(page, 'assign-dialog')).toBeHidden();
  await page.keyboard.press('Escape'); // clear the picked cases

  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page.getByTestId('supervisor-board')).toHaveAttribute('data-allowed', 'true');
  await expect(page.getByTestId('commitment-chart')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('board-agent').first()).toBeVisible();
  await shoot(page, 'board', language);

  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog').getByRole('textbox')).toBeFocused();
  await shoot(page, 'palette', language);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('Shift+Slash');
  await expect(dialog(page, 'help-overlay')).toBeVisible();
  await shoot(page, 'help', language);
  await page.keyboard.press('Escape');
  await expect(dialog(page, 'help-overlay')).toBeHidden();
}

test('the main screens, pictured in English and in Arabic', async ({ openDesk, login }) => {
  const page = await openDesk();
  await login(page, 'housing.supervisor');
  await tour(page, 'en');

  // Ctrl+K takes the focus into the palette at the first press, both right after the help
  // closed and from the help itself (which it replaces); then the palette switches language.
  const paletteBox = page.getByRole('dialog').getByRole('textbox');
  await page.keyboard.press('Control+k');
  await expect(paletteBox).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Shift+Slash');
  await expect(dialog(page, 'help-overlay')).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(paletteBox).toBeFocused();
  await expect(dialog(page, 'help-overlay')).toBeHidden();
  await page.keyboard.type('Arabic');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await tour(page, 'ar');
});
