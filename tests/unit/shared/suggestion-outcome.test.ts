// A suggestion's outcome moves only forward: under study → accepted → implemented, or declined
// (with a reason) from under study or accepted; implemented and declined are final.
import { describe, expect, it } from 'vitest';
import { capability } from '../../../shared/capabilities';
import { SUGGESTION_OUTCOMES } from '../../../shared/domain';
import type { SuggestionOutcome } from '../../../shared/domain';
import { decide, nextOutcomes } from '../../../shared/lifecycle';
import { parseMutationArgs, toCaseCommand } from '../../../shared/mutations';
import { T0, makeCase } from './case-fixture';

const ctx = { now: T0 + 3_600_000, actorId: 'sup-1' };
const suggestion = (outcome: SuggestionOutcome | null) => makeCase({ kind: 'suggestion', outcome });
const set = (from: SuggestionOutcome | null, to: SuggestionOutcome, reason = '') => decide(suggestion(from), { type: 'setOutcome', outcome: to, reason }, ctx);

/** every step the rules allow, written out independently of OUTCOME_NEXT */
const ALLOWED: [SuggestionOutcome | null, SuggestionOutcome][] = [
  [null, 'under_study'],
  [null, 'accepted'],
  [null, 'declined'],
  ['under_study', 'accepted'],
  ['under_study', 'declined'],
  ['accepted', 'implemented'],
  ['accepted', 'declined'],
];

describe("a suggestion's outcome", () => {
  it('takes exactly the allowed steps and refuses every other one with outcome_transition', () => {
    for (const from of [null, ...SUGGESTION_OUTCOMES]) {
      for (const to of SUGGESTION_OUTCOMES) {
        const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
        const decision = set(from, to, 'not feasible this year');
        if (allowed) {
          expect(decision, `${from} → ${to}`).toMatchObject({ ok: true, patch: { outcome: to } });
        } else {
          expect(decision, `${from} → ${to}`).toMatchObject({ ok: false, code: 'outcome_transition', params: { from: from ?? 'none', to } });
        }
      }
    }
  });

  it('walks under study → accepted → implemented, then stays implemented', () => {
    let c = suggestion(null);
    for (const outcome of ['under_study', 'accepted', 'implemented'] as const) {
      const d = decide(c, { type: 'setOutcome', outcome, reason: '' }, ctx);
      if (!d.ok) throw new Error(d.code);
      c = { ...c, ...d.patch };
    }
    expect(c.outcome).toBe('implemented');
    expect(nextOutcomes(c.outcome)).toEqual([]);
  });

  it('refuses a decline without a reason, and records the reason of one with it', () => {
    expect(set('under_study', 'declined')).toMatchObject({ ok: false, code: 'outcome_needs_reason' });
    expect(set('accepted', 'declined', '   ')).toMatchObject({ ok: false, code: 'outcome_needs_reason' });
    const d = set('accepted', 'declined', '  Beyond the ministry’s budget  ');
    expect(d).toMatchObject({
      ok: true,
      patch: { outcome: 'declined' },
      messages: [{ kind: 'event', author: 'sup-1', body: 'outcome_set', meta: { outcome: 'declined', reason: 'Beyond the ministry’s budget' } }],
    });
  });

  it('is an event without a reason when none is given', () => {
    expect(set('under_study', 'accepted')).toMatchObject({ ok: true, messages: [{ meta: { outcome: 'accepted' } }] });
  });

  it('is for suggestions only', () => {
    expect(decide(makeCase({ kind: 'complaint' }), { type: 'setOutcome', outcome: 'accepted', reason: '' }, ctx)).toMatchObject({ ok: false, code: 'not_a_suggestion' });
  });

  it('carries the reason from the mutation to the command, trimmed, empty by default', () => {
    const parsed = parseMutationArgs('case.setOutcome', { caseId: 'c1', outcome: 'declined', reason: ' no ' });
    if (!parsed.success) throw parsed.error;
    expect(toCaseCommand('case.setOutcome', parsed.data, 'sup-1')).toEqual({ type: 'setOutcome', outcome: 'declined', reason: 'no' });
    const bare = parseMutationArgs('case.setOutcome', { caseId: 'c1', outcome: 'accepted' });
    expect(bare.success && bare.data.reason).toBe('');
  });

  it('is settable by supervisors and admins only', () => {
    const as = (role: 'agent' | 'callcentre' | 'supervisor' | 'admin') => capability({ role, active: true }, 'case.setOutcome');
    expect(as('supervisor')).toEqual({ allowed: true });
    expect(as('admin')).toEqual({ allowed: true });
    expect(as('agent')).toEqual({ allowed: false, reason: 'supervisorsOnly' });
    expect(as('callcentre')).toEqual({ allowed: false, reason: 'callCentre' });
  });
});
