// Search rows that an assignment does not touch. Until version 5 a case's one full-text row
// held its text, its thread AND its view-scope tokens (assignee, status…), under a docid that
// followed updatedAt: every change of a case, an assignment too, deleted and re-tokenised its
// whole thread (~70% of applying 10,000 feed changes at 1,000,000 cases). Now:
// - case_fts holds the text only, under a docid that follows the case's last message (its
//   creation when it has none), so only a new message or new case text moves it;
// - case_scope holds the scope tokens under the same docid: a few tokens, rewritten alone;
// - cases.search_key fingerprints what case_fts holds (the case's text and the ids of its
//   thread), cases.scope_key what case_scope holds, so a rebuild that finds the same
//   fingerprints writes nothing;
// - messages_thread lists a case's non-event messages from the index alone (kind included:
//   SQLite reads it to check the partial index's condition; the fingerprint
//   and the last message time are read from it; events never enter the search text).
// The old index cannot be split in place: every case is marked unindexed and the deferred
// index (search-index-state.ts, sync/search-backfill.ts) rebuilds it in batches.
import type { Migration } from './index';

export const migration006StableSearchRows: Migration = {
  version: 6,
  name: 'stable search docids and view-scope tokens in their own table',
  up: (db) => {
    db.exec(`
      DROP TABLE case_fts;
      CREATE VIRTUAL TABLE case_fts USING fts5(
        text, content='', contentless_delete=1, prefix='2 3', tokenize='unicode61 remove_diacritics 0'
      );
      CREATE VIRTUAL TABLE case_scope USING fts5(
        tokens, content='', contentless_delete=1, detail='none', tokenize='ascii'
      );
      ALTER TABLE cases ADD COLUMN search_key INTEGER;
      ALTER TABLE cases ADD COLUMN scope_key INTEGER;
      DROP INDEX cases_search_docid;
      UPDATE cases SET search_docid = NULL, search_key = NULL;
      CREATE UNIQUE INDEX cases_search_docid ON cases (search_docid);
      CREATE INDEX messages_thread ON messages (case_id, created_at, id, kind) WHERE kind != 'event';
    `);
    const anyCase = db.prepare('SELECT 1 FROM cases LIMIT 1').get();
    if (anyCase !== undefined) {
      db.prepare("INSERT INTO meta (key, value) VALUES ('search_index', 'deferred') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    }
  },
};
