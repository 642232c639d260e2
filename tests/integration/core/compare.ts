// "The desk's cache equals the server": every case a desk holds has the server's version and
// thread, and every case the server would hand that desk (open, or closed within the
// retention window) is held. The desk side is read from its cache file, the server side from
// its database (in-process store, or the SQLite file of a server child process).
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { join } from 'node:path';
import { sessionFileKey } from '../../../main/core/live-session';
import { openDeskFile } from './helpers';
import { CLOSED_RETENTION_MS } from '../../../server/sockets/bootstrap';
import type { Db } from '../../../server/store/db';
import type { Database as ServerSchema } from '../../../server/store/schema';

export type AgencySnapshot = {
  /** case id → version */
  versions: Map<string, number>;
  /** case id → its message ids, sorted */
  threads: Map<string, string[]>;
};

export type DeskCacheRef = { dataDir: string; serverUrl: string; staffId: string };

function threadsOf(rows: readonly { case_id: string; id: string }[]): Map<string, string[]> {
  const threads = new Map<string, string[]>();
  for (const row of rows) {
    const thread = threads.get(row.case_id);
    if (thread === undefined) threads.set(row.case_id, [row.id]);
    else thread.push(row.id);
  }
  for (const thread of threads.values()) thread.sort();
  return threads;
}

export function deskSnapshot(desk: DeskCacheRef, agencyId: string): AgencySnapshot & { pendingMessages: number } {
  const file = join(desk.dataDir, 'caches', `${sessionFileKey(desk.serverUrl.replace(/\/+$/, ''), desk.staffId)}.sqlite`);
  const db = openDeskFile(desk.dataDir, file);
  try {
    const cases = db.prepare<[string], { id: string; version: number }>('SELECT id, version FROM cases WHERE agency_id = ?').all(agencyId);
    const messages = db
      .prepare<[string], { case_id: string; id: string }>(
        'SELECT m.case_id, m.id FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.agency_id = ? AND m.pending_mutation_id IS NULL',
      )
      .all(agencyId);
    const pending = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM messages WHERE pending_mutation_id IS NOT NULL').get()?.n ?? 0;
    return { versions: new Map(cases.map((c) => [c.id, c.version])), threads: threadsOf(messages), pendingMessages: pending };
  } finally {
    db.close();
  }
}

/** The server's cases of an agency a desk may hold: all of them, and which it must hold. */
export async function serverSnapshot(db: Db, agencyId: string, now = Date.now()): Promise<AgencySnapshot & { required: Set<string> }> {
  const cases = await db.selectFrom('cases').select(['id', 'version', 'status', 'closed_at']).where('agency_id', '=', agencyId).execute();
  const messages = await db
    .selectFrom('messages')
    .innerJoin('cases', 'cases.id', 'messages.case_id')
    .select(['messages.case_id', 'messages.id'])
    .where('cases.agency_id', '=', agencyId)
    .execute();
  const closedSince = now - CLOSED_RETENTION_MS;
  const required = new Set(cases.filter((c) => c.status !== 'closed' || (c.closed_at ?? 0) >= closedSince).map((c) => c.id));
  return { versions: new Map(cases.map((c) => [c.id, Number(c.version)])), threads: threadsOf(messages), required };
}

/** Differences between a desk and the server; empty when they agree. */
export function differences(desk: AgencySnapshot & { pendingMessages: number }, server: Awaited<ReturnType<typeof serverSnapshot>>): string[] {
  const found: string[] = [];
  if (desk.pendingMessages > 0) found.push(`${desk.pendingMessages} predicted messages still pending`);
  for (const id of server.required) if (!desk.versions.has(id)) found.push(`missing case ${id}`);
  for (const [id, version] of desk.versions) {
    const expected = server.versions.get(id);
    if (expected !== version) found.push(`case ${id}: desk v${version}, server ${expected === undefined ? 'has no such case' : `v${expected}`}`);
    const deskThread = (desk.threads.get(id) ?? []).join(',');
    const serverThread = (server.threads.get(id) ?? []).join(',');
    if (deskThread !== serverThread) found.push(`case ${id}: thread differs`);
  }
  return found;
}

/**
 * A Kysely over the SQLite file of a server running as a child process (or killed: opening it
 * read-write lets SQLite recover its WAL the way the restarted server would).
 */
export function openServerFile(dataDir: string): { db: Db; close(): Promise<void> } {
  const database = new Database(join(dataDir, 'tawasul-server.sqlite'), { fileMustExist: true });
  const db = new Kysely<ServerSchema>({ dialect: new SqliteDialect({ database }) });
  return { db, close: () => db.destroy() };
}
