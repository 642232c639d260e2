// The supervisor's settings on both back ends: auto-assignment of cases arriving through the
// intake API (least-loaded and round-robin, only to agents online, off leave and under
// capacity, in the transaction that files the case, audited), leave set and ended, a leave
// cover applied exactly as planned, and everyone but supervisors and admins refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverRequests } from '../../../shared/protocol';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS, mutationId, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

const A1 = 'stf-housing.agent1';
const A2 = 'stf-housing.agent2';
const A3 = 'stf-housing.agent3';
const HOUR = 3_600_000;

describe.each(BACKENDS)('supervision on $name', (backend) => {
  let t: TestServer;
  let supervisor: DeskClient;

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: 'tawasul-demo' } });
    supervisor = (await t.desk('housing.supervisor')).socket;
  });
  afterAll(async () => {
    await t.stop();
  });

  async function fileCase(language: 'ar' | 'en' = 'en'): Promise<{ id: string; assigneeId: string | null; status: string }> {
    const response = await fetch(`${t.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
      body: JSON.stringify({ kind: 'complaint', agencyId: 'housing', citizen: { name: 'Huda', language }, subject: 'Water cut', body: 'No water since morning', language }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const row = await t.server.store.db.selectFrom('cases').select(['assignee_id', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    return { id, assigneeId: row.assignee_id, status: row.status };
  }

  async function setMode(mode: 'off' | 'round_robin' | 'least_loaded') {
    valueOf(await request(supervisor, 'supervision.setAutoAssign', { agencyId: 'housing', mode }));
  }

  it('off by default: an arriving case stays unassigned', async () => {
    await t.desk('housing.agent1');
    const filed = await fileCase();
    expect(filed).toMatchObject({ assigneeId: null, status: 'new' });
  });

  it('least-loaded gives arriving cases to the online agents with the most room, never to one offline', async () => {
    await t.desk('housing.agent2'); // agent1 is online since the test before; agent3 never is
    await insertFixtureCases(t.server.store, [makeCase('housing', { assigneeId: A1, status: 'assigned' }), makeCase('housing', { assigneeId: A1, status: 'assigned' })]);
    await setMode('least_loaded');
    const filed = [await fileCase(), await fileCase(), await fileCase(), await fileCase()];
    // A1 holds 2, A2 none: A2, A2, then both at 2 (equal room, A1 first by id), then A2
    expect(filed.map((f) => f.assigneeId)).toEqual([A2, A2, A1, A2]);
    expect(filed.every((f) => f.status === 'assigned')).toBe(true);
    const audit = await t.server.store.db.selectFrom('audit').select(['detail', 'staff_id']).where('action', '=', 'case.autoAssign').where('case_id', '=', filed[0]?.id ?? '').executeTakeFirstOrThrow();
    expect(audit.staff_id).toBe('system');
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ mode: 'least_loaded', assigneeId: A2 });
    const setting = await t.server.store.db.selectFrom('audit').select('detail').where('action', '=', 'agency.setAutoAssign').executeTakeFirst();
    expect(setting).toBeDefined();
  });

  it('round-robin takes turns; an agent on leave or at capacity is skipped', async () => {
    await setMode('round_robin');
    const turns = [await fileCase(), await fileCase()].map((f) => f.assigneeId);
    expect(new Set(turns)).toEqual(new Set([A1, A2]));

    const now = Date.now();
    const left = await request(supervisor, 'supervision.setLeave', { staffId: A1, leave: { from: now - HOUR, to: now + 24 * HOUR } });
    expect(valueOf(left)).toMatchObject({ staffId: A1, online: true, leave: { from: now - HOUR } });
    expect([await fileCase(), await fileCase()].map((f) => f.assigneeId)).toEqual([A2, A2]);

    const state = serverRequests['supervision.state'].result.parse(valueOf(await request(supervisor, 'supervision.state', {})));
    expect(state.autoAssign).toEqual([{ agencyId: 'housing', mode: 'round_robin' }]);
    expect(state.agents.find((a) => a.staffId === A1)).toMatchObject({ online: true, leave: { to: now + 24 * HOUR } });
    expect(state.agents.find((a) => a.staffId === A3)).toMatchObject({ online: false, leave: null });

    // A2 at capacity and A1 on leave: nobody may take it
    const open = await t.server.store.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('assignee_id', '=', A2).executeTakeFirstOrThrow();
    await t.server.store.db.updateTable('staff').set({ capacity: Number(open.n) }).where('id', '=', A2).execute();
    expect((await fileCase()).assigneeId).toBeNull();

    valueOf(await request(supervisor, 'supervision.setLeave', { staffId: A1, leave: null }));
    expect((await fileCase()).assigneeId).toBe(A1);
    await t.server.store.db.updateTable('staff').set({ capacity: 40 }).where('id', '=', A2).execute();
  });

  it('a leave cover assigns each case to the colleague the plan named, all or nothing', async () => {
    const cases = [0, 1, 2, 3].map(() => makeCase('housing', { assigneeId: A3, status: 'assigned' }));
    await insertFixtureCases(t.server.store, cases);
    const caseIds = cases.map((c) => c.id);
    // a colleague of another agency is no one this supervisor may name
    const bad = await request(supervisor, 'mutate', { id: mutationId(), name: 'bulk.cover', args: { caseIds, assigneeIds: [A1, A2, A1, 'stf-health.agent1'] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const uneven = await request(supervisor, 'mutate', { id: mutationId(), name: 'bulk.cover', args: { caseIds, assigneeIds: [A1] } });
    expect(uneven).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    const unchanged = await t.server.store.db.selectFrom('cases').select('assignee_id').where('id', 'in', caseIds).execute();
    expect(unchanged.every((r) => r.assignee_id === A3)).toBe(true);

    valueOf(await request(supervisor, 'mutate', { id: mutationId(), name: 'bulk.cover', args: { caseIds, assigneeIds: [A1, A2, A2, A1] } }));
    const rows = await t.server.store.db.selectFrom('cases').select(['id', 'assignee_id']).where('id', 'in', caseIds).execute();
    const assigned = new Map(rows.map((r) => [r.id, r.assignee_id]));
    expect(caseIds.map((id) => assigned.get(id))).toEqual([A1, A2, A2, A1]);
  });

  it('agents, the call centre and another agency\'s supervisor are refused', async () => {
    const c = makeCase('housing', { assigneeId: A3, status: 'assigned' });
    await insertFixtureCases(t.server.store, [c]);
    for (const username of ['housing.agent1', 'callcentre.agent1']) {
      const { socket } = await t.desk(username);
      expect(await request(socket, 'supervision.state', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await request(socket, 'supervision.setAutoAssign', { agencyId: 'housing', mode: 'off' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await request(socket, 'supervision.setLeave', { staffId: A2, leave: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await request(socket, 'mutate', { id: mutationId(), name: 'bulk.cover', args: { caseIds: [c.id], assigneeIds: [A1] } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const health = (await t.desk('health.supervisor')).socket;
    expect(await request(health, 'supervision.setAutoAssign', { agencyId: 'housing', mode: 'off' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(health, 'supervision.setLeave', { staffId: A2, leave: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(supervisor, 'supervision.setLeave', { staffId: A2, leave: { from: 10, to: 5 } })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    const row = await t.server.store.db.selectFrom('cases').select('assignee_id').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.assignee_id).toBe(A3);
  });
});
