// Full-text search. The FTS rowid is a "search docid" derived from the case's updatedAt
// ((2^32 − seconds) × 2^20 + a counter), so `ORDER BY rowid LIMIT n` streams matches newest
// first: ranking every match of a common word by recency costs ~1 s on 1M rows, streaming
// costs milliseconds. Contentless with delete support: the text lives in cases/messages.
// Prefix indexes of 2 and 3 characters keep type-ahead on a short last word cheap.
import type { Migration } from './index';

export const migration002Search: Migration = {
  version: 2,
  name: 'full-text search',
  up: (db) => {
    db.exec(`
      ALTER TABLE cases ADD COLUMN search_docid INTEGER;
      CREATE UNIQUE INDEX cases_search_docid ON cases (search_docid);
      CREATE VIRTUAL TABLE case_fts USING fts5(
        text, content='', contentless_delete=1, prefix='2 3', tokenize='unicode61 remove_diacritics 0'
      );
    `);
  },
};
