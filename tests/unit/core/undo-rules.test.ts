import { describe, expect, it } from 'vitest';
import { MAX_UNASSIGN_COMPENSATIONS, heldForUndoWindow, planCompensation } from '../../../main/core/outbox/undo-rules';
import type { Case } from '../../../shared/domain';
import { OTHER, SELF, makeCase } from './fixtures';

const before = (cases: Case[]) => new Map(cases.map((c) => [c.id, c]));

describe('undo rules', () => {
  it('holds what cannot be taken back and sends the rest soon', () => {
    for (const name of ['case.reply', 'case.ask', 'bulk.reply', 'case.transfer', 'case.start', 'case.markAnswered', 'case.close', 'bulk.setStatus', 'case.note'] as const) {
      expect(heldForUndoWindow(name)).toBe(true);
    }
    for (const name of ['case.assign', 'case.take', 'case.setPriority', 'case.tag', 'bulk.assign', 'bulk.tag'] as const) {
      expect(heldForUndoWindow(name)).toBe(false);
    }
  });

  it('assigns a taken case back, or unassigns it', () => {
    const c = makeCase(1, { assigneeId: OTHER });
    expect(planCompensation('case.take', { caseId: c.id }, before([c]))).toEqual({
      ok: true, mutations: [{ name: 'case.assign', args: { caseId: c.id, assigneeId: OTHER } }],
    });
  });

  it('inverts tags only where they changed something', () => {
    const c = makeCase(2, { tags: ['vip', 'old'] });
    expect(planCompensation('case.tag', { caseId: c.id, add: ['vip', 'new'], remove: ['old', 'absent'] }, before([c]))).toEqual({
      ok: true, mutations: [{ name: 'case.tag', args: { caseId: c.id, add: ['old'], remove: ['new'] } }],
    });
  });

  it("holds a suggestion's outcome for the window: its steps only go forward, so it has no inverse", () => {
    expect(heldForUndoWindow('case.setOutcome')).toBe(true);
    const c = makeCase(5, { kind: 'suggestion', outcome: 'accepted' });
    expect(planCompensation('case.setOutcome', { caseId: c.id, outcome: 'implemented', reason: '' }, before([c]))).toMatchObject({ ok: false, code: 'not_reversible' });
  });

  it('groups a bulk assign back per previous assignee, unassigns one by one, and caps that', () => {
    const cases = [makeCase(1, { assigneeId: SELF }), makeCase(2, { assigneeId: OTHER }), makeCase(3, { assigneeId: SELF }), makeCase(4, { assigneeId: null })];
    const plan = planCompensation('bulk.assign', { caseIds: cases.map((c) => c.id), assigneeIds: ['x'] }, before(cases));
    expect(plan).toEqual({
      ok: true,
      mutations: [
        { name: 'bulk.assign', args: { caseIds: [cases[0].id, cases[2].id], assigneeIds: [SELF] } },
        { name: 'bulk.assign', args: { caseIds: [cases[1].id], assigneeIds: [OTHER] } },
        { name: 'case.assign', args: { caseId: cases[3].id, assigneeId: null } },
      ],
    });
    const many = Array.from({ length: MAX_UNASSIGN_COMPENSATIONS + 1 }, (_, n) => makeCase(n, { assigneeId: null }));
    const refused = planCompensation('bulk.assign', { caseIds: many.map((c) => c.id), assigneeIds: ['x'] }, before(many));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/201/);
  });

  it('groups a bulk priority back per previous priority, and a bulk tag per inverse', () => {
    const cases = [makeCase(1, { priority: 'high', tags: [] }), makeCase(2, { priority: 'normal', tags: ['a'] }), makeCase(3, { priority: 'high', tags: [] })];
    const ids = cases.map((c) => c.id);
    expect(planCompensation('bulk.setPriority', { caseIds: ids, priority: 'urgent' }, before(cases))).toEqual({
      ok: true,
      mutations: [
        { name: 'bulk.setPriority', args: { caseIds: [ids[0], ids[2]], priority: 'high' } },
        { name: 'bulk.setPriority', args: { caseIds: [ids[1]], priority: 'normal' } },
      ],
    });
    expect(planCompensation('bulk.tag', { caseIds: ids, add: ['a'], remove: [] }, before(cases))).toEqual({
      ok: true, mutations: [{ name: 'bulk.tag', args: { caseIds: [ids[0], ids[2]], add: [], remove: ['a'] } }],
    });
  });
});
