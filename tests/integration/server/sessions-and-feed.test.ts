// Logging out closes that token's live sockets (and only them); the change feed is pruned on a
// timer, after which a desk that asks for pruned changes is told to resync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { PullResult } from '../../../shared/protocol';
import { headSeq } from '../../../server/store/feed';
import { pruneOnce, DEFAULT_RETENTION } from '../../../server/store/retention';
import { BACKENDS, request, startTestServer, valueOf } from './harness';
import type { TestServer } from './harness';

const KEEP = 6;

function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not reached in 5 s');
}

describe.each(BACKENDS)('sessions and feed retention on $name', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend, {
      seed: { cases: 0, password: 'tawasul-demo' },
      retention: { changesPerAgency: KEEP, everyMs: 30 },
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  async function fileCase(agencyId: string): Promise<void> {
    const response = await fetch(`${t.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
      body: JSON.stringify({ kind: 'enquiry', agencyId, citizen: { name: 'Huda', language: 'en' }, subject: 'Opening hours', body: '?', language: 'en' }),
    });
    expect(response.status).toBe(201);
  }

  it('logout disconnects every socket of that token, and no other session of the same person', async () => {
    const first = await t.login('housing.agent1');
    const second = await t.login('housing.agent1');
    const a1 = await t.connect(first.token);
    const a2 = await t.connect(first.token);
    const b = await t.connect(second.token);
    const gone = Promise.all([disconnected(a1), disconnected(a2)]);

    const out = await fetch(`${t.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${first.token}` } });
    expect(out.status).toBe(200);
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
    expect(b.connected).toBe(true);
    // the other session still hears its agency
    const heard = new Promise((resolve) => b.once('changes', resolve));
    await fileCase('housing');
    await heard;
    expect(valueOf(await request(b, 'sync.reference', {})).self.username).toBe('housing.agent1');
    await expect(t.connect(first.token)).rejects.toThrow('unauthorized');
  });

  it('the timer keeps the newest changes per agency; a pull from before them gets resync', async () => {
    const { socket } = await t.desk('housing.supervisor');
    for (let i = 0; i < 6; i++) await fileCase('housing');
    const head = await headSeq(t.server.store.db, 'housing');
    expect(head).toBeGreaterThan(KEEP + 2);
    const oldest = async () =>
      Number((await t.server.store.db.selectFrom('changes').select((eb) => eb.fn.min('seq').as('s')).where('agency_id', '=', 'housing').executeTakeFirst())?.s);
    await until(async () => (await oldest()) === head - KEEP + 1);

    const stale: PullResult = valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: 0, limit: 100 }));
    expect(stale).toEqual({ changes: [], toSeq: 0, headSeq: head, resync: true });
    const justPruned: PullResult = valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: head - KEEP - 1, limit: 100 }));
    expect(justPruned.resync).toBe(true);
    const kept: PullResult = valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: head - KEEP, limit: 100 }));
    expect(kept.resync).toBe(false);
    expect(kept.changes.map((c) => c.seq)).toEqual(Array.from({ length: KEEP }, (_, i) => head - KEEP + 1 + i));
  });

  it('changes older than the age limit go too; a desk at the head is not disturbed', async () => {
    const { socket } = await t.desk('housing.supervisor');
    await fileCase('housing');
    const head = await headSeq(t.server.store.db, 'housing');
    const pruned = await pruneOnce(t.server.store.db, { ...DEFAULT_RETENTION, changesMaxAgeMs: 1_000 }, Date.now() + 60_000);
    expect(pruned.changes).toBeGreaterThan(0);
    expect(valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: head - 1, limit: 10 })).resync).toBe(true);
    expect(valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: head, limit: 10 }))).toEqual({ changes: [], toSeq: head, headSeq: head, resync: false });
    // the feed goes on from the head: a new change is pulled normally
    await fileCase('housing');
    const next = valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: head, limit: 10 }));
    expect(next.resync).toBe(false);
    expect(next.changes[0]?.seq).toBe(head + 1);
  });
});
