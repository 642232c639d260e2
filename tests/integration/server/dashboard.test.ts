// The dashboard's lists and the year on both back ends, each figure checked against one worked
// out here from the store's own rows (seeded demo data plus hand-made cases around the
// boundaries): open cases about to breach within N working hours, the reopened and escalated
// queues, and the agency's year as the national report counts it. Then a suggestion's outcome
// set by a supervisor step by step, refused to an agent, refused without a reason for a
// decline; and an agent away skipped by auto-assignment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../../shared/domain';
import { OPEN_STATUSES } from '../../../shared/domain';
import { serverRequests } from '../../../shared/protocol';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS, mutationId, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const A1 = 'stf-housing.agent1';

/**
 * The instant `hours` working hours after `start`, stepping minute by minute through
 * Sunday–Thursday 07:00–14:00 in Bahrain (UTC+3): written apart from shared/working-time.ts.
 */
function workingHoursLater(start: number, hours: number): number {
  let at = Math.ceil(start / MINUTE) * MINUTE;
  const isWorking = (t: number) => {
    const local = new Date(t + 3 * HOUR);
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    return local.getUTCDay() <= 4 && minute >= 7 * 60 && minute < 14 * 60;
  };
  // a start inside a minute counts that minute's rest: the server counts from the instant itself
  let left = hours * 60 * MINUTE;
  if (isWorking(start) && at !== start) left -= at - start;
  while (left > 0) {
    if (isWorking(at)) left -= MINUTE;
    at += MINUTE;
  }
  return at + left;
}

type Row = Pick<Case, 'id' | 'kind' | 'status' | 'createdAt' | 'firstResponseDueAt' | 'firstRespondedAt' | 'resolutionDueAt' | 'reopenCount' | 'escalated' | 'outcome'>;

