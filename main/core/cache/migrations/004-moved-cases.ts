// A case transferred to an agency this desk does not see leaves every view, count and search
// of the desk, but the desk keeps a read-only record of it (DESIGN.md: "the source keeps a
// read-only record"), so a case open on screen can still say where it went. Its thread stays
// in `messages` under the same case id.
import type { Migration } from './index';

export const migration004MovedCases: Migration = {
  version: 4,
  name: 'read-only records of cases transferred away',
  up: (db) => {
    db.exec('CREATE TABLE moved_cases (id TEXT PRIMARY KEY, json TEXT NOT NULL)');
  },
};
