// What `z` can still take back, as the renderer tracks it from the core's outbox: a mutation
// HELD for the undo window (a message to the citizen, a transfer, a status step) can be
// dropped while it has not been sent; one with an inverse (assign, take, priority, tags,
// outcome) can be undone until its `undoableUntil`, before or after the server applied it.
import type { MutationName } from '../../../shared/mutations';

export type UndoEntry = {
  mutationId: string;
  name: MutationName;
  /** cases it touches: a bulk action says how many */
  count: number;
  createdAt: number;
  /** held for the undo window: when the core sends it (null: not held, or not known yet) */
  sendAt: number | null;
  /** it has an inverse: undo is honoured until this time (null: no inverse) */
  undoableUntil: number | null;
  /** `sending`: Send now was pressed or the hold ran out; `applied`: the server took it */
  phase: 'waiting' | 'sending' | 'applied';
};

export type ToastState = 'held' | 'sending' | 'undoable' | 'done';

/** What the toast of an action shows now. */
export function toastState(entry: UndoEntry, now: number): ToastState {
  if (entry.undoableUntil !== null) return entry.undoableUntil > now ? 'undoable' : 'done';
  if (entry.phase === 'applied') return 'done';
  if (entry.phase === 'sending') return 'sending';
  // the time is asked of the core right after the action; until then it is simply held
  if (entry.sendAt !== null && entry.sendAt <= now) return 'sending';
  return 'held';
}

/**
 * Whether `z` may try it: an inverse within its window, or a held mutation the server has not
 * taken (past its send time it may be in flight; the core then says why it cannot be undone).
 */
export function canTryUndo(entry: UndoEntry, now: number): boolean {
  if (entry.undoableUntil !== null) return entry.undoableUntil > now;
  return entry.phase !== 'applied';
}

/** The most recent action `z` may still take back. */
export function latestUndoable(entries: Iterable<UndoEntry>, now: number): UndoEntry | null {
  let latest: UndoEntry | null = null;
  for (const entry of entries) {
    if (canTryUndo(entry, now) && (latest === null || entry.createdAt >= latest.createdAt)) latest = entry;
  }
  return latest;
}

/** Whole seconds left, as a countdown shows them (7 s until it reaches 0). */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}
