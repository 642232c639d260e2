import { describe, expect, it } from 'vitest';
import { MAX_UNASSIGN_COMPENSATIONS, planCompensation } from '../../../main/core/outbox/undo-rules';
import { UNDO_REFUSAL_KEYS, undoRefusal } from '../../../renderer/src/actions/undo-reasons';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import type { ErrorCode } from '../../../shared/errors';

const UNDO_REFUSAL_CODES: ErrorCode[] = [
  'in_flight', 'not_reversible', 'gone', 'window_passed', 'before_unknown',
  'case_left', 'changed_since', 'outcome_not_clearable', 'too_many_unassigned',
];
import { makeCase } from '../core/fixtures';

const lookup = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe('why an undo was refused, in the UI language', () => {
  it('words the core’s own refusals from their codes, with their details', () => {
    const c = makeCase(1, { outcome: null });
    const noOutcome = planCompensation('case.setOutcome', { caseId: c.id, outcome: 'accepted' }, new Map([[c.id, c]]));
    const notAfterSend = planCompensation('case.reply', { caseId: c.id, body: 'x' }, new Map([[c.id, c]]));
    const many = Array.from({ length: MAX_UNASSIGN_COMPENSATIONS + 1 }, (_, i) => makeCase(100 + i, { assigneeId: null }));
    const tooMany = planCompensation('bulk.assign', { caseIds: many.map((m) => m.id), assigneeIds: ['x'] }, new Map(many.map((m) => [m.id, m])));
    const refusals = [noOutcome, notAfterSend, tooMany].map((plan) => {
      if (plan.ok) throw new Error('expected a refusal');
      return undoRefusal(plan);
    });
    expect(refusals.map((r) => r.key)).toEqual(['undo.reason.outcomeNotClearable', 'undo.reason.cannotAfterSend', 'undo.reason.tooManyUnassigned']);
    expect(refusals[2].params).toEqual({ n: String(MAX_UNASSIGN_COMPENSATIONS + 1), max: String(MAX_UNASSIGN_COMPENSATIONS) });
  });

  it('goes by the code, not the English words', () => {
    const reason = 'case TW-2026-00000042 was changed by someone else since; undoing would overwrite that change';
    expect(undoRefusal({ code: 'changed_since', reason, params: { ref: 'TW-2026-00000042' } })).toEqual({
      key: 'undo.reason.changedSince', params: { ref: 'TW-2026-00000042' },
    });
    // reworded in the core: still the same message
    expect(undoRefusal({ code: 'window_passed', reason: 'too late', params: { seconds: '10' } })).toEqual({ key: 'undo.reason.windowPassed', params: { seconds: '10' } });
    expect(undoRefusal({ code: 'in_flight', reason: '' })).toEqual({ key: 'undo.reason.inFlight', params: {} });
  });

  it('shows a refusal with a code it does not know in the core’s words rather than hiding it', () => {
    expect(undoRefusal({ code: 'moon' as ErrorCode, reason: 'the moon is in the way' })).toEqual({ key: 'undo.reason.other', params: { reason: 'the moon is in the way' } });
  });

  it('has a distinct message for every code, in both catalogues, naming what the code carries', () => {
    const keys = UNDO_REFUSAL_CODES.map((code) => UNDO_REFUSAL_KEYS[code] ?? code);
    expect(new Set(keys).size).toBe(UNDO_REFUSAL_CODES.length);
    for (const key of [...keys, 'undo.reason.other']) {
      expect(typeof lookup(en, key), key).toBe('string');
      expect(typeof lookup(ar, key), key).toBe('string');
    }
    const placeholders = (key: string, tree: unknown) => [...String(lookup(tree, key)).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    expect(placeholders(UNDO_REFUSAL_KEYS.changed_since ?? "", en)).toEqual(['ref']);
    expect(placeholders(UNDO_REFUSAL_KEYS.window_passed ?? "", ar)).toEqual(['seconds']);
    expect(placeholders(UNDO_REFUSAL_KEYS.too_many_unassigned ?? "", ar)).toEqual(['max', 'n']);
  });
});
