// The floors of the cache benchmarks: every statement the core runs is recorded (SQL text and
// bound parameters, through better-sqlite3's prepare), then the very same statements are run
// on a plain connection with no core code around them — the same driver and the same page
// encryption (better-sqlite3-multiple-ciphers, the cache's key). Figure ÷ floor is what the core
// adds (row mapping, cursors, pending flags, its choice of queries).
import MultipleCiphers from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { useKey } from '../../../main/core/encrypted-sqlite';

const Database = MultipleCiphers as unknown as typeof BetterSqlite3;
 
type Database = BetterSqlite3.Database;

export type RecordedCall = { sql: string; method: 'all' | 'get' | 'run'; params: unknown[] };

type Prepare = (this: Database, sql: string) => Statement<unknown[], unknown>;
const originalPrepare = Object.getOwnPropertyDescriptor(Database.prototype, 'prepare')?.value as Prepare;

let recording: RecordedCall[] | null = null;

/** From now on, statements of every connection opened in this process can be recorded. */
export function installRecorder(): void {
  (Database.prototype as unknown as { prepare: Prepare }).prepare = function prepare(this: Database, sql: string) {
    const statement = originalPrepare.call(this, sql);
    for (const method of ['all', 'get', 'run'] as const) {
      const run: (...params: unknown[]) => unknown = statement[method].bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        recording?.push({ sql, method, params });
        return run(...params);
      };
    }
    return statement;
  };
}

/** Runs `work` and returns what it asked of SQLite. */
export function record(work: () => unknown): RecordedCall[] {
  const calls: RecordedCall[] = [];
  recording = calls;
  try {
    work();
  } finally {
    recording = null;
  }
  return calls;
}

/** The same for work that yields between slices (nothing else may use SQLite meanwhile). */
export async function recordAsync(work: () => Promise<unknown>): Promise<RecordedCall[]> {
  const calls: RecordedCall[] = [];
  recording = calls;
  try {
    await work();
  } finally {
    recording = null;
  }
  return calls;
}

/** A plain connection that replays recorded calls, each statement prepared once. */
export function openFloor(file: string, keyHex: string): { replay(calls: readonly RecordedCall[]): void; close(): void } {
  const db = new Database(file);
  useKey(db, keyHex);
  // the connection settings of main/core/cache/open-cache.ts, so only the code around differs
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -131072');
  const prepared = new Map<string, Statement<unknown[], unknown>>();
  const statementFor = (sql: string) => {
    let statement = prepared.get(sql);
    if (statement === undefined) {
      statement = originalPrepare.call(db, sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
  return {
    replay(calls) {
      for (const call of calls) statementFor(call.sql)[call.method](...call.params);
    },
    close: () => db.close(),
  };
}
