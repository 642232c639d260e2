import { describe, expect, it } from 'vitest';
import { ALLOWED_FROM, RATING_WINDOW_MS, decide } from '../../../shared/lifecycle';
import type { CaseCommand, Decision } from '../../../shared/lifecycle';
import { CASE_STATUSES } from '../../../shared/domain';
import type { CaseStatus } from '../../../shared/domain';
import { T0, makeCase } from './case-fixture';

const ctx = { now: T0 + 3_600_000, actorId: 'staff-7' };

function ok(decision: Decision) {
  if (!decision.ok) throw new Error(`refused: ${decision.code} ${decision.message}`);
  return decision;
}

describe('the case lifecycle', () => {
  it('walks the happy path new → assigned → in progress → answered → closed', () => {
    let c = makeCase();
    const steps: [CaseCommand, CaseStatus][] = [
      [{ type: 'assign', assigneeId: 'staff-7' }, 'assigned'],
      [{ type: 'start' }, 'in_progress'],
      [{ type: 'reply', body: 'We sent a team.', final: true }, 'answered'],
      [{ type: 'close' }, 'closed'],
    ];
    for (const [command, status] of steps) {
      const d = ok(decide(c, command, ctx));
      c = { ...c, ...d.patch };
      expect(c.status).toBe(status);
    }
    expect(c.version).toBe(5);
    expect(c.firstRespondedAt).toBe(ctx.now);
    expect(c.answeredAt).toBe(ctx.now);
    expect(c.closedAt).toBe(ctx.now);
    expect(c.acknowledgedAt).toBe(ctx.now);
  });

  it('asks the citizen and returns to work when the citizen replies', () => {
    const c = makeCase({ status: 'in_progress', assigneeId: 'staff-7' });
    const asked = ok(decide(c, { type: 'ask', body: 'Which block?' }, ctx));
    expect(asked.patch.status).toBe('awaiting_citizen');
    expect(asked.messages.map((m) => m.kind)).toEqual(['reply', 'event']);
    const replied = ok(decide({ ...c, ...asked.patch }, { type: 'citizenMessage', body: 'Block 4' }, ctx));
    expect(replied.patch.status).toBe('in_progress');
    expect(replied.messages[0]).toMatchObject({ kind: 'citizen', author: 'citizen' });
  });

  it('refuses every status-changing command from a status the diagram does not allow, saying why', () => {
    const commands: [keyof typeof ALLOWED_FROM, CaseCommand][] = [
      ['assign', { type: 'assign', assigneeId: 'staff-7' }],
      ['start', { type: 'start' }],
      ['ask', { type: 'ask', body: 'q' }],
      ['reply', { type: 'reply', body: 'r', final: false }],
      ['markAnswered', { type: 'markAnswered' }],
      ['close', { type: 'close' }],
      ['reopen', { type: 'reopen', reason: 'not solved' }],
      ['rate', { type: 'rate', rating: 4 }],
      ['transfer', { type: 'transfer', toAgencyId: 'works', reason: 'wrong_agency', note: '' }],
    ];
    for (const [name, command] of commands) {
      for (const status of CASE_STATUSES) {
        const c = makeCase({ status, assigneeId: 'staff-7', firstRespondedAt: T0, answeredAt: T0 });
        const d = decide(c, command, ctx);
        if (ALLOWED_FROM[name].includes(status)) {
          expect(d.ok, `${name} from ${status}`).toBe(true);
        } else {
          expect(d, `${name} from ${status}`).toMatchObject({ ok: false, code: 'illegal_transition', params: { status } });
          if (!d.ok) expect(d.message).toContain(status.replace('_', ' '));
        }
      }
    }
  });

  it('will not start an unassigned case nor mark answered a case nobody replied to', () => {
    expect(decide(makeCase({ status: 'reopened' }), { type: 'start' }, ctx)).toMatchObject({ ok: false, code: 'needs_assignee' });
    expect(decide(makeCase({ status: 'in_progress', assigneeId: 'a' }), { type: 'markAnswered' }, ctx)).toMatchObject({
      ok: false,
      code: 'needs_reply',
    });
  });

  it('unassigning an assigned case puts it back to new', () => {
    const d = ok(decide(makeCase({ status: 'assigned', assigneeId: 'a' }), { type: 'assign', assigneeId: null }, ctx));
    expect(d.patch).toMatchObject({ status: 'new', assigneeId: null });
  });

  it('reopens an answered case, and escalates on the second reopen', () => {
    const first = ok(decide(makeCase({ status: 'answered', answeredAt: T0 }), { type: 'reopen', reason: 'still leaking' }, ctx));
    expect(first.patch).toMatchObject({ status: 'reopened', reopenCount: 1, escalated: false });
    const second = ok(decide(makeCase({ status: 'closed', reopenCount: 1 }), { type: 'reopen', reason: 'again' }, ctx));
    expect(second.patch).toMatchObject({ status: 'reopened', reopenCount: 2, escalated: true });
    expect(second.messages.some((m) => m.body === 'escalated')).toBe(true);
    expect(decide(makeCase({ status: 'answered' }), { type: 'reopen', reason: '  ' }, ctx)).toMatchObject({ ok: false, code: 'empty_body' });
  });

  it('takes one rating within 14 days of the reply; 1 or 2 escalates', () => {
    const answered = makeCase({ status: 'answered', answeredAt: T0 });
    expect(ok(decide(answered, { type: 'rate', rating: 5 }, ctx)).patch).toMatchObject({ rating: 5, escalated: false });
    expect(ok(decide(answered, { type: 'rate', rating: 2 }, ctx)).patch).toMatchObject({ rating: 2, escalated: true });
    expect(decide({ ...answered, rating: 4 }, { type: 'rate', rating: 1 }, ctx)).toMatchObject({ ok: false, code: 'already_rated' });
    const late = { now: T0 + RATING_WINDOW_MS + 1, actorId: 'citizen' };
    expect(decide(answered, { type: 'rate', rating: 3 }, late)).toMatchObject({ ok: false, code: 'rating_window_closed' });
  });

  it('transfers to another agency as a new, unacknowledged, unassigned case', () => {
    const c = makeCase({ status: 'in_progress', assigneeId: 'staff-7', acknowledgedAt: T0 });
    const d = ok(decide(c, { type: 'transfer', toAgencyId: 'works', reason: 'wrong_agency', note: 'road, not housing' }, ctx));
    expect(d.patch).toMatchObject({ agencyId: 'works', status: 'new', assigneeId: null, acknowledgedAt: null, transferredFrom: 'housing' });
    expect(d.transferredTo).toBe('works');
    expect(d.messages[0]?.meta).toMatchObject({ from: 'housing', to: 'works', reason: 'wrong_agency', note: 'road, not housing' });
    expect(decide(c, { type: 'transfer', toAgencyId: 'housing', reason: 'wrong_agency', note: '' }, ctx)).toMatchObject({
      ok: false,
      code: 'same_agency',
    });
  });

  it('keeps notes internal and allows them in any status', () => {
    for (const status of CASE_STATUSES) {
      const d = ok(decide(makeCase({ status }), { type: 'note', body: 'called the citizen' }, ctx));
      expect(d.messages).toEqual([{ kind: 'note', author: 'staff-7', body: 'called the citizen', meta: null }]);
      expect(d.patch.status).toBeUndefined();
    }
  });

  it('sets an outcome on suggestions only', () => {
    expect(ok(decide(makeCase({ kind: 'suggestion' }), { type: 'setOutcome', outcome: 'accepted', reason: '' }, ctx)).patch.outcome).toBe('accepted');
    expect(decide(makeCase(), { type: 'setOutcome', outcome: 'accepted', reason: '' }, ctx)).toMatchObject({ ok: false, code: 'not_a_suggestion' });
  });

  it('adds and removes tags without duplicates, within the limit', () => {
    const d = ok(decide(makeCase({ tags: ['roof', 'urgent-visit'] }), { type: 'tag', add: ['roof', 'rain'], remove: ['urgent-visit'] }, ctx));
    expect(d.patch.tags).toEqual(['roof', 'rain']);
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(decide(makeCase(), { type: 'tag', add: many, remove: [] }, ctx)).toMatchObject({ ok: false, code: 'too_many_tags' });
  });

  it('acknowledges once', () => {
    const d = ok(decide(makeCase(), { type: 'acknowledge' }, ctx));
    expect(d.patch.acknowledgedAt).toBe(ctx.now);
    expect(decide(makeCase({ acknowledgedAt: T0 }), { type: 'acknowledge' }, ctx).ok).toBe(false);
  });

  it('bumps the version and the update time on every accepted command, and never mutates its input', () => {
    const c = makeCase({ version: 41 });
    const frozen = JSON.stringify(c);
    const d = ok(decide(c, { type: 'setPriority', priority: 'urgent' }, ctx));
    expect(d.patch).toMatchObject({ priority: 'urgent', version: 42, updatedAt: ctx.now });
    expect(JSON.stringify(c)).toBe(frozen);
  });
});
