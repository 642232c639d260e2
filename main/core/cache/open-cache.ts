// Opens the cache file of one (server, user). The cache holds citizens' personal data, so it
// is encrypted at rest (SQLite3MultipleCiphers, AEGIS-256 pages: encrypted-sqlite.ts)
// under the key of that (server, user) (keys.ts). The cache is disposable: a file that does
// not open with the key, fails quick_check or carries a schema this build cannot migrate is
// deleted (not kept aside: it may hold personal data in a form no longer guarded) and a fresh
// cache is built; the sync engine refills it.
//
// quick_check reads the whole file: 10 s for a 1,000,000-case cache (1.6 GB), against a
// 1.5 s budget for the start. So a clean close leaves a marker with the file's size and mtime,
// and an open that finds the file exactly as it was left skips the check (the header and
// schema are still read). A crash leaves no marker, and anything written to the file while
// the desk was closed changes its mtime: both get the full check.
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { CoreLogger } from '../logger';
import { openEncrypted } from '../encrypted-sqlite';
import { CACHE_SCHEMA_VERSION, OLDEST_MIGRATABLE_VERSION, migrate, schemaVersion } from './migrations/index';

export type OpenedCache = { db: SqliteDatabase; rebuilt: boolean };

function tune(db: SqliteDatabase): void {
  db.pragma('journal_mode = WAL');
  // the cache can always be refetched, so durability of the last commits is traded for speed
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  // 128 MB of decrypted pages: an encrypted file is never memory-mapped (each page is
  // decrypted into SQLite's own cache), so this cache is what keeps the hot index pages of a
  // 1,000,000-case cache at hand (the core's RSS stays near 200 MB of its 300 MB budget)
  db.pragma('cache_size = -131072');
}

const markerOf = (file: string) => `${file}.clean`;

function fileState(file: string): string | null {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat === undefined ? null : `${stat.size}:${stat.mtimeMs}`;
}

/** After a clean close (WAL checkpointed away): remember how the file was left. */
export function markCleanClose(file: string): void {
  const state = fileState(file);
  if (state === null || existsSync(`${file}-wal`)) return;
  writeFileSync(markerOf(file), state);
}

/** Whether the file is exactly as a clean close left it; the marker is used up either way. */
function leftCleanly(file: string): boolean {
  const marker = markerOf(file);
  let recorded: string | null = null;
  try {
    recorded = readFileSync(marker, 'utf8');
  } catch {
    return false;
  }
  rmSync(marker, { force: true });
  return recorded === fileState(file) && !existsSync(`${file}-wal`);
}

function tryOpen(file: string, keyHex: string, fullCheck: boolean): { db: SqliteDatabase } | { problem: string } {
  let db: SqliteDatabase | undefined;
  try {
    db = openEncrypted(file, keyHex);
    // reading the schema fails at once on a file that is not a database at all
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const check = fullCheck ? db.pragma('quick_check', { simple: true }) : 'ok';
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

function discard(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

export function openCacheDatabase(file: string, keyHex: string, logger: CoreLogger): OpenedCache {
  const first = tryOpen(file, keyHex, !leftCleanly(file));
  if ('db' in first) return { db: first.db, rebuilt: false };
  logger.warn({ file, problem: first.problem }, 'cache unusable (or not this user\'s key); deleting it and rebuilding');
  discard(file);
  const second = tryOpen(file, keyHex, false);
  if ('db' in second) return { db: second.db, rebuilt: true };
  throw new Error(`cannot create the cache at ${file}: ${second.problem}`);
}
