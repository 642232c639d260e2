// Views and filters combine into a bounded set of SQL texts; each is prepared the first time
// it is seen and reused after, so the hot path never re-parses SQL.
import type { Database, Statement } from 'better-sqlite3';

export type StatementCache = (sql: string) => Statement<unknown[], unknown>;

export function createStatementCache(db: Database, max = 256): StatementCache {
  const prepared = new Map<string, Statement<unknown[], unknown>>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (statement === undefined) {
      if (prepared.size >= max) prepared.clear();
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}
