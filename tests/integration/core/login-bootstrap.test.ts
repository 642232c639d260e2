import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/desk-api';
import type { SyncStatus } from '../../../shared/desk-api';
import { BACKENDS, eventually, loggedInAndSynced, startCaseServer, startCore, tempDir } from './helpers';
import type { ServerStore, TestCore } from './helpers';

const dirs: ReturnType<typeof tempDir>[] = [];
const cores: TestCore[] = [];

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d.dir;
}

afterAll(() => {
  for (const d of dirs) d.remove();
});

describe.each(BACKENDS)('desk core: sign-in and bootstrap, server on $name', (backend) => {
  let store: ServerStore;
  let server: Awaited<ReturnType<typeof startCaseServer>>;

  beforeAll(async () => {
    store = backend.createStore();
    server = await startCaseServer(store);
  });

  afterAll(async () => {
    try {
      for (const core of cores.splice(0)) await core.close();
      await server.close();
    } finally {
      await store.drop();
    }
  });

  it('refuses wrong credentials and an unreachable server with stable codes', async () => {
    const core = startCore(dir('core-'), server.url);
    cores.push(core);
    await expect(core.handlers['session.login']({ username: 'housing.agent1', password: 'nope' })).rejects.toMatchObject({
      code: 'bad_credentials',
    });
    await expect(
      core.handlers['session.login']({ serverUrl: 'http://127.0.0.1:9', username: 'housing.agent1', password: 'x' }),
    ).rejects.toBeInstanceOf(DeskError);
    await expect(core.handlers['views.counts']({})).rejects.toMatchObject({ code: 'not_logged_in' });
  });

  it('signs in, bootstraps every visible case with progress, and serves views, search and threads', async () => {
    const core = startCore(dir('core-'), server.url);
    cores.push(core);
    await loggedInAndSynced(core, 'housing.agent1');
    const progress = core.events
      .filter((e) => e.event === 'sync.status')
      .map((e) => (e.payload as SyncStatus).progress)
      .filter((p) => p !== null);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);

    const ref = await core.handlers['reference.get']({});
    expect(ref.self.username).toBe('housing.agent1');
    const counts = await core.handlers['views.counts']({});
    expect(counts.all).toBeGreaterThan(0);

    const seen = new Set<string>();
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<TestCore['handlers']['cases.page']>> = await core.handlers['cases.page']({ view: 'all', filter: {}, after, limit: 50 });
      for (const row of page.rows) seen.add(row.id);
      after = page.nextCursor;
    } while (after !== null);
    expect(seen.size).toBe(counts.all);

    const first = (await core.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 1 })).rows[0];
    const byRef = await core.handlers['cases.search']({ query: first.ref, view: 'all', filter: {}, limit: 10 });
    expect(byRef.rows[0]?.id).toBe(first.id);
    const detail = await core.handlers['cases.get']({ caseId: first.id });
    expect(detail?.case.id).toBe(first.id);
    expect(detail!.messages.length).toBeGreaterThan(0);
  });

  it('builds the search index after a first bootstrap, saying so meanwhile, then finds by text', async () => {
    const core = startCore(dir('core-'), server.url);
    cores.push(core);
    await loggedInAndSynced(core, 'housing.agent3');
    const statuses = core.events.filter((e) => e.event === 'sync.status').map((e) => e.payload as SyncStatus);
    const indexing = statuses.findIndex((s) => s.searchIndexing != null);
    expect(indexing).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(indexing).some((s) => s.searchIndexing === null)).toBe(true);
    expect((await core.handlers['sync.status']({})).searchIndexing ?? null).toBeNull();

    const first = (await core.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 1 })).rows[0];
    const word = first.subject.split(/\s+/).find((w) => w.length >= 4) ?? first.subject;
    const found = await core.handlers['cases.search']({ query: `${word} `, view: 'all', filter: {}, limit: 500 });
    expect(found.indexing).toBeUndefined();
    expect(found.rows.map((r) => r.id)).toContain(first.id);
    // the indexes dropped for the load are back: a CPR lookup and the views' keyset pages use them
    const plan = await core.handlers['cases.search']({ query: first.ref, view: 'all', filter: {}, limit: 5 });
    expect(plan.rows[0]?.id).toBe(first.id);
  });

  it('restores the session after a restart of the core, without signing in again', async () => {
    const dataDir = dir('core-');
    const core = startCore(dataDir, server.url);
    await loggedInAndSynced(core, 'housing.agent2');
    const before = await core.handlers['views.counts']({});
    await core.close();

    const again = startCore(dataDir, server.url);
    cores.push(again);
    const current = await again.handlers['session.current']({});
    expect(current.staff?.username).toBe('housing.agent2');
    await eventually('online again', async () => (await again.handlers['sync.status']({})).state === 'online');
    expect((await again.handlers['views.counts']({})).all).toBe(before.all);

    await again.handlers['session.logout']({});
    expect((await again.handlers['session.current']({})).staff).toBeNull();
    await expect(again.handlers['views.counts']({})).rejects.toMatchObject({ code: 'not_logged_in' });
  });
});