describe.each(BACKENDS)('the dashboard on $name', (backend) => {
  let t: TestServer;
  let supervisor: DeskClient;
  const now = Date.now();

  async function housingRows(): Promise<Row[]> {
    const rows = await t.server.store.db.selectFrom('cases').selectAll().where('agency_id', '=', 'housing').execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as Case['kind'],
      status: r.status as Case['status'],
      createdAt: Number(r.created_at),
      firstResponseDueAt: Number(r.first_response_due_at),
      firstRespondedAt: r.first_responded_at === null ? null : Number(r.first_responded_at),
      resolutionDueAt: Number(r.resolution_due_at),
      reopenCount: Number(r.reopen_count),
      escalated: Number(r.escalated) === 1,
      outcome: r.outcome as Case['outcome'],
    }));
  }

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 600, password: 'tawasul-demo' } });
    const soon = (h: number, extra: Partial<Case> = {}) =>
      makeCase('housing', { status: 'in_progress', assigneeId: A1, createdAt: now - 3 * DAY, firstResponseDueAt: now + h * HOUR, resolutionDueAt: now + h * HOUR + 10 * DAY, ...extra });
    await insertFixtureCases(t.server.store, [
      ...[0.25, 1, 3, 6, 12, 30, 80, 200].map((h) => soon(h)),
      // answered already: only the resolution counts
      soon(1, { firstRespondedAt: now - HOUR, resolutionDueAt: now + 2 * HOUR }),
      soon(1, { firstRespondedAt: now - HOUR, resolutionDueAt: now + 90 * DAY }),
      // past due: a breach already, not a risk
      soon(-2, { resolutionDueAt: now - HOUR }),
      // closed, reopened, escalated
      soon(1, { status: 'closed', closedAt: now - HOUR }),
      soon(50, { status: 'reopened', reopenCount: 1 }),
      soon(60, { status: 'reopened', reopenCount: 2, escalated: true }),
      soon(70, { status: 'in_progress', escalated: true }),
      soon(70, { status: 'answered', reopenCount: 1, escalated: true, firstRespondedAt: now - DAY }),
      // this year's suggestions, one per outcome and one without
      ...(['under_study', 'accepted', 'implemented', 'declined', null] as const).map((outcome) =>
        makeCase('housing', { kind: 'suggestion', status: 'answered', outcome, createdAt: now - HOUR, firstResponseDueAt: now - MINUTE, firstRespondedAt: now - 2 * MINUTE }),
      ),
      makeCase('health', { status: 'in_progress', firstResponseDueAt: now + HOUR, createdAt: now - DAY }),
    ]);
    supervisor = (await t.desk('housing.supervisor')).socket;
  });
  afterAll(async () => {
    await t.stop();
  });

  async function fileCase(): Promise<string | null> {
    const response = await fetch(`${t.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
      body: JSON.stringify({ kind: 'complaint', agencyId: 'housing', citizen: { name: 'Huda', language: 'en' }, subject: 'Water cut', body: 'No water since morning', language: 'en' }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const row = await t.server.store.db.selectFrom('cases').select('assignee_id').where('id', '=', id).executeTakeFirstOrThrow();
    return row.assignee_id;
  }

  it('an agent who is away is shown so and skipped by auto-assignment, and taken again once back', async () => {
    const agent = (await t.desk('housing.agent1')).socket;
    valueOf(await request(supervisor, 'supervision.setAutoAssign', { agencyId: 'housing', mode: 'least_loaded' }));
    valueOf(await request(agent, 'presence.setAway', { away: true }));
    const state = serverRequests['supervision.state'].result.parse(valueOf(await request(supervisor, 'supervision.state', {})));
    expect(state.agents.find((a) => a.staffId === A1)).toMatchObject({ online: false, away: true });
    expect(await fileCase()).toBeNull();
    valueOf(await request(agent, 'presence.setAway', { away: false }));
    const back = serverRequests['supervision.state'].result.parse(valueOf(await request(supervisor, 'supervision.state', {})));
    expect(back.agents.find((a) => a.staffId === A1)).toMatchObject({ online: true, away: false });
    expect(await fileCase()).toBe(A1);
    valueOf(await request(supervisor, 'supervision.setAutoAssign', { agencyId: 'housing', mode: 'off' }));
    expect(await request(agent, 'presence.setAway', { away: 'yes' } as never)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it.each([4, 8, 24] as const)('the cases about to breach within %i working hours equal the ones worked out from the rows', async (hours) => {
    const result = serverRequests['stats.breachSoon'].result.parse(valueOf(await request(supervisor, 'stats.breachSoon', { hours })));
    expect(result.horizon).toBe(workingHoursLater(result.asOf, hours));
    const expected = (await housingRows())
      .filter((r) => OPEN_STATUSES.includes(r.status))
      .flatMap((r) => {
        const inWindow = (at: number) => at >= result.asOf && at < result.horizon;
        if (r.firstRespondedAt === null && inWindow(r.firstResponseDueAt)) return [{ caseId: r.id, deadline: 'first_response', dueAt: r.firstResponseDueAt }];
        if (inWindow(r.resolutionDueAt)) return [{ caseId: r.id, deadline: 'resolution', dueAt: r.resolutionDueAt }];
        return [];
      })
      .sort((a, b) => a.dueAt - b.dueAt);
    expect(result.total).toBe(expected.length);
    expect(result.rows.map((r) => ({ caseId: r.caseId, deadline: r.deadline, dueAt: r.dueAt }))).toEqual(expected);
    expect(result.rows.every((r) => r.agencyId === 'housing')).toBe(true);
    if (hours === 24) expect(expected.length).toBeGreaterThanOrEqual(3);
  });

  it('the reopened and escalated queues hold exactly the open cases in them', async () => {
    const result = serverRequests['stats.queues'].result.parse(valueOf(await request(supervisor, 'stats.queues', {})));
    const rows = await housingRows();
    const open = rows.filter((r) => OPEN_STATUSES.includes(r.status));
    const ids = (list: readonly Row[]) => list.map((r) => r.id).sort();
    expect(result.reopened.rows.map((r) => r.caseId).sort()).toEqual(ids(open.filter((r) => r.status === 'reopened')));
    expect(result.escalated.rows.map((r) => r.caseId).sort()).toEqual(ids(open.filter((r) => r.escalated)));
    expect(result.reopened.total).toBe(result.reopened.rows.length);
    expect(result.escalated.total).toBeGreaterThanOrEqual(2);
  });

  it("a suggestion's outcome: set by a supervisor step by step, refused to an agent, a decline refused without a reason", async () => {
    const [first, second] = [0, 1].map(() => makeCase('housing', { kind: 'suggestion', status: 'in_progress', assigneeId: A1, createdAt: now - HOUR, outcome: null }));
    await insertFixtureCases(t.server.store, [first, second]);
    const set = (socket: DeskClient, caseId: string, outcome: string, reason?: string) =>
      request(socket, 'mutate', { id: mutationId(), name: 'case.setOutcome', args: { caseId, outcome, ...(reason === undefined ? {} : { reason }) } });
    const outcomeOf = async (caseId: string) => (await t.server.store.db.selectFrom('cases').select('outcome').where('id', '=', caseId).executeTakeFirstOrThrow()).outcome;

    const agent = (await t.desk('housing.agent2')).socket;
    expect(await set(agent, first.id, 'accepted')).toMatchObject({ ok: false, error: { code: 'forbidden', params: { reason: 'supervisorsOnly' } } });
    expect(await outcomeOf(first.id)).toBeNull();

    valueOf(await set(supervisor, first.id, 'accepted'));
    valueOf(await set(supervisor, first.id, 'implemented'));
    expect(await outcomeOf(first.id)).toBe('implemented');
    expect(await set(supervisor, first.id, 'declined', 'too late')).toMatchObject({ ok: false, error: { code: 'outcome_transition', params: { from: 'implemented', to: 'declined' } } });

    valueOf(await set(supervisor, second.id, 'under_study'));
    expect(await set(supervisor, second.id, 'declined')).toMatchObject({ ok: false, error: { code: 'outcome_needs_reason' } });
    expect(await set(supervisor, second.id, 'declined', '   ')).toMatchObject({ ok: false, error: { code: 'outcome_needs_reason' } });
    expect(await outcomeOf(second.id)).toBe('under_study');
    valueOf(await set(supervisor, second.id, 'declined', 'Outside the ministry’s remit'));
    expect(await outcomeOf(second.id)).toBe('declined');

    const events = await t.server.store.db.selectFrom('messages').select(['author', 'body', 'meta']).where('case_id', 'in', [first.id, second.id]).where('kind', '=', 'event').orderBy('created_at').orderBy('id').execute();
    expect(events.map((e) => [e.author, e.body, e.meta === null ? null : (JSON.parse(e.meta) as unknown)])).toEqual([
      ['stf-housing.supervisor', 'outcome_set', { outcome: 'accepted' }],
      ['stf-housing.supervisor', 'outcome_set', { outcome: 'implemented' }],
      ['stf-housing.supervisor', 'outcome_set', { outcome: 'under_study' }],
      ['stf-housing.supervisor', 'outcome_set', { outcome: 'declined', reason: 'Outside the ministry’s remit' }],
    ]);
  });

  it("the agency's year equals the national report's counts worked out from the rows", async () => {
    const year = new Date(now + 3 * HOUR).getUTCFullYear();
    const result = serverRequests['stats.year'].result.parse(valueOf(await request(supervisor, 'stats.year', { year })));
    const from = Date.UTC(year, 0, 1) - 3 * HOUR;
    const to = Date.UTC(year + 1, 0, 1) - 3 * HOUR;
    expect([result.from, result.to]).toEqual([from, to]);
    const rows = await housingRows();
    const filed = rows.filter((r) => r.createdAt >= from && r.createdAt < to);
    const due = rows.filter((r) => r.firstResponseDueAt >= from && r.firstResponseDueAt < Math.min(to, Date.now()));
    const suggestions = filed.filter((r) => r.kind === 'suggestion');
    const withOutcome = (o: Case['outcome']) => suggestions.filter((r) => r.outcome === o).length;
    expect(result.rows).toEqual([
      {
        agencyId: 'housing',
        requests: { complaint: filed.filter((r) => r.kind === 'complaint').length, suggestion: suggestions.length, enquiry: filed.filter((r) => r.kind === 'enquiry').length },
        total: filed.length,
        due: due.length,
        answeredInTime: due.filter((r) => r.firstRespondedAt !== null && r.firstRespondedAt <= r.firstResponseDueAt).length,
        reopened: filed.filter((r) => r.reopenCount > 0).length,
        suggestions: { none: withOutcome(null), under_study: withOutcome('under_study'), accepted: withOutcome('accepted'), implemented: withOutcome('implemented'), declined: withOutcome('declined') },
        // the national report's rule: accepted + implemented are adopted
        adopted: withOutcome('accepted') + withOutcome('implemented'),
      },
    ]);
    expect(result.rows[0].suggestions.implemented).toBeGreaterThanOrEqual(2);
    expect(result.rows[0].suggestions.declined).toBeGreaterThanOrEqual(2);
  });

  it('agents and the call centre are refused the lists and the year; a supervisor may not ask for another agency', async () => {
    for (const username of ['housing.agent3', 'callcentre.agent1']) {
      const { socket } = await t.desk(username);
      expect(await request(socket, 'stats.breachSoon', { hours: 8 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await request(socket, 'stats.queues', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await request(socket, 'stats.year', { year: 2026 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await request(supervisor, 'stats.year', { agencyIds: ['health'], year: 2026 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(supervisor, 'stats.breachSoon', { hours: 5 } as never)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
});
