// Long work in slices: whatever waits on the event loop (another desk of the same browser
// host, a keypress's page) runs between slices, and a slice stays near its time budget
// whatever one item costs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { holdTransaction, inSlices, nextSliceSize } from '../../../main/core/slices';
import { openEncrypted } from '../../../main/core/encrypted-sqlite';
import { TEST_KEY_HEX, tempDir } from './fixtures';

/** holds the thread for `ms`, as a write of SQLite does */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spinning on purpose
  }
}

describe('inSlices', () => {
  it('goes through every item in order, in slices near the budget, with the event loop running between them', async () => {
    const items = Array.from({ length: 600 }, (_, i) => i);
    const seen: number[] = [];
    const slices: { size: number; ms: number; last: boolean }[] = [];
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await inSlices(items, (part, last) => {
      const started = performance.now();
      for (const item of part) {
        busy(0.05);
        seen.push(item);
      }
      slices.push({ size: part.length, ms: performance.now() - started, last });
    }, { sliceMs: 4 });
    ticking = false;
    expect(seen).toEqual(items);
    expect(slices.length).toBeGreaterThan(5);
    expect(slices.filter((s) => s.last)).toHaveLength(1);
    expect(slices.at(-1)!.last).toBe(true);
    // the other work ran between slices, not only before and after
    expect(ticks).toBeGreaterThanOrEqual(slices.length - 1);
    // after the first (64 items of unknown cost) every slice is sized from what one item cost
    const sized = slices.slice(1, -1).map((s) => s.size);
    for (const size of sized) expect(size).toBeLessThanOrEqual(80);
  });

  it('runs an empty list as one last slice (the batch bookkeeping still happens)', async () => {
    const calls: { size: number; last: boolean }[] = [];
    await inSlices([], (part, last) => calls.push({ size: part.length, last }));
    expect(calls).toEqual([{ size: 0, last: true }]);
  });

  it('stops before the next slice once told to, and says so', async () => {
    let stop = false;
    const seen: number[] = [];
    const whole = await inSlices(Array.from({ length: 100 }, (_, i) => i), (part) => {
      seen.push(...part);
      stop = true;
    }, { sizer: { size: 10 }, stopped: () => stop });
    expect(whole).toBe(false);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('nextSliceSize', () => {
  it('fits the budget to the measured cost per item, growing at most fourfold a step', () => {
    expect(nextSliceSize(100, 40, 20, 100)).toBe(50);
    expect(nextSliceSize(100, 1, 20, 100)).toBe(400);
    expect(nextSliceSize(10, 500, 20, 10)).toBe(1);
    expect(nextSliceSize(0, 0, 20, 64)).toBe(64);
  });
});

describe('holdTransaction', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;
  const rows = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  /** what another connection (another reader of the file) sees: only what was committed */
  const committedRows = () => {
    const other = openEncrypted(join(dir.dir, 'held.sqlite'), TEST_KEY_HEX);
    try {
      return (other.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    } finally {
      other.close();
    }
  };

  beforeEach(() => {
    dir = tempDir('desk-held-');
    db = openEncrypted(join(dir.dir, 'held.sqlite'), TEST_KEY_HEX);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (n INTEGER)');
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('keeps one transaction across slices and commits once it holds enough work', () => {
    const held = holdTransaction(db, 5);
    held.slice(() => db.prepare('INSERT INTO t VALUES (1)').run());
    expect(held.commit()).toBe(false);
    expect(db.inTransaction).toBe(true);
    // the connection's own reads see the slices so far; the file does not hold them yet
    expect(rows()).toBe(1);
    expect(committedRows()).toBe(0);
    held.slice(() => busy(6));
    expect(held.commit()).toBe(true);
    expect(committedRows()).toBe(1);
  });

  it('commits whatever it holds when told to, and nothing when it holds nothing', () => {
    const held = holdTransaction(db, 1_000);
    expect(held.commit(true)).toBe(true);
    held.slice(() => db.prepare('INSERT INTO t VALUES (1)').run());
    expect(held.commit(true)).toBe(true);
    expect(committedRows()).toBe(1);
  });

  it('takes back every slice it held when one fails', () => {
    const held = holdTransaction(db, 1_000);
    held.slice(() => db.prepare('INSERT INTO t VALUES (1)').run());
    expect(() => held.slice(() => db.prepare('INSERT INTO nowhere VALUES (1)').run())).toThrow();
    expect(held.holding()).toBe(false);
    expect(db.inTransaction).toBe(false);
    expect(rows()).toBe(0);
  });

  it('joins a transaction someone else opened and leaves its commit to them', () => {
    const held = holdTransaction(db, 0);
    db.exec('BEGIN');
    held.slice(() => db.prepare('INSERT INTO t VALUES (1)').run());
    held.commit(true);
    expect(db.inTransaction).toBe(true);
    db.exec('ROLLBACK');
    expect(rows()).toBe(0);
  });
});
