import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_UNASSIGN_COMPENSATIONS, planCompensation } from '../../../main/core/outbox/undo-rules';
import { describeError, describeFailure, errorKey } from '../../../renderer/src/ui/errors';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import { CASE_STATUSES } from '../../../shared/domain';
import { CodedError, ERROR_CODES } from '../../../shared/errors';
import { makeCase } from '../core/fixtures';

// The renderer words every code of the closed list (shared/errors.ts) in both languages, from
// the code alone: what happened, and the key or action that resolves it.
const lookup = (tree: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

beforeAll(async () => {
  await i18next.init({
    resources: { en: { translation: en }, ar: { translation: ar } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

describe('every error code, in the UI language', () => {
  it('has a text of its own in English and in Arabic, and the Arabic one is Arabic', () => {
    const texts = new Set<string>();
    for (const code of ERROR_CODES) {
      const english = lookup(en, errorKey(code));
      const arabic = lookup(ar, errorKey(code));
      expect(typeof english, `${code} (en)`).toBe('string');
      expect(typeof arabic, `${code} (ar)`).toBe('string');
      expect(String(arabic), code).toMatch(/[\u0600-\u06FF]/);
      texts.add(String(english));
    }
    expect(texts.size).toBe(ERROR_CODES.length);
  });

  it('tells what resolves an illegal step from every status, in both languages', () => {
    for (const status of CASE_STATUSES) {
      expect(typeof lookup(en, `errors.statusHint.${status}`), status).toBe('string');
      expect(typeof lookup(ar, `errors.statusHint.${status}`), status).toBe('string');
    }
  });

  it('teaches the key: replying to a New case says to take it first with I', async () => {
    const refusal = new CodedError('illegal_transition', 'cannot reply to a case that is new', { action: 'reply to', status: 'new' });
    expect(describeError(refusal)).toBe('Not possible while the case is New. Take it first: press I (or A to assign it).');
    await i18next.changeLanguage('ar');
    try {
      const arabic = describeError(refusal);
      expect(arabic).toContain(`«${ar.status.new}»`);
      expect(arabic).toContain('اضغط I');
    } finally {
      await i18next.changeLanguage('en');
    }
  });

  it('goes by the code and its details, never by the English message', () => {
    const one = describeFailure('changed_since', 'whatever the core said', { ref: 'TW-2026-00000042' });
    const other = describeFailure('changed_since', 'reworded entirely', { ref: 'TW-2026-00000042' });
    expect(one).toBe(other);
    expect(one).toContain('TW-2026-00000042');
    expect(describeFailure('window_passed', 'too late', { seconds: '10' })).toBe('The 10 s undo window has passed.');
  });

  it('words the core’s own undo refusals from their codes, with their details', () => {
    const c = makeCase(1, { outcome: null });
    const many = Array.from({ length: MAX_UNASSIGN_COMPENSATIONS + 1 }, (_, i) => makeCase(100 + i, { assigneeId: null }));
    const plans = [
      planCompensation('case.reply', { caseId: c.id, body: 'x' }, new Map([[c.id, c]])),
      planCompensation('bulk.assign', { caseIds: many.map((m) => m.id), assigneeIds: ['x'] }, new Map(many.map((m) => [m.id, m]))),
    ];
    const words = plans.map((plan) => {
      if (plan.ok) throw new Error('expected a refusal');
      return describeFailure(plan.code, plan.reason, plan.params);
    });
    expect(words[0]).toBe(en.errors.not_reversible);
    expect(words[1]).toContain(`at most ${MAX_UNASSIGN_COMPENSATIONS} can be unassigned`);
  });

  it('says a failure that carries no code as such, with its message', () => {
    expect(describeError(new Error('disk full'))).toBe('Something went wrong: disk full');
  });
});
