// What the sync engine keeps per agency besides its last seq: a bootstrap's progress (see
// migration 008), the cache's case counts per agency for the self-check against the server,
// and which agencies' cases still wait for their search rows.
import type { Database } from 'better-sqlite3';

export type BootstrapProgress = { agencyId: string; cursor: string | null; asOfSeq: number; fetched: number; total: number };

export function createSyncProgressQueries(db: Database) {
  const getProgress = db.prepare<[string], { cursor: string | null; as_of_seq: number; fetched: number; total: number }>(
    'SELECT cursor, as_of_seq, fetched, total FROM bootstrap_progress WHERE agency_id = ?',
  );
  const allProgress = db.prepare<[], { agency_id: string; cursor: string | null; as_of_seq: number; fetched: number; total: number }>(
    'SELECT agency_id, cursor, as_of_seq, fetched, total FROM bootstrap_progress',
  );
  const putProgress = db.prepare(
    `INSERT INTO bootstrap_progress (agency_id, cursor, as_of_seq, fetched, total) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(agency_id) DO UPDATE SET cursor = excluded.cursor, as_of_seq = excluded.as_of_seq,
       fetched = excluded.fetched, total = excluded.total`,
  );
  const deleteProgress = db.prepare('DELETE FROM bootstrap_progress WHERE agency_id = ?');
  const countOfAgency = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM cases WHERE agency_id = ? AND (closed_at IS NULL OR closed_at >= ?)',
  );
  const unindexedByAgency = db.prepare<[], { agency_id: string; n: number }>(
    'SELECT agency_id, count(*) AS n FROM cases WHERE search_docid IS NULL GROUP BY agency_id',
  );
  const unindexedOfAgency = db.prepare<[string], { id: string; created_at: number }>(
    'SELECT id, created_at FROM cases WHERE agency_id = ? AND search_docid IS NULL',
  );
  // covered by messages_thread (a case's non-event messages)
  const lastMessageAt = db.prepare<[string], { case_id: string; last: number }>(
    "SELECT case_id, max(created_at) AS last FROM messages WHERE case_id IN (SELECT value FROM json_each(?)) AND kind != 'event' GROUP BY case_id",
  );
  const toProgress = (agencyId: string, r: { cursor: string | null; as_of_seq: number; fetched: number; total: number }): BootstrapProgress => ({
    agencyId,
    cursor: r.cursor,
    asOfSeq: r.as_of_seq,
    fetched: r.fetched,
    total: r.total,
  });

  return {
    /** null: no bootstrap of this agency is under way */
    progress(agencyId: string): BootstrapProgress | null {
      const row = getProgress.get(agencyId);
      return row === undefined ? null : toProgress(agencyId, row);
    },
    allProgress(): BootstrapProgress[] {
      return allProgress.all().map((r) => toProgress(r.agency_id, r));
    },
    saveProgress(p: BootstrapProgress): void {
      putProgress.run(p.agencyId, p.cursor, p.asOfSeq, p.fetched, p.total);
    },
    clearProgress(agencyId: string): void {
      deleteProgress.run(agencyId);
    },
    /** the agency's cases a bootstrap now would send: open ones and those closed since `closedSince` */
    caseCount(agencyId: string, closedSince: number): number {
      return countOfAgency.get(agencyId, closedSince)?.n ?? 0;
    },
    unindexedByAgency(): Map<string, number> {
      return new Map(unindexedByAgency.all().map((r) => [r.agency_id, r.n]));
    },
    /** every case of the agency without a search row, with when it was created */
    unindexedOfAgency(agencyId: string): { id: string; createdAt: number }[] {
      return unindexedOfAgency.all(agencyId).map((r) => ({ id: r.id, createdAt: r.created_at }));
    },
    /** when each case's thread last had a message (cases without one are left out) */
    lastMessageAt(caseIds: readonly string[]): Map<string, number> {
      return new Map(lastMessageAt.all(JSON.stringify(caseIds)).map((r) => [r.case_id, r.last]));
    },
  };
}

export type SyncProgressQueries = ReturnType<typeof createSyncProgressQueries>;
