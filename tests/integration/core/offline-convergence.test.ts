// A desk cut off from the network while 1,000 changes happen on the server (a colleague's desk
// and the citizens' intake API make them) catches up by itself once the network is back: its
// cache then equals the server, case by case (version) and thread by thread.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/index';
import { headSeq } from '../../../server/store/feed';
import { deskSnapshot, differences, serverSnapshot } from './compare';
import { BACKENDS, eventually, inBatches, intake, loggedInAndSynced, startCaseServer, startCore, tempDir } from './helpers';
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

async function converged(desk: TestCore, url: string, staffId: string, server: RunningServer): Promise<string[]> {
  return differences(deskSnapshot({ dataDir: desk.dataDir, serverUrl: url, staffId }, 'housing'), await serverSnapshot(server.store.db, 'housing'));
}

describe.each(BACKENDS)('a desk offline while 1,000 changes happen, server on $name', (backend) => {
  it('converges on reconnect without anyone doing anything', async () => {
    const store = backend.createStore();
    cleanups.push(() => store.drop());
    const server = await startCaseServer(store);
    cleanups.push(() => server.close());
    const link = await startLink(server.url);
    cleanups.push(() => link.close());

    const offline = startCore(dir('core-offline-'), link.url);
    cleanups.push(() => offline.close());
    const colleague = startCore(dir('core-colleague-'), server.url);
    cleanups.push(() => colleague.close());
    await Promise.all([loggedInAndSynced(offline, 'housing.agent1'), loggedInAndSynced(colleague, 'housing.supervisor')]);
    expect(await converged(offline, link.url, 'stf-housing.agent1', server)).toEqual([]);

    link.cut();
    await eventually('the desk knows it is offline', async () => (await offline.handlers['sync.status']({})).state !== 'online');
    const seqBefore = await headSeq(server.store.db, 'housing');

    // citizens file 200 new requests and write 100 messages on them (intake API)…
    const filed: string[] = [];
    await inBatches([...Array(200).keys()], 20, async (n) => {
      const { ref } = await intake(server.url, '', {
        kind: n % 3 === 0 ? 'suggestion' : 'complaint', agencyId: 'housing', citizen: { name: `مواطن ${n}`, language: 'ar' },
        subject: `طلب رقم ${n}`, body: 'نص الطلب', language: 'ar',
      });
      filed.push(ref);
    });
    await inBatches(filed.slice(0, 100), 20, (ref) => intake(server.url, `/${ref}/messages`, { body: 'إضافة من المواطن' }));
    // …while the supervisor's desk notes cases one by one and re-prioritises and tags in bulk
    const rows = (await colleague.handlers['cases.page']({ view: 'inbox', filter: {}, after: null, limit: 300 })).rows;
    expect(rows.length).toBeGreaterThanOrEqual(150);
    const caseIds = rows.slice(0, 150).map((r) => r.id);
    for (const [i, caseId] of caseIds.slice(0, 60).entries()) {
      await colleague.handlers['cases.mutate']({ name: 'case.note', args: { caseId, body: `ملاحظة ${i}` } });
    }
    await colleague.handlers['cases.mutate']({ name: 'bulk.setPriority', args: { caseIds, priority: 'urgent' } });
    await colleague.handlers['cases.mutate']({ name: 'bulk.tag', args: { caseIds, add: ['offline-test'], remove: [] } });
    await eventually('the colleague\'s outbox is delivered', async () => (await colleague.handlers['outbox.list']({})).length === 0, 60_000);
    const changes = (await headSeq(server.store.db, 'housing')) - seqBefore;
    expect(changes).toBeGreaterThanOrEqual(1_000);
    expect((await offline.handlers['sync.status']({})).state).not.toBe('online');

    link.restore();
    await eventually('the offline desk is back online', async () => (await offline.handlers['sync.status']({})).state === 'online', 30_000);
    const remaining = await eventually('the desk equals the server', async () => {
      const found = await converged(offline, link.url, 'stf-housing.agent1', server);
      return found.length === 0 ? found : null;
    }, 30_000);
    expect(remaining).toEqual([]);
    expect(await converged(colleague, server.url, 'stf-housing.supervisor', server)).toEqual([]);
  });
});
