import { describe, expect, it } from 'vitest';
import { MAX_UNASSIGN_COMPENSATIONS, planCompensation } from '../../../main/core/outbox/undo-rules';
import { undoRefusal } from '../../../renderer/src/actions/undo-reasons';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import { makeCase } from '../core/fixtures';

const lookup = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe('why an undo was refused, in the UI language', () => {
  it('reads the core’s own refusals as catalogue keys with their details', () => {
    const c = makeCase(1, { outcome: null });
    const noOutcome = planCompensation('case.setOutcome', { caseId: c.id, outcome: 'accepted' }, new Map([[c.id, c]]));
    const notAfterSend = planCompensation('case.reply', { caseId: c.id, body: 'x' }, new Map([[c.id, c]]));
    const many = Array.from({ length: MAX_UNASSIGN_COMPENSATIONS + 1 }, (_, i) => makeCase(100 + i, { assigneeId: null }));
    const tooMany = planCompensation('bulk.assign', { caseIds: many.map((m) => m.id), assigneeIds: ['x'] }, new Map(many.map((m) => [m.id, m])));
    const reasons = [noOutcome, notAfterSend, tooMany].map((plan) => (plan.ok ? '' : plan.reason));
    expect(reasons.map((r) => undoRefusal(r).key)).toEqual(['undo.reason.outcomeNotClearable', 'undo.reason.cannotAfterSend', 'undo.reason.tooManyUnassigned']);
    expect(undoRefusal(reasons[2]).params).toEqual({ n: String(MAX_UNASSIGN_COMPENSATIONS + 1), max: String(MAX_UNASSIGN_COMPENSATIONS) });
  });

  it('keeps the reference of a case someone else changed, and the window that passed', () => {
    expect(undoRefusal('case TW-2026-00000042 was changed by someone else since; undoing would overwrite that change')).toEqual({
      key: 'undo.reason.changedSince', params: { ref: 'TW-2026-00000042' },
    });
    expect(undoRefusal('the undo window of 10 s has passed')).toEqual({ key: 'undo.reason.windowPassed', params: { seconds: '10' } });
    expect(undoRefusal('it has been sent and the server has not answered yet; try again when it has').key).toBe('undo.reason.inFlight');
  });

  it('shows a reason it does not know in the core’s words rather than hiding it', () => {
    expect(undoRefusal('the moon is in the way')).toEqual({ key: 'undo.reason.other', params: { reason: 'the moon is in the way' } });
  });

  it('has every key it can answer in both catalogues', () => {
    for (const reason of ['inFlight', 'gone', 'windowPassed', 'unknownBefore', 'caseLeft', 'changedSince', 'outcomeNotClearable', 'tooManyUnassigned', 'cannotAfterSend', 'other']) {
      expect(typeof lookup(en, `undo.reason.${reason}`)).toBe('string');
      expect(typeof lookup(ar, `undo.reason.${reason}`)).toBe('string');
    }
  });
});
