// Whether the full-text index is complete. A first bootstrap into an empty cache writes cases
// and threads without their search rows (FTS5 flushes its pending terms whenever a row's docid
// is not above the previous one, and docids run newest-first, so per-row indexing wrote one
// segment per case) and builds the index afterwards in one pass, in ascending docid order.
// The flag is kept in the file, so a desk stopped half-way finishes the index when reopened.
import type { Database } from 'better-sqlite3';

const META_KEY = 'search_index';

export type SearchIndexState = {
  /** true while some cases have no search row: text search would miss them */
  deferred(): boolean;
  setDeferred(deferred: boolean): void;
};

export function createSearchIndexState(db: Database): SearchIndexState {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const write = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  let deferred = read.get(META_KEY)?.value === 'deferred';
  return {
    deferred: () => deferred,
    setDeferred(next) {
      if (next === deferred) return;
      write.run(META_KEY, next ? 'deferred' : 'complete');
      deferred = next;
    },
  };
}
