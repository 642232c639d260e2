// Opens the cache file of one (server, user). The cache is disposable: a file that does not
// open, fails quick_check or carries a schema this build cannot migrate is moved aside (kept
// for diagnosis, never read again) and a fresh cache is built; the sync engine refills it.
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import type { CoreLogger } from '../logger';
import { CACHE_SCHEMA_VERSION, OLDEST_MIGRATABLE_VERSION, migrate, schemaVersion } from './migrations/index';

export type OpenedCache = { db: SqliteDatabase; rebuilt: boolean };

function tune(db: SqliteDatabase): void {
  db.pragma('journal_mode = WAL');
  // the cache can always be refetched, so durability of the last commits is traded for speed
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
}

function tryOpen(file: string): { db: SqliteDatabase } | { problem: string } {
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      return { problem: `quick_check: ${String(check)}` };
    }
    const version = schemaVersion(db);
    if (version !== 0 && (version < OLDEST_MIGRATABLE_VERSION || version > CACHE_SCHEMA_VERSION)) {
      db.close();
      return { problem: `schema version ${version} is not migratable to ${CACHE_SCHEMA_VERSION}` };
    }
    tune(db);
    migrate(db);
    return { db };
  } catch (error) {
    db?.close();
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

function moveAside(file: string): void {
  const aside = `${file}.broken-${Date.now()}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(file + suffix)) continue;
    try {
      renameSync(file + suffix, aside + suffix);
    } catch {
      rmSync(file + suffix, { force: true });
    }
  }
}

export function openCacheDatabase(file: string, logger: CoreLogger): OpenedCache {
  const first = tryOpen(file);
  if ('db' in first) return { db: first.db, rebuilt: false };
  logger.warn({ file, problem: first.problem }, 'cache unusable; moving it aside and rebuilding');
  moveAside(file);
  const second = tryOpen(file);
  if ('db' in second) return { db: second.db, rebuilt: true };
  throw new Error(`cannot create the cache at ${file}: ${second.problem}`);
}
