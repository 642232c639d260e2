// better-sqlite3 prepares a statement for every query Kysely sends; a desk's mutation runs a
// dozen short statements, and preparing them anew each time was a large part of its cost on
// SQLite. This hands Kysely the same prepared statement for the same SQL text. It is safe
// because Kysely's SQLite driver runs one query at a time on its single connection, and
// SQLite re-prepares a statement by itself when the schema changes.
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

const MAX_STATEMENTS = 500;
// bulk statements (thousands of placeholders) differ by row count and are rarely repeated
const MAX_CACHED_SQL_LENGTH = 4_000;

export function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string) => {
      if (sql.length > MAX_CACHED_SQL_LENGTH) return database.prepare(sql);
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (cache.size >= MAX_STATEMENTS) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
