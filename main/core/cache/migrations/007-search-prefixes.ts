// Prefix indexes of 2 to 6 characters. A search's last word is matched as a prefix while the
// user types; FTS5 answers a prefix of a length it has no prefix index for by merging the
// doclists of every term that starts with it into one buffer before returning a single row, so
// the LIMIT of a search did not help: "محمد" (4 letters) read all 165,000 matches of a
// 1,000,000-case cache, "اسكان" all 540,000, on every keystroke. With an index for the
// length, the prefix is one doclist, streamed in docid order and cut off by the LIMIT.
// Arabic words are rarely longer than 6 letters once folded; a longer prefix names few terms.
// The index is rebuilt: every case is marked unindexed for the deferred index to fill.
import type { Migration } from './index';

export const migration007SearchPrefixes: Migration = {
  version: 7,
  name: 'prefix indexes of 2 to 6 characters for the word being typed',
  up: (db) => {
    db.exec(`
      DROP TABLE case_fts;
      CREATE VIRTUAL TABLE case_fts USING fts5(
        text, content='', contentless_delete=1, prefix='2 3 4 5 6', tokenize='unicode61 remove_diacritics 0'
      );
      DROP TABLE case_scope;
      CREATE VIRTUAL TABLE case_scope USING fts5(
        tokens, content='', contentless_delete=1, detail='none', tokenize='ascii'
      );
      DROP INDEX cases_search_docid;
      UPDATE cases SET search_docid = NULL, search_key = NULL, scope_key = NULL;
      CREATE UNIQUE INDEX cases_search_docid ON cases (search_docid);
    `);
    if (db.prepare('SELECT 1 FROM cases LIMIT 1').get() !== undefined) {
      db.prepare("INSERT INTO meta (key, value) VALUES ('search_index', 'deferred') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    }
  },
};
