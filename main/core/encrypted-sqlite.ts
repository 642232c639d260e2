// SQLite files the desk keeps encrypted at rest: the cache and the outbox of each (server, user).
// better-sqlite3-multiple-ciphers is better-sqlite3 built with SQLite3MultipleCiphers, the same
// API, so the rest of the core is typed and written against better-sqlite3.
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as SqliteDatabase } from 'better-sqlite3';

const KEY_HEX = /^[0-9a-f]{64}$/;

function checkKey(keyHex: string): void {
  if (!KEY_HEX.test(keyHex)) throw new Error('a desk file key is 32 bytes in lower-case hex');
}

/**
 * Opens (or creates) a file under the key. SQLite reads the file only at the first statement,
 * which fails with SQLITE_NOTADB on a wrong key, a plain file or no database at all.
 */
export function openEncrypted(file: string, keyHex: string): SqliteDatabase {
  checkKey(keyHex);
  const db = new Database(file) as unknown as SqliteDatabase;
  try {
    db.pragma(`hexkey = '${keyHex}'`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Whether a file opens without a key: one written by a build before the desk encrypted it. */
export function isPlainDatabase(file: string): boolean {
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** Encrypts a plain database file in place (its WAL folded in first: a rekey needs rollback journaling). */
export function encryptPlainDatabase(file: string, keyHex: string): void {
  checkKey(keyHex);
  const db = new Database(file, { fileMustExist: true }) as unknown as SqliteDatabase;
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`hexrekey = '${keyHex}'`);
  } finally {
    db.close();
  }
}
