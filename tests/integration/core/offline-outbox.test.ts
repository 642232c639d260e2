import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { SyncStatus } from '../../../shared/desk-api';
import { BACKENDS, eventually, loggedInAndSynced, startCaseServer, startCore, tempDir } from './helpers';
import type { TestCore } from './helpers';

const dirs: ReturnType<typeof tempDir>[] = [];
const cleanups: (() => Promise<void>)[] = [];

function dir(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d.dir;
}

// Each test's server and store go when it ends: two PostgreSQL schemas of this suite are
// never alive at once (the server's migrator looks for its tables in every schema).
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(() => {
  for (const d of dirs) d.remove();
});

async function status(core: TestCore): Promise<SyncStatus> {
  return core.handlers['sync.status']({});
}

describe.each(BACKENDS)('a desk cut off from the server on $name', (backend) => {
  it('queues a mutation while the server is down and delivers it exactly once after the restart', async () => {
    const store = backend.createStore();
    cleanups.push(() => store.drop());
    let server = await startCaseServer(store);
    const port = server.port;
    const core = startCore(dir('core-'), server.url);
    cleanups.push(() => core.close());
    await loggedInAndSynced(core, 'housing.agent1');

    const caseId = ulid();
    await core.handlers['cases.mutate']({
      name: 'case.create',
      args: {
        caseId, kind: 'enquiry', agencyId: 'housing', channel: 'walkin',
        citizen: { name: 'Offline Citizen', language: 'en' }, subject: 'offline test', body: 'b', language: 'en',
      },
    });
    await eventually('created', async () => (await core.handlers['outbox.list']({})).length === 0);
    await core.handlers['cases.mutate']({ name: 'case.take', args: { caseId } });
    await eventually('taken', async () => (await core.handlers['outbox.list']({})).length === 0);

    await server.close();
    await eventually('desk sees it is offline', async () => (await status(core)).state === 'offline');

    const body = `written offline ${Date.now()}`;
    const { mutationId } = await core.handlers['cases.mutate']({ name: 'case.reply', args: { caseId, body } });
    const queued = await core.handlers['outbox.list']({});
    expect(queued.map((m) => m.id)).toEqual([mutationId]);
    const predicted = await core.handlers['cases.get']({ caseId });
    expect(predicted!.case.status).toBe('in_progress');
    expect(predicted!.messages.filter((m) => m.body === body)).toHaveLength(1);
    expect((await core.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 100 })).rows.find((r) => r.id === caseId)?.pending).toBe(true);

    server = await startCaseServer(store, port);
    cleanups.push(() => server.close());
    await eventually('outbox delivered', async () => (await core.handlers['outbox.list']({})).length === 0, 30_000);
    await eventually('online', async () => (await status(core)).state === 'online');

    const applied = core.events.filter((e) => e.event === 'mutation.applied' && (e.payload as { mutationId: string }).mutationId === mutationId);
    expect(applied).toHaveLength(1);
    const settled = await eventually('the server copy of the reply arrived', async () => {
      const c = await core.handlers['cases.get']({ caseId });
      return c !== null && c.messages.some((m) => m.body === body) ? c : null;
    });
    expect(settled.messages.filter((m) => m.body === body)).toHaveLength(1);
    expect(settled.pending).toEqual([]);

    // a second desk reading the server directly sees the reply once
    const other = startCore(dir('core-other-'), server.url);
    cleanups.push(() => other.close());
    await loggedInAndSynced(other, 'housing.agent2');
    const seen = await other.handlers['cases.get']({ caseId });
    expect(seen!.messages.filter((m) => m.body === body)).toHaveLength(1);
  });

  it('keeps an unsent mutation undoable and reverts its prediction', async () => {
    const store = backend.createStore();
    cleanups.push(() => store.drop());
    const server = await startCaseServer(store);
    cleanups.push(() => server.close());
    const core = startCore(dir('core-'), server.url, { mutationHoldMs: 60_000, undoWindowMs: 60_000 });
    cleanups.push(() => core.close());
    await loggedInAndSynced(core, 'housing.agent1');
    const row = (await core.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 1 })).rows[0];
    const before = await core.handlers['cases.get']({ caseId: row.id });
    const { mutationId } = await core.handlers['cases.mutate']({ name: 'case.note', args: { caseId: row.id, body: 'to be undone' } });
    expect((await core.handlers['cases.get']({ caseId: row.id }))!.messages.some((m) => m.body === 'to be undone')).toBe(true);
    expect(await core.handlers['outbox.undo']({ mutationId })).toEqual({ undone: true, how: 'dropped' });
    const after = await core.handlers['cases.get']({ caseId: row.id });
    expect(after!.case).toEqual(before!.case);
    expect(after!.messages).toEqual(before!.messages);
    const again = await core.handlers['outbox.undo']({ mutationId });
    expect(again).toMatchObject({ undone: false, code: 'gone' });
    expect(!again.undone && again.reason).toMatch(/no longer be undone/);
  });
});
