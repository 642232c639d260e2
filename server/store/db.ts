// Opens the case server's database: SQLite (WAL) by default, PostgreSQL when a
// URL is given. Both go through the same Kysely instance type, the same migrations and the
// same queries; the only dialect branches are the ones below and `lockRows`.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
// the desk's SQLite build (better-sqlite3's API; without a key, plain SQLite): one native
// package to compile at install instead of two
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { migrationProvider } from './migrations/index';
import { withStatementCache } from './sqlite-statements';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export type Store = {
  db: Db;
  dialect: Dialect;
  /** runs `work` in one transaction, retrying PostgreSQL deadlocks and serialization failures */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type StoreOptions = {
  /** folder of the SQLite file; ignored when `databaseUrl` is set */
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL schema to work in (created when missing); lets test runs not collide */
  schema?: string;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const RETRYABLE_PG_CODES = new Set(['40P01', '40001']);
const INT8_OID = 20;
const SQLITE_MMAP_BYTES = 1024 * 1024 * 1024;

/** Opens (and migrates) the store. */
/** any fixed number: the advisory lock under which PostgreSQL nodes create the schema and migrate */
const STARTUP_LOCK = 461_000_154;

/**
 * Runs `work` while holding a PostgreSQL advisory lock on a connection of its own: nodes
 * starting together on one database create its schema and run its migrations one at a time
 * (`CREATE SCHEMA IF NOT EXISTS` and the migration tables race otherwise).
 */
async function underStartupLock<T>(connectionString: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.end(); // ending the session releases its advisory locks
  }
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const open = async () => {
    const opened = options.databaseUrl ? await openPostgres(options.databaseUrl, options.schema) : openSqlite(options.dataDir ?? '.data/server');
    try {
      await migrateToLatest(opened.db, opened.dialect);
    } catch (error) {
      await opened.db.destroy();
      throw error;
    }
    return opened;
  };
  const { db, dialect } = options.databaseUrl === undefined ? await open() : await underStartupLock(options.databaseUrl, open);
  return {
    db,
    dialect,
    transaction: (work) => runTransaction(db, dialect, work),
    close: () => db.destroy(),
  };
}

/**
 * Citizens' data: the folder is the server's OS user's alone (0700) and the file 0600, made so
 * before SQLite opens it, since SQLite gives its -wal and -shm files the database file's mode.
 * A folder or file of an older build (0755/0644) is tightened here.
 */
function preparePrivateFile(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function openSqlite(dataDir: string): { db: Db; dialect: Dialect } {
  const file = join(dataDir, 'tawasul-server.sqlite');
  preparePrivateFile(dataDir, file);
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  // WAL + NORMAL is durable across process crashes; only an OS crash can lose the last commit.
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  // A desk's bootstrap reads a large part of the file; mapped pages are read in place instead
  // of being copied through SQLite's page cache (about a sixth of the read time).
  database.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }), dialect: 'sqlite' };
}

async function openPostgres(connectionString: string, schema: string | undefined): Promise<{ db: Db; dialect: Dialect }> {
  if (schema !== undefined) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    // epoch ms live in BIGINT columns; they fit a JS number, so read them as one (pg's
    // default is a string, which would make the two dialects return different types)
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
        oid === INT8_OID ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as typeof pg.types.getTypeParser,
    },
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
}

/** The schema PostgreSQL creates tables in for this connection (its search_path's first). */
async function currentSchema(db: Db): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = result.rows[0]?.schema;
  if (schema === undefined) throw new Error('PostgreSQL reports no current schema');
  return schema;
}

/**
 * Kysely looks for its migration tables by name in every schema unless told which one; with
 * several schemas in one database (test runs, deployments side by side) it would find another
 * schema's table, skip creating its own, and fail. So on PostgreSQL it is told.
 */
export async function createMigrator(db: Db, dialect: Dialect): Promise<Migrator> {
  const migrationSchema = dialect === 'postgres' ? await currentSchema(db) : undefined;
  return new Migrator({ db, provider: migrationProvider, ...(migrationSchema === undefined ? {} : { migrationTableSchema: migrationSchema }) });
}

export async function migrateToLatest(db: Db, dialect: Dialect): Promise<void> {
  const migrator = await createMigrator(db, dialect);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}

async function runTransaction<T>(db: Db, dialect: Dialect, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (dialect !== 'postgres' || typeof code !== 'string' || !RETRYABLE_PG_CODES.has(code) || attempt >= 5) {
        throw error;
      }
    }
  }
}
