// The desk's data folders and files are its OS user's alone: folders 0700, files 0600. A
// folder made by an older build (0755, or 0644 files) is tightened when it is next used.
// SQLite creates a database's -wal and -shm files with the database file's own mode, so the
// file is created 0600 before SQLite opens it. (On Windows these modes mean nothing; the
// profile folder's ACL is what protects the data there.)
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates the file (empty) if missing and leaves it and SQLite's companions 0600. */
export function makePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      chmodSync(path, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
