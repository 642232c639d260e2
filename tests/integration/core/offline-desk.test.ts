// A desk whose server is unreachable keeps working from its cache: every view, count, search
// and case reads as before; mutations queue (predicted at once); `sync.status` is pushed with
// state offline and the outbox size. When the network returns, nobody does anything: the desk
// reconnects, delivers its outbox, catches up with what others did, and equals the server.
import { afterEach, describe, expect, it } from 'vitest';
import { VIEW_IDS } from '../../../shared/desk-api';
import type { SyncStatus } from '../../../shared/desk-api';
import { deskSnapshot, differences, serverSnapshot } from './compare';
import { BACKENDS, eventually, loggedInAndSynced, startCaseServer, startCore, tempDir } from './helpers';
import type { TestCore } from './helpers';
import { startLink } from './link';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dir(prefix: string): string {
  const d = tempDir(prefix);
  cleanups.push(d.remove);
  return d.dir;
}

/** The last sync.status the core pushed (not asked for). */
function pushedStatus(core: TestCore): SyncStatus | undefined {
  return core.events.filter((e) => e.event === 'sync.status').at(-1)?.payload as SyncStatus | undefined;
}

/** Everything the renderer reads, as it reads it. */
async function readEverything(core: TestCore, queries: readonly string[], caseIds: readonly string[]) {
  const pages: Record<string, string[]> = {};
  for (const view of VIEW_IDS) {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<TestCore['handlers']['cases.page']>> = await core.handlers['cases.page']({ view, filter: {}, after, limit: 100 });
      ids.push(...page.rows.map((r) => r.id));
      after = page.nextCursor;
    } while (after !== null);
    pages[view] = ids;
  }
  const searches: Record<string, string[]> = {};
  for (const query of queries) {
    searches[query] = (await core.handlers['cases.search']({ query, view: 'all', filter: {}, limit: 100 })).rows.map((r) => r.id);
  }
  const cases = await Promise.all(caseIds.map((caseId) => core.handlers['cases.get']({ caseId })));
  return { pages, counts: await core.handlers['views.counts']({}), searches, cases };
}

describe.each(BACKENDS)('a desk with its server unreachable, server on $name', (backend) => {
  it('reads everything from its cache, queues mutations, says so, and converges on its own when the network returns', async () => {
    const store = backend.createStore();
    cleanups.push(() => store.drop());
    const server = await startCaseServer(store);
    cleanups.push(() => server.close());
    const link = await startLink(server.url);
    cleanups.push(() => link.close());
    const desk = startCore(dir('core-desk-'), link.url);
    cleanups.push(() => desk.close());
    const colleague = startCore(dir('core-colleague-'), server.url);
    cleanups.push(() => colleague.close());
    await Promise.all([loggedInAndSynced(desk, 'housing.agent1'), loggedInAndSynced(colleague, 'housing.agent2')]);

    const all = (await desk.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 20 })).rows;
    const arabic = all.find((r) => r.language === 'ar')!;
    const queries = [all[0].ref, arabic.subject.split(' ')[0], arabic.citizenName.split(' ')[0]];
    const caseIds = all.slice(0, 10).map((r) => r.id);
    const online = await readEverything(desk, queries, caseIds);
    expect(online.counts.all).toBeGreaterThan(0);
    for (const query of queries) expect(online.searches[query].length).toBeGreaterThan(0);

    link.cut();
    await eventually('offline pushed', () => pushedStatus(desk)?.state === 'offline');
    expect(await readEverything(desk, queries, caseIds)).toEqual(online);

    // work goes on: this desk queues, a colleague on another case is heard of later
    const mine = (await desk.handlers['cases.page']({ view: 'unassigned', filter: { status: 'new' }, after: null, limit: 2 })).rows;
    const [taken, noted] = [mine[0].id, mine[1].id];
    const replyBody = `offline reply ${Date.now()}`;
    await desk.handlers['cases.mutate']({ name: 'case.take', args: { caseId: taken } });
    await desk.handlers['cases.mutate']({ name: 'case.reply', args: { caseId: taken, body: replyBody, final: false } });
    await desk.handlers['cases.mutate']({ name: 'case.note', args: { caseId: noted, body: 'offline note' } });
    expect(await desk.handlers['outbox.list']({})).toHaveLength(3);
    await eventually('offline with 3 waiting pushed', () => {
      const status = pushedStatus(desk);
      return status?.state === 'offline' && status.outboxSize === 3;
    });
    const predicted = await desk.handlers['cases.get']({ caseId: taken });
    expect(predicted!.case.assigneeId).toBe('stf-housing.agent1');
    expect(predicted!.messages.some((m) => m.body === replyBody)).toBe(true);
    expect((await desk.handlers['cases.page']({ view: 'mine', filter: {}, after: null, limit: 500 })).rows.find((r) => r.id === taken)?.pending).toBe(true);
    expect((await desk.handlers['cases.search']({ query: replyBody, view: 'all', filter: {}, limit: 5 })).rows.map((r) => r.id)).toEqual([taken]);

    const colleagueCase = all.find((r) => r.id !== taken && r.id !== noted)!.id;
    await colleague.handlers['cases.mutate']({ name: 'case.note', args: { caseId: colleagueCase, body: 'noted while the other desk was offline' } });
    await eventually('colleague delivered', async () => (await colleague.handlers['outbox.list']({})).length === 0);

    link.restore();
    // from here on the desk is only watched, never called upon to sync
    await eventually('online with an empty outbox pushed', () => {
      const status = pushedStatus(desk);
      return status?.state === 'online' && status.outboxSize === 0;
    }, 30_000);
    const remaining = await eventually('the desk equals the server', async () => {
      const found = differences(deskSnapshot({ dataDir: desk.dataDir, serverUrl: link.url, staffId: 'stf-housing.agent1' }, 'housing'), await serverSnapshot(server.store.db, 'housing'));
      return found.length === 0 ? found : null;
    });
    expect(remaining).toEqual([]);
    const replies = await server.store.db.selectFrom('messages').select('id').where('case_id', '=', taken).where('body', '=', replyBody).execute();
    expect(replies).toHaveLength(1);
    expect((await desk.handlers['cases.get']({ caseId: colleagueCase }))!.messages.some((m) => m.body === 'noted while the other desk was offline')).toBe(true);
  });
});
