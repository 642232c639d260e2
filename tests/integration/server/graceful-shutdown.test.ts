// SIGTERM while desks are writing: the server stops taking socket events, lets the ones in
// flight commit and be acked, then exits 0. Afterwards every acked mutation is in the store,
// every stored mutation is whole (its result, its note, its audit row, its feed entries), and
// the feed has no gap.
import { io as connectClient } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/store/db';
import { headSeq } from '../../../server/store/feed';
import { loginToken, startChildServer } from './child-server';
import type { ChildStore } from './child-server';
import { BACKENDS, PASSWORD } from './harness';
import type { DeskClient } from './harness';

const WRITERS = ['housing.agent1', 'housing.agent2', 'housing.agent3', 'housing.agent4', 'housing.supervisor'];
const PER_WRITER = 4;
const SIGTERM_AFTER_ACKS = 80;

type Outcome = 'acked' | 'refused' | 'no-ack';

describe.each(BACKENDS)('graceful shutdown under load on $name', (backend) => {
  const prepared = backend.prepare();
  const o = prepared.options;
  const childStore: ChildStore = o.dataDir !== undefined ? { dataDir: o.dataDir } : { databaseUrl: o.databaseUrl ?? '', schema: o.databaseSchema ?? '' };
  const sockets: DeskClient[] = [];

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await prepared.cleanup();
  });

  it('each acked mutation is durable and none is half-written', async () => {
    const server = await startChildServer(childStore, ['--seed', 'demo', '--cases', '60']);
    try {
      const caseIds: string[] = [];
      for (let i = 0; i < WRITERS.length; i++) {
        const response = await fetch(`${server.url}/api/intake/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
          body: JSON.stringify({ kind: 'complaint', agencyId: 'housing', citizen: { name: 'Ali', language: 'en' }, subject: `Load ${i}`, body: 'x', language: 'en' }),
        });
        caseIds.push(((await response.json()) as { id: string }).id);
      }
      for (const username of WRITERS) {
        const token = await loginToken(server.url, username, PASSWORD);
        const socket: DeskClient = connectClient(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(socket);
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
      }

      const outcomes = new Map<string, Outcome>();
      let acked = 0;
      let counter = 0;
      let signalled = false;
      const write = async (socket: DeskClient, caseId: string) => {
        while (socket.connected) {
          counter += 1;
          const id = `shutdown-${process.pid}-${counter.toString().padStart(6, '0')}`;
          const reply = await new Promise<Outcome>((resolve) => {
            socket.timeout(15_000).emit('mutate', { id, name: 'case.note', args: { caseId, body: id } }, (error, ack) => {
              resolve(error ? 'no-ack' : ack.ok ? 'acked' : 'refused');
            });
          });
          outcomes.set(id, reply);
          if (reply === 'acked') acked += 1;
          // refused while the server drains ('unavailable'): a desk's outbox backs off too
          else await new Promise((resolve) => setTimeout(resolve, 20));
          if (acked >= SIGTERM_AFTER_ACKS && !signalled) {
            signalled = true;
            server.child.kill('SIGTERM');
          }
        }
      };
      await Promise.all(sockets.flatMap((socket, w) => Array.from({ length: PER_WRITER }, () => write(socket, caseIds[w] ?? ''))));
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(acked).toBeGreaterThanOrEqual(SIGTERM_AFTER_ACKS);

      const store = await openStore(o.dataDir !== undefined ? { dataDir: o.dataDir } : { databaseUrl: o.databaseUrl ?? '', schema: o.databaseSchema ?? '' });
      try {
        const mutations = await store.db.selectFrom('mutations').select(['id', 'result']).where('id', 'like', 'shutdown-%').execute();
        const notes = await store.db.selectFrom('messages').select(['body']).where('kind', '=', 'note').where('body', 'like', 'shutdown-%').execute();
        const audits = await store.db.selectFrom('audit').select(['detail']).where('action', '=', 'case.note').execute();
        const stored = new Map(mutations.map((m) => [m.id, m.result]));
        const noteCount = new Map<string, number>();
        for (const n of notes) noteCount.set(n.body, (noteCount.get(n.body) ?? 0) + 1);
        const audited = new Set(audits.map((a) => (JSON.parse(a.detail ?? '{}') as { mutationId?: string }).mutationId));

        for (const [id, outcome] of outcomes) {
          if (outcome === 'acked') expect(stored.has(id), `acked ${id} is stored`).toBe(true);
        }
        for (const [id, result] of stored) {
          expect(result, `${id} has its result`).toContain(id);
          expect(noteCount.get(id), `${id} wrote its note once`).toBe(1);
          expect(audited.has(id), `${id} is audited`).toBe(true);
        }
        expect(notes).toHaveLength(stored.size);

        const head = await headSeq(store.db, 'housing');
        const seqs = (await store.db.selectFrom('changes').select('seq').where('agency_id', '=', 'housing').orderBy('seq').execute()).map((r) => r.seq);
        expect(seqs).toEqual(Array.from({ length: head }, (_, i) => i + 1));
        // each note is two feed entries (the case, its message); the five filed cases two each
        expect(head).toBe(2 * stored.size + 2 * WRITERS.length);
      } finally {
        await store.close();
      }
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
