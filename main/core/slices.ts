// Long work cut into slices that give the event loop back. The core runs on one thread, and
// the browser host runs every desk's core in ONE process: a bulk change of 10,000 cases (1–2 s
// of writes at 1,000,000 cases) done in one go froze that desk's every answer and every other
// desk of the host. Work over many cases goes through `inSlices` instead: each slice is one
// transaction of as many items as fit in SLICE_MS, sized from the cost per item the previous
// slices measured (a case's cost varies tenfold between a new thread and a status change), and
// a setImmediate between slices lets whatever waits (a keypress's page, another desk's search,
// a socket frame) run. 20 ms keeps the longest block well under the 50 ms of issue 11 even
// when a slice runs twice as slow as the one before it.
import { setImmediate as yieldToLoop } from 'node:timers/promises';

export const SLICE_MS = 20;

export type SliceSizer = { size: number };

export type SliceOptions = {
  /** target duration of one slice (its transaction included) */
  sliceMs?: number;
  /**
   * the slice size, carried from one call to the next (a writer of many pages keeps what it
   * learnt); without it the first slice takes 64 items
   */
  sizer?: SliceSizer;
  /** checked before each slice: a closed desk stops (the work left is redone by its next run) */
  stopped?: () => boolean;
};

/** How many items the next slice takes, from what the last one cost. */
export function nextSliceSize(done: number, elapsedMs: number, sliceMs: number, previous: number): number {
  if (done === 0) return previous;
  const perItem = Math.max(elapsedMs, 0.01) / done;
  // grows at most fourfold a step: one cheap slice (every case already current) says little
  // about the next one
  return Math.max(1, Math.min(previous * 4, Math.floor(sliceMs / perItem)));
}

/**
 * Runs `slice` over consecutive parts of `items`, yielding to the event loop between parts.
 * `slice` is called with `last` true for the final part (the whole batch's bookkeeping goes
 * there, e.g. a feed's seq). An empty list still gets one call, with no items.
 * Resolves false when stopped before the end.
 */
export async function inSlices<T>(
  items: readonly T[],
  slice: (part: readonly T[], last: boolean) => void,
  options: SliceOptions = {},
): Promise<boolean> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const sizer = options.sizer ?? { size: 64 };
  let at = 0;
  do {
    if (at > 0) await yieldToLoop();
    if (options.stopped?.() === true) return false;
    const part = items.slice(at, at + sizer.size);
    const started = performance.now();
    slice(part, at + part.length >= items.length);
    sizer.size = nextSliceSize(part.length, performance.now() - started, sliceMs, sizer.size);
    at += part.length;
  } while (at < items.length);
  return true;
}

/**
 * One write transaction held open across slices and committed once it holds enough work.
 * A commit has a fixed cost that small slices would pay many times over: FTS5 writes a new
 * segment at every commit (the search index built in 20 ms transactions took 60 s instead of
 * 14 for 108,000 cases, most of it in commits and the merges of thousands of tiny segments),
 * and every commit writes the pages its transaction dirtied, however few rows it changed.
 * Between slices the transaction stays open: what else runs meanwhile on this connection (a
 * page read, a prediction) sees the slices so far and joins the transaction as a savepoint.
 */
export type HeldTransaction = {
  /** runs one slice inside the held transaction (opening it if none is held) */
  slice<T>(work: () => T): T;
  /** commits if the held work has reached the threshold, or whatever is held when `now`; says whether it did */
  commit(now?: boolean): boolean;
  /** whether a transaction of its own is open (a failed slice rolls it back) */
  holding(): boolean;
};

type TransactionDb = { exec(sql: string): unknown; readonly inTransaction: boolean; readonly open: boolean };

export function holdTransaction(db: TransactionDb, commitMs = 300): HeldTransaction {
  let held = false;
  let workMs = 0;
  return {
    slice(work) {
      // another caller's transaction (a test's, a bench's) is joined, never committed here
      if (!held && !db.inTransaction) {
        db.exec('BEGIN');
        held = true;
        workMs = 0;
      }
      const started = performance.now();
      try {
        return work();
      } catch (error) {
        if (held && db.inTransaction) db.exec('ROLLBACK');
        held = false;
        throw error;
      } finally {
        workMs += performance.now() - started;
      }
    },
    commit(now = false) {
      if (!held) return !db.inTransaction;
      if (!now && workMs < commitMs) return false;
      held = false;
      if (db.open && db.inTransaction) db.exec('COMMIT');
      return true;
    },
    holding: () => held && db.open && db.inTransaction,
  };
}
