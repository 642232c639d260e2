// ID and phone numbers leave the server masked everywhere (bootstrap, pull, the live feed, a
// mutation's answer) except the audited case.citizenDetails; a caller is found by number through
// the audited case.lookupCitizen, within the user's agencies only. Before, 180 of 200
// bootstrapped cases carried a full CPR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesEvent } from '../../../shared/protocol';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS, PASSWORD, mutationId, request, startTestServer, valueOf } from './harness';
import type { TestServer } from './harness';

const CPR = '901234567';
const PHONE = '+97339990000';

describe.each(BACKENDS)('citizen numbers masked at the source on $name', (backend) => {
  let t: TestServer;
  const housingCase = makeCase('housing', { citizen: { name: 'Ali Hasan', cpr: CPR, phone: PHONE, language: 'ar' } });
  const healthCase = makeCase('health', { citizen: { name: 'Ali Hasan', cpr: CPR, language: 'ar' } });

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: PASSWORD } });
    await insertFixtureCases(t.server.store, [housingCase, healthCase]);
  });
  afterAll(async () => {
    await t.stop();
  });

  const leaks = (value: unknown) => {
    const json = JSON.stringify(value);
    return json.includes(CPR) || json.includes('39990000');
  };

  it('bootstraps, pulls, broadcasts and acknowledges cases with the numbers masked', async () => {
    const { socket } = await t.desk('housing.agent1');
    const watcher = (await t.desk('housing.agent2')).socket;
    const broadcasts: ChangesEvent[] = [];
    watcher.on('changes', (event) => broadcasts.push(event));

    const page = valueOf(await request(socket, 'sync.bootstrap', { agencyId: 'housing', cursor: null, limit: 100 }));
    const bootstrapped = page.cases.find((c) => c.id === housingCase.id);
    expect(bootstrapped?.citizen).toMatchObject({ cpr: '*****4567', phone: '+*******0000', name: 'Ali Hasan' });
    expect(leaks(page)).toBe(false);

    const ack = valueOf(await request(socket, 'mutate', { id: mutationId(), name: 'case.take', args: { caseId: housingCase.id } }));
    expect(ack.cases[0]?.citizen.cpr).toBe('*****4567');
    expect(leaks(ack)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(broadcasts.length).toBeGreaterThan(0);
    expect(leaks(broadcasts)).toBe(false);

    const pulled = valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: 0, limit: 100 }));
    expect(pulled.changes.some((c) => c.type === 'case' && c.case.id === housingCase.id)).toBe(true);
    expect(leaks(pulled)).toBe(false);
    // the feed table itself holds them masked
    const stored = await t.server.store.db.selectFrom('changes').select('payload').where('agency_id', '=', 'housing').execute();
    expect(leaks(stored)).toBe(false);

    // the one way to them in full is the audited details
    const details = valueOf(await request(socket, 'case.citizenDetails', { caseId: housingCase.id }));
    expect(details.citizen).toMatchObject({ cpr: CPR, phone: PHONE });
  });

  it('finds a caller by CPR or phone number within the user\'s agencies, each lookup audited', async () => {
    const agent = (await t.desk('housing.agent3')).socket;
    expect(valueOf(await request(agent, 'case.lookupCitizen', { number: CPR })).caseIds).toEqual([housingCase.id]);
    expect(valueOf(await request(agent, 'case.lookupCitizen', { number: '39990000' })).caseIds).toEqual([housingCase.id]);
    expect(valueOf(await request(agent, 'case.lookupCitizen', { number: '97339990000' })).caseIds).toEqual([housingCase.id]);
    const callcentre = (await t.desk('callcentre.agent1')).socket;
    expect(new Set(valueOf(await request(callcentre, 'case.lookupCitizen', { number: CPR })).caseIds)).toEqual(new Set([housingCase.id, healthCase.id]));
    expect(await request(agent, 'case.lookupCitizen', { number: '12ab' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });

    const audit = await t.server.store.db.selectFrom('audit').select(['staff_id', 'detail']).where('action', '=', 'case.lookupCitizen').orderBy('id').execute();
    expect(audit.map((a) => a.staff_id)).toEqual(['stf-housing.agent3', 'stf-housing.agent3', 'stf-housing.agent3', 'stf-callcentre.agent1']);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ number: CPR, found: 1 });
  });
});
