// Bulk load: while a first bootstrap fills an empty cache, the secondary indexes of the cases
// that only speed up lookups are dropped and built again, sorted, at the end (one per turn of
// the event loop, endInTurns), and commits skip fsync.
// A page of 2,000 cases touched most leaf pages of every random-keyed index, so each commit
// rewrote them (measured on 108,000 cases + 622,000 messages: 5.7 s of writes with the
// indexes, 3.4 s + 1.1 s to rebuild them without). Kept: the primary keys (upserts need
// them) and the two indexes views name with INDEXED BY. Views and threads still answer
// meanwhile, by scanning. Only this disposable cache: the outbox is another file and keeps
// synchronous=FULL.
import type { Database } from 'better-sqlite3';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

// The threads' two indexes stay: a page's messages come in case-id order (ids sort by
// creation), so their entries are appended, not scattered, and rebuilding them over 600,000
// messages at the end held the core for most of a second each.
const DROPPED_DURING_LOAD = [
  'cases_all', 'cases_status', 'cases_assignee', 'cases_escalated', 'cases_agency', 'cases_ref',
  'cases_ref_number', 'cases_cpr', 'cases_phone',
];
const META_KEY = 'bulk_load_indexes';

export type BulkLoad = {
  active(): boolean;
  begin(): void;
  /** builds the dropped indexes again (also at open, when a load was cut short) */
  end(): void;
  /**
   * the same, one index per transaction with the event loop run between them: the desk and
   * the host's other desks wait for one index (a few hundred ms for the messages' at 600,000
   * messages) instead of all eleven; resolves false if the cache closed meanwhile
   */
  endInTurns(): Promise<boolean>;
};

const ifNotExists = (sql: string) => sql.replace(/^CREATE (UNIQUE )?INDEX /i, (m) => `${m}IF NOT EXISTS `);

export function createBulkLoad(db: Database): BulkLoad {
  const readMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const writeMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const deleteMeta = db.prepare('DELETE FROM meta WHERE key = ?');
  const indexSql = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?");

  const saved = (): string[] | null => {
    const row = readMeta.get(META_KEY);
    return row === undefined ? null : (JSON.parse(row.value) as string[]);
  };

  const bulk: BulkLoad = {
    active: () => saved() !== null,
    begin() {
      if (saved() !== null) return;
      db.transaction(() => {
        // the statements come from the schema itself, so a later migration's change to an
        // index is what gets rebuilt
        const statements = DROPPED_DURING_LOAD.map((name) => indexSql.get(name)?.sql).filter((sql) => sql !== undefined);
        writeMeta.run(META_KEY, JSON.stringify(statements));
        for (const name of DROPPED_DURING_LOAD) db.exec(`DROP INDEX IF EXISTS ${name}`);
      })();
      // a killed process loses nothing committed (WAL); an OS crash may lose or damage the
      // last pages: an agency's lastSeq is set only after its last page, so they are
      // fetched again, and a damaged file fails the quick_check a crash leads to and is rebuilt
      db.pragma('synchronous = OFF');
    },
    end() {
      const statements = saved();
      if (statements === null) return;
      db.pragma('synchronous = NORMAL');
      db.transaction(() => {
        for (const sql of statements) db.exec(ifNotExists(sql));
        deleteMeta.run(META_KEY);
      })();
    },
    async endInTurns() {
      const statements = saved();
      if (statements === null) return true;
      db.pragma('synchronous = NORMAL');
      for (const sql of statements) {
        await yieldToLoop();
        // a killed desk finds the meta row at its next open and builds what is missing
        if (!db.open) return false;
        db.exec(ifNotExists(sql));
      }
      deleteMeta.run(META_KEY);
      return true;
    },
  };
  return bulk;
}
