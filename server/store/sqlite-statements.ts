// better-sqlite3 prepares a statement for every query Kysely sends; a desk's mutation runs a
// dozen short statements, and preparing them anew each time was a large part of its cost on
// SQLite. This hands Kysely the same prepared statement for the same SQL text. It is safe
// because Kysely's SQLite driver runs one query at a time on its single connection, and
// SQLite re-prepares a statement by itself when the schema changes.
//
// Rows are read as arrays and turned into objects here: better-sqlite3 builds each row object
// one property at a time, which cost about as much as the read itself on a bootstrap page (a
// case has 32 columns). An object literal of a fixed shape, made once per column list, builds
// the same object in about half the time.
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 500;
// bulk statements (thousands of placeholders) differ by row count and are rarely repeated
const MAX_CACHED_SQL_LENGTH = 4_000;

type RowMaker = (values: readonly unknown[]) => Record<string, unknown>;

const rowMakers = new Map<string, RowMaker>();

/** A function building a row object from the values of these columns, in this order. */
function rowMakerOf(names: readonly string[]): RowMaker {
  const key = names.join('\u0000');
  let make = rowMakers.get(key);
  if (make === undefined) {
    // column names are written as JSON string literals, so no name can be read as code
    const fields = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the body is built from JSON literals only, see above
    make = new Function('values', `return { ${fields} };`) as RowMaker;
    rowMakers.set(key, make);
  }
  return make;
}

// The column list is read after the statement ran: a schema change re-prepares the statement
// when it runs, and the list read before would be the old one.
function rowsOf(statement: SqliteDatabase.Statement, parameters: readonly unknown[]): Record<string, unknown>[] {
  const values = statement.raw(true).all(...parameters) as unknown[][];
  const make = rowMakerOf(statement.columns().map((c) => c.name));
  const rows = new Array<Record<string, unknown>>(values.length);
  for (let i = 0; i < values.length; i++) rows[i] = make(values[i]);
  return rows;
}

function* iterateRows(statement: SqliteDatabase.Statement, parameters: readonly unknown[]): IterableIterator<unknown> {
  let make: RowMaker | undefined;
  for (const values of statement.raw(true).iterate(...parameters) as IterableIterator<unknown[]>) {
    make ??= rowMakerOf(statement.columns().map((c) => c.name));
    yield make(values);
  }
}

function kyselyStatement(statement: SqliteDatabase.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  return {
    reader: true,
    all: (parameters) => rowsOf(statement, parameters),
    iterate: (parameters) => iterateRows(statement, parameters),
    run: (parameters) => statement.run(...parameters),
  };
}

export function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string) => {
      if (sql.length > MAX_CACHED_SQL_LENGTH) return kyselyStatement(database.prepare(sql));
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = kyselyStatement(database.prepare(sql));
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
