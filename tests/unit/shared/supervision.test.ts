// The rules the board previews with and the server applies: auto-assignment's pick and the
// leave cover's plan.
import { describe, expect, it } from 'vitest';
import type { AssignCandidate } from '../../../shared/supervision';
import { onLeaveAt, pickAutoAssignee, planCover } from '../../../shared/supervision';

const agent = (id: string, open: number, capacity = 40, languages: AssignCandidate['languages'] = ['ar', 'en']): AssignCandidate => ({ id, open, capacity, languages });

describe('auto-assignment', () => {
  it('off assigns nobody; least-loaded picks the most room left; nobody under capacity leaves the case unassigned', () => {
    const team = [agent('a', 10), agent('b', 3), agent('c', 39, 40)];
    expect(pickAutoAssignee('off', team, 'en', null)).toBeNull();
    expect(pickAutoAssignee('least_loaded', team, 'en', null)).toBe('b');
    expect(pickAutoAssignee('least_loaded', [agent('a', 40), agent('b', 55)], 'en', null)).toBeNull();
  });

  it('round-robin follows the last one given a case, wrapping round, and skips anyone full', () => {
    const team = [agent('a', 0), agent('b', 0), agent('c', 40)];
    expect(pickAutoAssignee('round_robin', team, 'en', null)).toBe('a');
    expect(pickAutoAssignee('round_robin', team, 'en', 'a')).toBe('b');
    expect(pickAutoAssignee('round_robin', team, 'en', 'b')).toBe('a');
  });

  it("prefers someone who speaks the citizen's language when one has room", () => {
    const team = [agent('a', 0, 40, ['en']), agent('b', 20, 40, ['ar'])];
    expect(pickAutoAssignee('least_loaded', team, 'ar', null)).toBe('b');
    expect(pickAutoAssignee('least_loaded', [agent('a', 0, 40, ['en']), agent('b', 40, 40, ['ar'])], 'ar', null)).toBe('a');
  });

  it('a leave counts from its start up to (not including) its end', () => {
    expect(onLeaveAt({ from: 10, to: 20 }, 10)).toBe(true);
    expect(onLeaveAt({ from: 10, to: 20 }, 20)).toBe(false);
    expect(onLeaveAt(null, 15)).toBe(false);
  });
});

describe('leave cover', () => {
  it('spreads 200 cases by remaining room: the emptier colleague gets more, every case exactly once', () => {
    const cases = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, language: 'en' as const }));
    const plan = planCover(cases, [agent('a', 0), agent('b', 20), agent('c', 40)]);
    expect(plan.caseIds).toEqual(cases.map((c) => c.id));
    expect(plan.shares.map((s) => s.count).reduce((x, y) => x + y, 0)).toBe(200);
    // equal loads at the end, within one: 0+x = 20+y = 40+z, x+y+z = 200
    const after = plan.shares.map((s) => s.openAfter);
    expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
    expect(plan.shares.map((s) => s.count)).toEqual([87, 67, 46]);
    for (const s of plan.shares) expect(plan.assigneeIds.filter((id) => id === s.id)).toHaveLength(s.count);
  });

  it("gives Arabic cases to Arabic speakers while any is chosen; nobody chosen plans nothing", () => {
    const plan = planCover([{ id: 'x', language: 'ar' }, { id: 'y', language: 'en' }], [agent('en-only', 0, 40, ['en']), agent('ar', 30, 40, ['ar'])]);
    expect(plan.assigneeIds).toEqual(['ar', 'en-only']);
    expect(planCover([{ id: 'x', language: 'ar' }], []).caseIds).toEqual([]);
  });
});
