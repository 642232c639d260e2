// Many writers at once: seq order is commit order, so a reader following the feed (or
// jumping into it anywhere) never skips or repeats a seq, and the live broadcast agrees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesEvent, PullResult } from '../../../shared/protocol';
import { headSeq } from '../../../server/store/feed';
import { BACKENDS, mutationId, request, startTestServer, valueOf } from './harness';
import type { DeskClient, TestServer } from './harness';

describe.each(BACKENDS)('concurrent writers on $name', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    // the readers below poll as fast as they can; the per-socket limit is not under test here
    t = await startTestServer(backend, { socketRateLimit: { perSecond: 100_000, burst: 100_000 } });
  });
  afterAll(async () => {
    await t.stop();
  });

  async function fileCase(agencyId: string): Promise<string> {
    const response = await fetch(`${t.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
      body: JSON.stringify({ kind: 'enquiry', agencyId, citizen: { name: 'Huda', language: 'en' }, subject: 'Opening hours', body: '?', language: 'en' }),
    });
    return ((await response.json()) as { id: string }).id;
  }

  it('8 writers × 50 mutations: every reader sees each seq exactly once, in order', async () => {
    const writers = ['housing.agent1', 'housing.agent2', 'housing.agent3', 'housing.agent4', 'housing.agent5', 'housing.agent6', 'housing.supervisor', 'callcentre.agent1'];
    const desks = await Promise.all(writers.map((u) => t.desk(u)));
    const listener = await t.desk('housing.agent1');
    const reader = await t.desk('housing.agent2');
    const randomReader = await t.desk('housing.supervisor');
    const caseIds = await Promise.all(writers.map(() => fileCase('housing')));
    const start = await headSeq(t.server.store.db, 'housing');

    const live: ChangesEvent[] = [];
    listener.socket.on('changes', (event) => {
      if (event.agencyId === 'housing') live.push(event);
    });

    let writing = true;
    const writes = Promise.all(
      desks.map(async ({ socket }, w) => {
        for (let i = 0; i < 50; i++) {
          valueOf(await request(socket, 'mutate', { id: mutationId(), name: 'case.note', args: { caseId: caseIds[w] ?? '', body: `note ${w}/${i}` } }));
        }
      }),
    ).finally(() => {
      writing = false;
    });

    const followed: number[] = [];
    const follow = async (socket: DeskClient) => {
      let last = start;
      for (;;) {
        const stillWriting = writing;
        const page: PullResult = valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq: last, limit: 7 }));
        expect(page.resync).toBe(false);
        page.changes.forEach((c, i) => expect(c.seq).toBe(last + 1 + i));
        for (const c of page.changes) followed.push(c.seq);
        last = page.toSeq;
        if (!stillWriting && page.changes.length === 0) return;
      }
    };
    const sample = async (socket: DeskClient) => {
      let samples = 0;
      while (writing || samples < 5) {
        const head = await headSeq(t.server.store.db, 'housing');
        const afterSeq = start + Math.floor(Math.random() * (head - start + 1));
        const page: PullResult = valueOf(await request(socket, 'sync.pull', { agencyId: 'housing', afterSeq, limit: 50 }));
        page.changes.forEach((c, i) => expect(c.seq).toBe(afterSeq + 1 + i));
        samples++;
      }
    };
    await Promise.all([writes, follow(reader.socket), sample(randomReader.socket)]);

    const end = await headSeq(t.server.store.db, 'housing');
    expect(end - start).toBe(8 * 50 * 2);
    const expected = Array.from({ length: end - start }, (_, i) => start + 1 + i);
    expect(followed).toEqual(expected);
    // the live broadcast, once it has all arrived, holds the same seqs once each
    await new Promise<void>((resolve) => {
      const check = () => (live.reduce((n, e) => n + e.changes.length, 0) >= end - start ? resolve() : setTimeout(check, 20));
      check();
    });
    const liveSeqs = live.flatMap((e) => e.changes.map((c) => c.seq)).sort((a, b) => a - b);
    expect(liveSeqs).toEqual(expected);
  });
});
