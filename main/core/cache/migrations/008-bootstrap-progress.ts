// A bootstrap's progress per agency, written in the same transaction as the page it follows,
// so a desk stopped half-way (restart, crash, timeout) goes on from its last page, not from
// zero. `cursor` is the server's cursor for the next page (null once the last page is in);
// `as_of_seq` the feed seq the snapshot started at, pulled after once the pages are all in.
import type { Migration } from './index';

export const migration008BootstrapProgress: Migration = {
  version: 8,
  name: 'bootstrap progress per agency',
  up: (db) => {
    db.exec(`CREATE TABLE bootstrap_progress (
      agency_id TEXT PRIMARY KEY,
      cursor TEXT,
      as_of_seq INTEGER NOT NULL,
      fetched INTEGER NOT NULL,
      total INTEGER NOT NULL
    )`);
  },
};
