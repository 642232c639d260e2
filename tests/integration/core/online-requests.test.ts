// DeskApi methods that forward to the case server (supervisor statistics, a citizen's
// unmasked details): answered by the real server while online, refused with `offline` at once
// when it is not, and the server's own refusals passed through with their codes.
import { maskCitizen } from '../../../shared/domain';
import { describe, expect, it } from 'vitest';
import { deskMethods } from '../../../shared/desk-api';
import type { RunningServer } from '../../../server/index';
import { BACKENDS, eventually, withSupervisorAndAgent } from './helpers';
import type { TestCore } from './helpers';

const DAY = 86_400_000;
describe.each(BACKENDS)('online-only DeskApi methods, server on $name', (backend) => {
  let server: RunningServer;
  let supervisor: TestCore;
  let agent: TestCore;
  withSupervisorAndAgent(backend, 300, (desks) => {
    ({ server, supervisor, agent } = desks);
  });

  it('stats.workload agrees with the open cases per assignee in the supervisor\'s cache', async () => {
    const result = deskMethods['stats.workload'].result.parse(await supervisor.handlers['stats.workload']({}));
    expect(new Set(result.rows.map((r) => r.agencyId))).toEqual(new Set(['housing']));
    const fromServer: Record<string, number> = {};
    for (const row of result.rows) {
      if (row.assigneeId !== null && row.open > 0) fromServer[row.assigneeId] = row.open;
      expect(row.overdue).toBeLessThanOrEqual(row.open);
    }
    const fromCache = Object.fromEntries(Object.entries((await supervisor.handlers['reference.get']({})).workload).filter(([, n]) => n > 0));
    expect(fromServer).toEqual(fromCache);
  });

  it('stats.commitment answers per agency and kind, with rates that match their counts', async () => {
    const now = Date.now();
    const result = await supervisor.handlers['stats.commitment']({ from: now - 365 * DAY, to: now + DAY, by: ['kind'], period: 'all' });
    expect(deskMethods['stats.commitment'].result.safeParse(result).success).toBe(true);
    expect(result.to).toBeLessThanOrEqual(Date.now());
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) {
      expect(row.agencyId).toBe('housing');
      expect(row.kind).not.toBeNull();
      expect(row.rate).toBeCloseTo(row.answeredInTime / row.due, 6);
    }
  });

  it('passes the server\'s refusals through with their codes', async () => {
    await expect(agent.handlers['stats.workload']({})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(supervisor.handlers['stats.workload']({ agencyIds: ['health'] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(agent.handlers['cases.citizenDetails']({ caseId: 'no-such-case' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('cases.citizenDetails returns the unmasked citizen and the server audits the opening', async () => {
    const row = (await agent.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 1 })).rows[0];
    const cached = await agent.handlers['cases.get']({ caseId: row.id });
    const details = await agent.handlers['cases.citizenDetails']({ caseId: row.id });
    // the cache holds the numbers masked; the details are the server's record in full
    expect(details).toMatchObject({ caseId: row.id, ref: row.ref, citizen: { name: cached!.case.citizen.name } });
    expect(maskCitizen(details.citizen)).toEqual(cached!.case.citizen);
    const stored = await server.store.db.selectFrom('cases').select(['citizen_cpr']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(details.citizen.cpr).toBe(stored.citizen_cpr ?? undefined);
    const audit = await server.store.db
      .selectFrom('audit')
      .select(['staff_id'])
      .where('case_id', '=', row.id)
      .where('action', '=', 'case.citizenDetails')
      .execute();
    expect(audit).toEqual([{ staff_id: 'stf-housing.agent1' }]);
  });

  it('refuses at once with code offline when the server is gone, while cached reads still work', async () => {
    await server.close();
    await eventually('desks offline', async () => (await supervisor.handlers['sync.status']({})).state !== 'online' && (await agent.handlers['sync.status']({})).state !== 'online');
    const row = (await agent.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 1 })).rows[0];
    await expect(agent.handlers['cases.citizenDetails']({ caseId: row.id })).rejects.toMatchObject({ code: 'offline' });
    await expect(supervisor.handlers['stats.workload']({})).rejects.toMatchObject({ code: 'offline' });
    const now = Date.now();
    const refused = supervisor.handlers['stats.commitment']({ from: now - DAY, to: now, by: [], period: 'all' });
    await expect(refused).rejects.toMatchObject({ code: 'offline' });
    await expect(refused).rejects.toThrow(/offline/);
    expect((await agent.handlers['cases.get']({ caseId: row.id }))?.case.id).toBe(row.id);
  });
});
