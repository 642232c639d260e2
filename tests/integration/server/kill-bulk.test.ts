// The server SIGKILLed in the middle of a bulk assign of 10,000 cases: after a restart either
// all 10,000 are assigned or none is, the feed has no gap, and the desk's resend of the same
// mutation id then applies it exactly once.
import { pino } from 'pino';
import { io as connectClient } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack, MutateResult, PullResult } from '../../../shared/protocol';
import { seedDemo } from '../../../server/seed/index';
import { openStore } from '../../../server/store/db';
import type { Store, StoreOptions } from '../../../server/store/db';
import { headSeq } from '../../../server/store/feed';
import { insertFixtureCases, makeCase } from './case-fixture';
import { loginToken, startChildServer } from './child-server';
import type { ChildServer, ChildStore } from './child-server';
import { BACKENDS, PASSWORD } from './harness';
import type { DeskClient } from './harness';

const BULK = 10_000;
const AGENTS = Array.from({ length: 6 }, (_, i) => `stf-housing.agent${i + 1}`);

async function connectDesk(server: ChildServer, username: string): Promise<DeskClient> {
  const token = await loginToken(server.url, username, PASSWORD);
  const socket: DeskClient = connectClient(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function pullAll(socket: DeskClient, afterSeq: number): Promise<number[]> {
  const seqs: number[] = [];
  let last = afterSeq;
  for (;;) {
    const ack: Ack<PullResult> = await socket.emitWithAck('sync.pull', { agencyId: 'housing', afterSeq: last, limit: 5_000 });
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.value.resync).toBe(false);
    for (const c of ack.value.changes) seqs.push(c.seq);
    if (ack.value.changes.length === 0) return seqs;
    last = ack.value.toSeq;
  }
}

describe.each(BACKENDS)('SIGKILL during a bulk assign on $name', (backend) => {
  const prepared = backend.prepare();
  const o = prepared.options;
  const storeOptions: StoreOptions = o.dataDir !== undefined ? { dataDir: o.dataDir } : { databaseUrl: o.databaseUrl ?? '', schema: o.databaseSchema ?? '' };
  const childStore: ChildStore = o.dataDir !== undefined ? { dataDir: o.dataDir } : { databaseUrl: o.databaseUrl ?? '', schema: o.databaseSchema ?? '' };
  const children: ChildServer[] = [];
  const sockets: DeskClient[] = [];

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await prepared.cleanup();
  });

  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = await openStore(storeOptions);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it('all 10,000 or none after restart, no seq gap, and the resend applies once', async () => {
    const caseIds = await withStore(async (store) => {
      await seedDemo(store, { cases: 0, password: PASSWORD, logger: pino({ level: 'silent' }) });
      const cases = Array.from({ length: BULK }, () => makeCase('housing'));
      await insertFixtureCases(store, cases);
      return cases.map((c) => c.id);
    });

    const first = await startChildServer(childStore, [], { LOG_LEVEL: 'debug' });
    children.push(first);
    const supervisor = await connectDesk(first, 'housing.supervisor');
    sockets.push(supervisor);
    const envelope = { id: `bulk-kill-${process.pid}-${Date.now()}`, name: 'bulk.assign' as const, args: { caseIds, assigneeIds: AGENTS } };
    let acked = false;
    supervisor.emit('mutate', envelope, () => {
      acked = true;
    });
    await first.logLine(/writing a bulk mutation/);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const counts = await withStore(async (store) => {
      const rows = await store.db
        .selectFrom('cases')
        .select(['assignee_id'])
        .where('agency_id', '=', 'housing')
        .where('id', 'like', 'fx-%')
        .execute();
      const assigned = rows.filter((r) => r.assignee_id !== null).length;
      const mutation = await store.db.selectFrom('mutations').select('result').where('id', '=', envelope.id).executeTakeFirst();
      const head = await headSeq(store.db, 'housing');
      const changes = await store.db.selectFrom('changes').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', 'housing').executeTakeFirstOrThrow();
      const messages = await store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', 'like', 'fx-%').executeTakeFirstOrThrow();
      return { total: rows.length, assigned, mutation, head, changes: Number(changes.n), messages: Number(messages.n) };
    });
    expect(counts.total).toBe(BULK);
    // all or nothing: the case rows, their event messages, the feed and the mutation record agree
    if (counts.assigned === 0) {
      expect(acked).toBe(false);
      expect(counts).toMatchObject({ mutation: undefined, head: 0, changes: 0, messages: 0 });
    } else {
      expect(counts.assigned).toBe(BULK);
      expect(counts.mutation?.result).toContain(envelope.id);
      expect(counts).toMatchObject({ head: 2 * BULK, changes: 2 * BULK, messages: BULK });
    }

    // restart; the desk's outbox sends the same mutation again
    const second = await startChildServer(childStore);
    children.push(second);
    const again = await connectDesk(second, 'housing.supervisor');
    sockets.push(again);
    const resent: Ack<MutateResult> = await again.emitWithAck('mutate', envelope);
    expect(resent).toMatchObject({ ok: true, value: { mutationId: envelope.id, replayed: counts.assigned === BULK } });
    const seqs = await pullAll(again, 0);
    expect(seqs).toEqual(Array.from({ length: 2 * BULK }, (_, i) => i + 1));

    await withStore(async (store) => {
      const rows = await store.db
        .selectFrom('cases')
        .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('id', 'like', 'fx-%')
        .groupBy('assignee_id')
        .execute();
      // balanced round-robin over the six agents, every case assigned once
      expect(rows.map((r) => [r.assignee_id, Number(r.n)]).sort()).toEqual(AGENTS.map((a, i) => [a, Math.floor(BULK / 6) + (i < BULK % 6 ? 1 : 0)]).sort());
      expect(await headSeq(store.db, 'housing')).toBe(2 * BULK);
    });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});
