// Every socket request, reads included, re-checks the session: a user deactivated or given
// another role elsewhere (the admin CLI writes the database from another process) is refused
// `unauthorized` at the next request and dropped, not left reading until the 30 s sweep. And
// one user holds a bounded number of sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_CACHE_MS } from '../../../server/sockets/session-watch';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS, PASSWORD, request, startTestServer } from './harness';
import type { DeskClient, TestServer } from './harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function disconnected(socket: DeskClient): Promise<void> {
  return new Promise((resolve) => {
    if (!socket.connected) resolve();
    else socket.once('disconnect', () => resolve());
  });
}

describe.each(BACKENDS)('session re-check per request on $name', (backend) => {
  let t: TestServer;
  const housingCase = makeCase('housing');

  beforeAll(async () => {
    // the sweep is out of the picture: only the per-request check can refuse
    t = await startTestServer(backend, { seed: { cases: 0, password: PASSWORD }, sessionCheckMs: 3_600_000, maxSocketsPerUser: 3 });
    await insertFixtureCases(t.server.store, [housingCase]);
  });
  afterAll(async () => {
    await t.stop();
  });

  const setStaff = (username: string, values: { active?: number; role?: string }) =>
    t.server.store.db.updateTable('staff').set(values as never).where('username', '=', username).execute();

  it('refuses reads of a user deactivated since the handshake and drops the socket', async () => {
    const { socket } = await t.desk('housing.agent1');
    expect(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: 0, limit: 10 })).toMatchObject({ ok: true });
    expect(await request(socket, 'case.citizenDetails', { caseId: housingCase.id })).toMatchObject({ ok: true });
    await setStaff('housing.agent1', { active: 0 });
    await sleep(SESSION_CACHE_MS + 50);
    const gone = disconnected(socket);
    expect(await request(socket, 'case.citizenDetails', { caseId: housingCase.id })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await gone;
    const audits = await t.server.store.db.selectFrom('audit').select('id').where('case_id', '=', housingCase.id).where('staff_id', '=', 'stf-housing.agent1').execute();
    expect(audits).toHaveLength(1);
  });

  it('refuses a bootstrap and a pull once the role changed, then the user reconnects with the new role', async () => {
    const first = await t.desk('housing.agent2');
    const second = await t.connect(first.login.token);
    await setStaff('housing.agent2', { role: 'supervisor' });
    await sleep(SESSION_CACHE_MS + 50);
    expect(await request(first.socket, 'sync.bootstrap', { agencyId: 'housing', cursor: null, limit: 10 })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await request(second, 'sync.pull', { agencyId: 'housing', afterSeq: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await Promise.all([disconnected(first.socket), disconnected(second)]);
    const again = await t.connect(first.login.token);
    expect(await request(again, 'sync.pull', { agencyId: 'housing', afterSeq: 0, limit: 10 })).toMatchObject({ ok: true });
  });

  it('caps the sockets one user may hold open', async () => {
    const session = await t.login('housing.agent3');
    const open = [await t.connect(session.token), await t.connect(session.token), await t.connect(session.token)];
    await expect(t.connect(session.token)).rejects.toThrow('too_many_connections');
    // another user is not counted against it; a socket closed frees its place
    await t.desk('housing.supervisor');
    open[0]?.disconnect();
    await sleep(100);
    expect((await t.connect(session.token)).connected).toBe(true);
  });
});
