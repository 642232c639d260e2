// The supervisor statistics over Socket.IO on both back ends: the response-commitment rate of
// hand-made cases whose expected figures are worked out by hand below, split by kind, assignee
// and period; the open workload per assignee; and who may ask for what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitmentRow } from '../../../shared/protocol';
import { serverRequests } from '../../../shared/protocol';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Sunday 5 January 2025, 07:00 in Bahrain (UTC+3) */
const T0 = Date.UTC(2025, 0, 5, 4, 0);
/** local (UTC+3) midnight of a date, as epoch ms */
const localMidnight = (y: number, m: number, d: number) => Date.UTC(y, m, d) - 3 * HOUR;

const A1 = 'stf-housing.agent1';
const A2 = 'stf-housing.agent2';

describe.each(BACKENDS)('supervisor statistics on $name', (backend) => {
  let t: TestServer;
  let supervisor: DeskClient;

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: 'tawasul-demo' } });
    const now = Date.now();
    await insertFixtureCases(t.server.store, [
      // 1 answered a day early
      makeCase('housing', { kind: 'complaint', assigneeId: A1, status: 'answered', firstResponseDueAt: T0 + DAY, firstRespondedAt: T0 }),
      // 2 answered a day late
      makeCase('housing', { kind: 'complaint', assigneeId: A1, status: 'answered', firstResponseDueAt: T0 + DAY, firstRespondedAt: T0 + 2 * DAY }),
      // 3 never answered; due 23:30 UTC on the 6th, which is 02:30 on the 7th in Bahrain
      makeCase('housing', { kind: 'complaint', assigneeId: A2, status: 'in_progress', firstResponseDueAt: Date.UTC(2025, 0, 6, 23, 30) }),
      // 4 answered at the very instant it was due: in time
      makeCase('housing', { kind: 'enquiry', assigneeId: A2, status: 'answered', firstResponseDueAt: T0 + 2 * DAY, firstRespondedAt: T0 + 2 * DAY }),
      // 5 unassigned, due the next week, answered early
      makeCase('housing', { kind: 'enquiry', status: 'answered', firstResponseDueAt: T0 + 9 * DAY, firstRespondedAt: T0 + 3 * DAY }),
      // 6 due in February, never answered
      makeCase('housing', { kind: 'suggestion', assigneeId: A1, status: 'assigned', firstResponseDueAt: T0 + 40 * DAY }),
      // 7 due before the period asked for: not counted
      makeCase('housing', { kind: 'complaint', assigneeId: A1, status: 'answered', firstResponseDueAt: T0 - 10 * DAY, firstRespondedAt: T0 - 20 * DAY }),
      // 8 not due yet (the server caps `to` at its clock): not counted
      makeCase('housing', { kind: 'complaint', assigneeId: A1, status: 'assigned', firstResponseDueAt: now + 10 * DAY, resolutionDueAt: now + 20 * DAY }),
      // 9 another agency: never in a housing supervisor's figures
      makeCase('health', { kind: 'complaint', status: 'answered', firstResponseDueAt: T0 + DAY, firstRespondedAt: T0 }),
    ]);
    supervisor = (await t.desk('housing.supervisor')).socket;
  });
  afterAll(async () => {
    await t.stop();
  });

  async function commitment(socket: DeskClient, args: Parameters<typeof request<'stats.commitment'>>[2]) {
    const ack = await request(socket, 'stats.commitment', args);
    return serverRequests['stats.commitment'].result.parse(valueOf(ack));
  }
  const pick = (rows: CommitmentRow[]) => rows.map((r) => ({ kind: r.kind, assigneeId: r.assigneeId, periodStart: r.periodStart, due: r.due, answeredInTime: r.answeredInTime, rate: r.rate }));
  const FROM = T0 - DAY;
  const FAR = Date.now() + 365 * DAY;

  it('the agency rate: 3 of the 6 requests due were answered within target', async () => {
    const result = await commitment(supervisor, { from: FROM, to: FAR });
    expect(result.to).toBeLessThanOrEqual(Date.now());
    expect(result.rows).toEqual([{ agencyId: 'housing', kind: null, assigneeId: null, periodStart: null, due: 6, answeredInTime: 3, rate: 0.5 }]);
  });

  it('per kind and per assignee', async () => {
    const byKind = await commitment(supervisor, { from: FROM, to: FAR, by: ['kind'] });
    expect(pick(byKind.rows)).toEqual([
      { kind: 'complaint', assigneeId: null, periodStart: null, due: 3, answeredInTime: 1, rate: 1 / 3 },
      { kind: 'enquiry', assigneeId: null, periodStart: null, due: 2, answeredInTime: 2, rate: 1 },
      { kind: 'suggestion', assigneeId: null, periodStart: null, due: 1, answeredInTime: 0, rate: 0 },
    ]);
    const byAssignee = await commitment(supervisor, { from: FROM, to: FAR, by: ['assignee'] });
    expect(pick(byAssignee.rows)).toEqual([
      { kind: null, assigneeId: null, periodStart: null, due: 1, answeredInTime: 1, rate: 1 },
      { kind: null, assigneeId: A1, periodStart: null, due: 3, answeredInTime: 1, rate: 1 / 3 },
      { kind: null, assigneeId: A2, periodStart: null, due: 2, answeredInTime: 1, rate: 0.5 },
    ]);
    const both = await commitment(supervisor, { from: FROM, to: FAR, by: ['kind', 'assignee'] });
    expect(both.rows.find((r) => r.kind === 'complaint' && r.assigneeId === A1)).toMatchObject({ due: 2, answeredInTime: 1 });
    expect(both.rows.reduce((n, r) => n + r.due, 0)).toBe(6);
  });

  it('per local day, Sunday-started week and calendar month in Bahrain time', async () => {
    const days = await commitment(supervisor, { from: FROM, to: T0 + 60 * DAY, period: 'day' });
    expect(pick(days.rows).map((r) => [r.periodStart, r.due, r.answeredInTime])).toEqual([
      [localMidnight(2025, 0, 6), 2, 1],
      // case 3 (23:30 UTC on the 6th) belongs to the 7th in Bahrain
      [localMidnight(2025, 0, 7), 2, 1],
      [localMidnight(2025, 0, 14), 1, 1],
      [localMidnight(2025, 1, 14), 1, 0],
    ]);
    const weeks = await commitment(supervisor, { from: FROM, to: FAR, period: 'week' });
    expect(pick(weeks.rows).map((r) => [r.periodStart, r.due, r.answeredInTime])).toEqual([
      [localMidnight(2025, 0, 5), 4, 2],
      [localMidnight(2025, 0, 12), 1, 1],
      [localMidnight(2025, 1, 9), 1, 0],
    ]);
    const months = await commitment(supervisor, { from: FROM, to: FAR, period: 'month' });
    expect(pick(months.rows).map((r) => [r.periodStart, r.due, r.answeredInTime, r.rate])).toEqual([
      [localMidnight(2025, 0, 1), 5, 3, 0.6],
      [localMidnight(2025, 1, 1), 1, 0, 0],
    ]);
  });

  it('tenancy and roles: a supervisor may not ask for another agency; agents and the call centre may not ask at all; admins see every agency', async () => {
    const other = await request(supervisor, 'stats.commitment', { agencyIds: ['health'], from: FROM, to: FAR });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const username of ['housing.agent1', 'callcentre.agent1']) {
      const { socket } = await t.desk(username);
      expect(await request(socket, 'stats.commitment', { from: FROM, to: FAR })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await request(socket, 'stats.workload', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const admin = (await t.desk('admin')).socket;
    const all = await commitment(admin, { from: FROM, to: FAR });
    expect(all.rows.map((r) => [r.agencyId, r.due, r.answeredInTime])).toEqual([
      ['health', 1, 1],
      ['housing', 6, 3],
    ]);
  });

  it('per assignee, a case counts for whoever sent its first reply, even once reassigned; one never answered for its holder', async () => {
    const W1 = 'stf-works.agent1';
    const W2 = 'stf-works.agent2';
    const answeredThenMoved = makeCase('works', { kind: 'complaint', assigneeId: W2, status: 'answered', firstResponseDueAt: T0 + DAY, firstRespondedAt: T0 });
    const neverAnswered = makeCase('works', { kind: 'complaint', assigneeId: W2, status: 'in_progress', firstResponseDueAt: T0 + DAY });
    await insertFixtureCases(t.server.store, [answeredThenMoved, neverAnswered]);
    await t.server.store.db
      .insertInto('messages')
      .values([
        { id: `m-${answeredThenMoved.id}-1`, case_id: answeredThenMoved.id, author: W1, kind: 'reply', body: 'We are on it.', meta: null, created_at: T0 },
        { id: `m-${answeredThenMoved.id}-2`, case_id: answeredThenMoved.id, author: W2, kind: 'reply', body: 'Fixed.', meta: null, created_at: T0 + HOUR },
      ])
      .execute();
    const admin = (await t.desk('admin')).socket;
    const result = await commitment(admin, { agencyIds: ['works'], from: FROM, to: FAR, by: ['assignee'] });
    expect(pick(result.rows)).toEqual([
      { kind: null, assigneeId: W1, periodStart: null, due: 1, answeredInTime: 1, rate: 1 },
      { kind: null, assigneeId: W2, periodStart: null, due: 1, answeredInTime: 0, rate: 0 },
    ]);
  });

  it('refuses a malformed or oversized period', async () => {
    expect(await request(supervisor, 'stats.commitment', { from: T0, to: T0 - 1 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await request(supervisor, 'stats.commitment', { from: 0, to: T0, period: 'day' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it('volume: requests filed per Bahrain day, kind and channel', async () => {
    const ack = await request(supervisor, 'stats.volume', { from: Date.UTC(2024, 11, 1), to: Date.UTC(2025, 1, 1) });
    const { rows } = serverRequests['stats.volume'].result.parse(valueOf(ack));
    // every fixture case was filed at 00:00 UTC on 1 January 2025: 03:00 that day in Bahrain
    const day = localMidnight(2025, 0, 1);
    expect(rows).toEqual([
      { agencyId: 'housing', day, kind: 'complaint', channel: 'web', count: 5 },
      { agencyId: 'housing', day, kind: 'enquiry', channel: 'web', count: 2 },
      { agencyId: 'housing', day, kind: 'suggestion', channel: 'web', count: 1 },
    ]);
    const agent = (await t.desk('housing.agent1')).socket;
    expect(await request(agent, 'stats.volume', { from: 0, to: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('workload: open, overdue and due-today cases per assignee of the own agency', async () => {
    const ack = await request(supervisor, 'stats.workload', {});
    const result = serverRequests['stats.workload'].result.parse(valueOf(ack));
    // open: case 3 (A2, overdue), case 6 (A1, overdue), case 8 (A1, due in 20 days)
    expect(result.rows).toEqual([
      { agencyId: 'housing', assigneeId: A1, open: 2, overdue: 1, dueToday: 0, reopened: 0 },
      { agencyId: 'housing', assigneeId: A2, open: 1, overdue: 1, dueToday: 0, reopened: 0 },
    ]);
  });
});
