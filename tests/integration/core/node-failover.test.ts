// Any node will do: two case server nodes (real child processes) on one PostgreSQL schema and
// Redis; a desk given both addresses works through the first, which is then SIGKILLed. The
// desk goes on through the other without a new login, with the same cache file and outbox: a
// note written while it had no node is delivered once, and a request filed through the
// surviving node reaches it. Its cache ends equal to the server.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { SyncStatus } from '../../../shared/desk-api';
import type { Database as ServerSchema } from '../../../server/store/schema';
import { deskSnapshot, differences, serverSnapshot } from './compare';
import { PG_URL, eventually, intake, loggedInAndSynced, startCore, tempDir } from './helpers';
import { spawnServer } from './server-process';
import type { ServerProcess } from './server-process';
import { dropSchema, runSchema } from '../../postgres';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a desk given two nodes of one deployment, one of which dies', () => {
  it('goes on through the other with its session, cache and outbox', { timeout: 180_000 }, async () => {
    const schema = runSchema('failover');
    cleanups.push(() => dropSchema(schema));
    const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, REDIS_URL };
    const nodes: ServerProcess[] = [];
    for (const name of ['a', 'b']) {
      const d = tempDir(`failover-${name}-`);
      cleanups.push(d.remove);
      const node = await spawnServer({ dataDir: d.dir, seedCases: 400, env });
      cleanups.push(() => node.kill('SIGKILL'));
      nodes.push(node);
    }
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    const deployment = `${a.url},${b.url}`;
    const deskDir = tempDir('failover-desk-');
    cleanups.push(deskDir.remove);
    const desk = startCore(deskDir.dir, deployment);
    cleanups.push(() => desk.close());
    await loggedInAndSynced(desk, 'housing.agent1');
    const cacheFiles = readdirSync(join(deskDir.dir, 'caches')).filter((f) => f.endsWith('.sqlite'));
    expect(cacheFiles).toHaveLength(1);
    const caseId = (await desk.handlers['cases.page']({ view: 'all', filter: {}, after: null, limit: 1 })).rows[0].id;

    await a.kill('SIGKILL');
    await eventually('the desk offline once its node died', async () => (await desk.handlers['sync.status']({})).state !== 'online');
    // written with no node connected: it waits in the outbox
    const { mutationId } = await desk.handlers['cases.mutate']({ name: 'case.note', args: { caseId, body: 'written while node a was gone' } });
    const filed = await intake(b.url, '', {
      kind: 'complaint', agencyId: 'housing', citizen: { name: 'Failover Citizen', language: 'en' },
      subject: 'Filed through node b', body: 'The other node took this request.', language: 'en',
    });
    await eventually('the desk up to date through node b with the note sent', async () => {
      const status: SyncStatus = await desk.handlers['sync.status']({});
      return status.state === 'online' && status.outboxSize === 0;
    }, 30_000);
    expect(desk.events.some((e) => e.event === 'session.changed')).toBe(true); // the login itself
    expect(desk.events.filter((e) => e.event === 'session.changed' && (e.payload as { staff: unknown }).staff === null)).toHaveLength(0);
    expect(readdirSync(join(deskDir.dir, 'caches')).filter((f) => f.endsWith('.sqlite'))).toEqual(cacheFiles);
    expect((await desk.handlers['cases.get']({ caseId: filed.id! }))?.case.subject).toBe('Filed through node b');

    const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    const db = new Kysely<ServerSchema>({ dialect: new PostgresDialect({ pool }) });
    try {
      const notes = await db.selectFrom('messages').select('id').where('case_id', '=', caseId).where('body', '=', 'written while node a was gone').execute();
      expect(notes).toHaveLength(1);
      const applied = await db.selectFrom('mutations').select('id').where('id', '=', mutationId).execute();
      expect(applied).toHaveLength(1);
      const deskSide = deskSnapshot({ dataDir: deskDir.dir, serverUrl: deployment, staffId: 'stf-housing.agent1' }, 'housing');
      expect(differences(deskSide, await serverSnapshot(db, 'housing'))).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
