// Cases closed longer ago than the retention window leave the cache (retention.ts): the server
// stops sending them at a bootstrap, and a desk that stays signed in for months must not keep
// them either. The partial index holds only closed cases, oldest first.
import type { Migration } from './index';

export const migration005ClosedIndex: Migration = {
  version: 5,
  name: 'closed cases by closing time, for the retention purge',
  up: (db) => {
    db.exec("CREATE INDEX cases_closed ON cases (closed_at, id) WHERE status = 'closed'");
  },
};
