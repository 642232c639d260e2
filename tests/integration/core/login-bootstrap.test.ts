import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/desk-api';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sessionFileKey } from '../../../main/core/live-session';
import { BACKENDS, PASSWORD, eventually, loggedInAndSynced, openDeskFile, startCaseServer, startCore, tempDir } from './helpers';
import type { ServerStore, TestCore } from './helpers';
import { CodedError } from '../../../shared/errors';

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
    ).rejects.toBeInstanceOf(CodedError);
    await expect(core.handlers['views.counts']({})).rejects.toMatchObject({ code: 'not_logged_in' });
  });

  it('signs in, bootstraps every visible case with progress, and serves views, search and threads', async () => {
    const core = startCore(dir('core-'), server.url);
    cores.push(core);
    await loggedInAndSynced(core, 'housing.agent1');
    const progress = core.events
      .filter((e) => e.event === 'sync.status')
      .map((e) => e.payload as SyncStatus)
      .filter((status) => status.coverage?.casesKnown === true)
      .map((status) => status.progress)
      .filter((p) => p !== null);
    expect(progress.length).toBeGreaterThan(0);
    // progress only rises, toward the server's count known from the first status on
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done)).toBe(true);
    expect(progress.every((p) => p.total === progress[0].total)).toBe(true);
    const final = await core.handlers['sync.status']({});
    expect(final.coverage).toMatchObject({ agencies: 1, complete: 1, current: 1, cases: progress[0].total, casesTotal: progress[0].total, casesKnown: true });
    expect(final.behind).toEqual([]);

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

  it('a user deactivated while a note waits is signed out with the note kept, and it is delivered once they are back', async () => {
    const core = startCore(dir('core-'), server.url);
    cores.push(core);
    await loggedInAndSynced(core, 'housing.agent6');
    const caseId = (await core.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 1 })).rows[0].id;
    await server.store.db.updateTable('staff').set({ active: 0 }).where('username', '=', 'housing.agent6').execute();
    const body = `written as the account was disabled ${Date.now()}`;
    await core.handlers['cases.mutate']({ name: 'case.note', args: { caseId, body } });
    await eventually('signed out', async () => (await core.handlers['session.current']({})).staff === null);
    const notes = () => server.store.db.selectFrom('messages').select('id').where('case_id', '=', caseId).where('body', '=', body).execute();
    expect(await notes()).toHaveLength(0);

    await server.store.db.updateTable('staff').set({ active: 1 }).where('username', '=', 'housing.agent6').execute();
    await core.handlers['session.login']({ username: 'housing.agent6', password: PASSWORD });
    await eventually('the note is delivered', async () => (await notes()).length === 1);
    await eventually('the outbox is empty', async () => (await core.handlers['outbox.list']({})).length === 0);
    expect(await notes()).toHaveLength(1);
  });

  it('keeps the cache encrypted; signing out locks it until the same user signs in again', async () => {
    const dataDir = dir('core-');
    const core = startCore(dataDir, server.url);
    cores.push(core);
    await loggedInAndSynced(core, 'housing.agent4');
    const before = await core.handlers['views.counts']({});
    const first = (await core.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 1 })).rows[0];
    const name = (await core.handlers['cases.get']({ caseId: first.id }))!.case.citizen.name;
    const cacheFile = join(dataDir, 'caches', `${sessionFileKey(server.url, 'stf-housing.agent4')}.sqlite`);
    expect(openDeskFile(dataDir, cacheFile).prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: before.all });

    await core.handlers['session.logout']({});
    // on disk: no session, no citizen's name in clear, and nothing on this machine opens the cache
    expect(readdirSync(dataDir).filter((f) => f.startsWith('session'))).toEqual([]);
    const files = readdirSync(join(dataDir, 'caches')).map((f) => readFileSync(join(dataDir, 'caches', f)));
    expect(files.some((bytes) => bytes.includes(Buffer.from(name)))).toBe(false);
    expect(() => openDeskFile(dataDir, cacheFile)).toThrow(/signed out/);

    // a colleague on the same workstation gets a cache of their own and cannot open this one
    await core.handlers['session.login']({ username: 'housing.agent5', password: PASSWORD });
    expect((await core.handlers['views.counts']({})).all).toBe(0);
    expect(() => openDeskFile(dataDir, cacheFile)).toThrow(/not a database/);
    await core.handlers['session.logout']({});

    // the same user again: the cache opens as it was left, before any sync has run
    await core.handlers['session.login']({ username: 'housing.agent4', password: PASSWORD });
    expect((await core.handlers['views.counts']({})).all).toBe(before.all);
  });
});
