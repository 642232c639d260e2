// Opening a citizen's personal details: the unmasked citizen for a case the staff member may
// see, and one audit row per opening saying who, when, from which client and which case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverRequests } from '../../../shared/protocol';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS, request, startTestServer, valueOf } from './harness';
import type { TestServer } from './harness';

describe.each(BACKENDS)('citizen details on $name', (backend) => {
  let t: TestServer;
  const housingCase = makeCase('housing', { citizen: { name: 'Ali Hasan', cpr: '901234567', phone: '+97339990000', email: 'ali@example.bh', language: 'ar' } });
  const healthCase = makeCase('health');

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: 'tawasul-demo' } });
    await insertFixtureCases(t.server.store, [housingCase, healthCase]);
  });
  afterAll(async () => {
    await t.stop();
  });

  const auditOf = (caseId: string) =>
    t.server.store.db.selectFrom('audit').selectAll().where('case_id', '=', caseId).where('action', '=', 'case.citizenDetails').orderBy('id').execute();

  it('returns the unmasked citizen and audits who opened it, when, from where', async () => {
    const { socket } = await t.desk('housing.agent1');
    const before = Date.now();
    const details = serverRequests['case.citizenDetails'].result.parse(valueOf(await request(socket, 'case.citizenDetails', { caseId: housingCase.id })));
    expect(details).toEqual({ caseId: housingCase.id, ref: housingCase.ref, citizen: housingCase.citizen });
    valueOf(await request(socket, 'case.citizenDetails', { caseId: housingCase.id }));

    const rows = await auditOf(housingCase.id);
    expect(rows).toHaveLength(2);
    const row = rows[0];
    expect(row).toMatchObject({ staff_id: 'stf-housing.agent1', client: 'desk', case_id: housingCase.id });
    expect(row?.at).toBeGreaterThanOrEqual(before);
    expect(row?.at).toBeLessThanOrEqual(Date.now());
    const detail = JSON.parse(row?.detail ?? '{}') as { socketId?: string; address?: string };
    expect(detail.socketId).toBe(socket.id);
    expect(detail.address).toMatch(/127\.0\.0\.1/);
  });

  it('another agency\'s case is not found and leaves no audit row; the call centre may open any', async () => {
    const { socket } = await t.desk('housing.agent2');
    expect(await request(socket, 'case.citizenDetails', { caseId: healthCase.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(socket, 'case.citizenDetails', { caseId: 'no-such-case' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await auditOf(healthCase.id)).toEqual([]);

    const callcentre = (await t.desk('callcentre.agent1')).socket;
    expect(valueOf(await request(callcentre, 'case.citizenDetails', { caseId: healthCase.id })).citizen.cpr).toBe('880512345');
    expect((await auditOf(healthCase.id)).map((r) => r.staff_id)).toEqual(['stf-callcentre.agent1']);
  });
});
