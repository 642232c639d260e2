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
