// The case server (a real child process) SIGKILLed in the middle of a supervisor's bulk assign
// of 2,000 cases: the bulk is one transaction, so the server's file holds all of it or none of
// it; after the restart the supervisor's outbox resends the same mutation id, it is applied
// exactly once, and every desk of the agency equals the server again.
import { afterEach, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { deskSnapshot, differences, openServerFile, serverSnapshot } from './compare';
import { eventually, inBatches, intake, loggedInAndSynced, startCore, tempDir } from './helpers';
import type { TestCore } from './helpers';
import { spawnServer } from './server-process';
import type { ServerProcess } from './server-process';

const BULK = 2_000;
const AGENTS = ['stf-housing.agent1', 'stf-housing.agent2'];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dir(prefix: string): string {
  const d = tempDir(prefix);
  cleanups.push(d.remove);
  return d.dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function outboxEmpty(core: TestCore): Promise<boolean> {
  return (await core.handlers['outbox.list']({})).length === 0;
}

describe('the case server killed with SIGKILL during a bulk assign', () => {
  it('holds all of it or none of it, applies it once after the restart, and every desk equals the server', async ({ annotate }) => {
    const serverDir = dir('server-proc-');
    let server: ServerProcess = await spawnServer({ dataDir: serverDir, seedCases: 500 });
    cleanups.push(() => server.kill('SIGKILL'));

    // the cases to assign: 2,000 new requests filed by citizens
    const caseIds: string[] = [];
    await inBatches([...Array(BULK).keys()], 25, async (n) => {
      const filed = await intake(server.url, '', {
        kind: 'complaint', agencyId: 'housing', citizen: { name: `Citizen ${n}`, language: 'en' },
        subject: `Street light out, block ${n}`, body: 'The street light has been out for a week.', language: 'en',
      });
      caseIds.push(filed.id!);
    });

    const desks = [
      { core: startCore(dir('core-sup-'), server.url), username: 'housing.supervisor', staffId: 'stf-housing.supervisor' },
      { core: startCore(dir('core-a1-'), server.url), username: 'housing.agent1', staffId: AGENTS[0] },
      { core: startCore(dir('core-a2-'), server.url), username: 'housing.agent2', staffId: AGENTS[1] },
    ];
    for (const desk of desks) cleanups.push(() => desk.core.close());
    await Promise.all(desks.map((d) => loggedInAndSynced(d.core, d.username)));
    const supervisor = desks[0].core;

    // A bulk of 2,000 cases writes more than SQLite's page cache holds, so its pages spill into
    // the WAL while the transaction is still open: the first write to the WAL after the send
    // is the moment to kill. (Were it the commit itself, the check below still holds: all.)
    const wal = join(serverDir, 'tawasul-server.sqlite-wal');
    const walState = () => {
      const s = statSync(wal, { throwIfNoEntry: false });
      return s === undefined ? 'none' : `${s.size}:${s.mtimeMs}`;
    };
    await sleep(300);
    const before = walState();
    const sent = Date.now();
    const { mutationId } = await supervisor.handlers['cases.mutate']({ name: 'bulk.assign', args: { caseIds, assigneeIds: AGENTS } });
    while (walState() === before && Date.now() - sent < 20_000) await sleep(1);
    const killedAfterMs = Date.now() - sent;
    await server.kill('SIGKILL');

    const afterKill = openServerFile(serverDir);
    let assignedAtKill: number;
    try {
      const rows = await afterKill.db.selectFrom('cases').select(['assignee_id']).where('id', 'in', caseIds).execute();
      assignedAtKill = rows.filter((r) => r.assignee_id !== null && AGENTS.includes(r.assignee_id)).length;
      const stored = await afterKill.db.selectFrom('mutations').select('id').where('id', '=', mutationId).execute();
      expect(stored.length).toBe(assignedAtKill === 0 ? 0 : 1);
    } finally {
      await afterKill.close();
    }
    expect([0, BULK]).toContain(assignedAtKill);
    await annotate(`killed ${killedAfterMs} ms after the send, at the first WAL write: ${assignedAtKill === 0 ? 'none' : 'all'} of the bulk committed`);

    server = await spawnServer({ dataDir: serverDir, port: server.port, seedCases: 500 });
    await eventually('the supervisor\'s outbox is delivered after the restart', () => outboxEmpty(supervisor), 30_000);

    const files = openServerFile(serverDir);
    try {
      const assigned = await files.db.selectFrom('cases').select(['assignee_id']).where('id', 'in', caseIds).execute();
      expect(assigned.filter((r) => r.assignee_id !== null && AGENTS.includes(r.assignee_id))).toHaveLength(BULK);
      const audited = await files.db
        .selectFrom('audit')
        .select('case_id')
        .where('action', '=', 'bulk.assign')
        .where('detail', '=', JSON.stringify({ mutationId }))
        .execute();
      expect(audited).toHaveLength(BULK);
      expect(new Set(audited.map((a) => a.case_id)).size).toBe(BULK);

      for (const desk of desks) {
        const found = await eventually(`${desk.username} equals the server`, async () => {
          const diff = differences(deskSnapshot({ dataDir: desk.core.dataDir, serverUrl: server.url, staffId: desk.staffId }, 'housing'), await serverSnapshot(files.db, 'housing'));
          return diff.length === 0 ? diff : null;
        }, 30_000);
        expect(found).toEqual([]);
      }
    } finally {
      await files.close();
    }
  });
});
