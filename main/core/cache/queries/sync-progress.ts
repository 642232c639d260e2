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
  const unindexedOfAgency = db.prepare<[string, number], { id: string }>(
    'SELECT id FROM cases WHERE agency_id = ? AND search_docid IS NULL LIMIT ?',
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
    unindexedOfAgency(agencyId: string, limit: number): string[] {
      return unindexedOfAgency.all(agencyId, limit).map((r) => r.id);
    },
  };
}

export type SyncProgressQueries = ReturnType<typeof createSyncProgressQueries>;
