// A cache file damaged while the desk was closed (random bytes over part of it, header left
// intact, as a torn write or a bad sector would leave it): the next start moves it aside,
// rebuilds the cache from the server, keeps the outbox, and delivers the reply that was
// waiting in it, once.
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sessionFileKey } from '../../../main/core/live-session';
import { deskSnapshot, differences, serverSnapshot } from './compare';
import { BACKENDS, eventually, loggedInAndSynced, startCaseServer, startCore, tempDir } from './helpers';
import { startLink } from './link';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scribble(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  try {
    // past the 100-byte header and the schema page: the tables' own pages
    for (const at of [Math.floor(size * 0.3), Math.floor(size * 0.6)]) writeSync(fd, randomBytes(64 * 1024), 0, 64 * 1024, at);
  } finally {
    closeSync(fd);
  }
}

describe.each(BACKENDS)('a corrupt cache file, server on $name', (backend) => {
  it('is rebuilt from the server with the outbox intact, and the waiting reply is delivered once', async () => {
    const store = backend.createStore();
    cleanups.push(() => store.drop());
    const server = await startCaseServer(store);
    cleanups.push(() => server.close());
    const link = await startLink(server.url);
    cleanups.push(() => link.close());
    const { dir, remove } = tempDir('core-corrupt-');
    cleanups.push(remove);

    const first = startCore(dir, link.url);
    await loggedInAndSynced(first, 'housing.agent1');
    const caseId = (await first.handlers['cases.page']({ view: 'unassigned', filter: { status: 'new' }, after: null, limit: 1 })).rows[0].id;
    await first.handlers['cases.mutate']({ name: 'case.take', args: { caseId } });
    await eventually('taken', async () => (await first.handlers['outbox.list']({})).length === 0);

    link.cut();
    await eventually('offline', async () => (await first.handlers['sync.status']({})).state !== 'online');
    const body = `written before the cache broke ${Date.now()}`;
    const { mutationId } = await first.handlers['cases.mutate']({ name: 'case.reply', args: { caseId, body, final: false } });
    await first.close();

    const cacheFile = join(dir, 'caches', `${sessionFileKey(link.url, 'stf-housing.agent1')}.sqlite`);
    scribble(cacheFile);
    link.restore();

    const second = startCore(dir, link.url);
    cleanups.push(() => second.close());
    expect((await second.handlers['outbox.list']({})).map((m) => m.id)).toEqual([mutationId]);
    // the scribbled file is deleted and rebuilt, not kept aside
    expect(readdirSync(join(dir, 'caches')).filter((f) => !f.startsWith(basename(cacheFile)))).toEqual([]);
    await eventually('the reply is delivered', async () => (await second.handlers['outbox.list']({})).length === 0, 30_000);
    await eventually('online', async () => (await second.handlers['sync.status']({})).state === 'online');

    const onServer = await server.store.db.selectFrom('messages').select('id').where('case_id', '=', caseId).where('body', '=', body).execute();
    expect(onServer).toHaveLength(1);
    const remaining = await eventually('the rebuilt cache equals the server', async () => {
      const found = differences(deskSnapshot({ dataDir: dir, serverUrl: link.url, staffId: 'stf-housing.agent1' }, 'housing'), await serverSnapshot(server.store.db, 'housing'));
      return found.length === 0 ? found : null;
    });
    expect(remaining).toEqual([]);
    const seen = await second.handlers['cases.get']({ caseId });
    expect(seen!.messages.filter((m) => m.body === body)).toHaveLength(1);
    expect(seen!.pending).toEqual([]);
  });
});
