// Two FTS5 doclists intersected in docid order (a word's matches, and the view-scope tokens of
// case_scope), read a chunk at a time with leapfrogging: when one list's next docid is far
// ahead, the other is read again from there (`rowid > ?` makes FTS5 seek) instead of through
// every docid in between. A common word in a small view (mine) then reads about as many
// docids as the view holds, not the word's whole doclist.

/**
 * A docid as a bound parameter. better-sqlite3 binds a JS number above 2^31 as a REAL, and
 * FTS5 takes a rowid bound only from an INTEGER value: given a REAL it ignores `rowid > ?`,
 * reads the doclist from its start and leaves SQLite to drop the rows before the bound (a
 * seek deep into a common word's 165,000 docids cost 15 ms instead of a fraction of one), and
 * it answers `rowid = ?` with the first match (the bound marked as handled, so nothing
 * re-checks it). Docids are below 2^53, so the BigInt is exact.
 */
export function docidParam(docid: number): bigint {
  return BigInt(docid);
}

/** A prepared `SELECT rowid … WHERE … MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?`. */
export type DocidQuery = { raw(toggle: boolean): { all(...params: unknown[]): unknown[] } };

export function docidsOf(query: DocidQuery, ...params: unknown[]): number[] {
  const rows = query.raw(true).all(...params) as number[][];
  query.raw(false);
  return rows.map((r) => r[0]);
}

/**
 * Chunk sizes: a read costs a fixed ~20–40 µs (the statement, FTS5 finding each term in each
 * segment) plus a little per docid. A chunk read after a leap is often mostly skipped (a word
 * in half the cases against a view of 2,000 of 1,000,000 uses one docid of each chunk), so a
 * stream reads less after a chunk it used little of and more after one it used whole.
 */
const MIN_CHUNK = 16;
const MAX_CHUNK = 2_000;

/** One doclist, read forward in chunks sized by how much of the last chunk was used. */
class DocidStream {
  private chunk: number[] = [];
  private at = 0;
  private exhausted = false;
  /** positions of the chunk the intersection stopped at (the rest it leapt over) */
  private visited = 0;

  constructor(
    private readonly query: DocidQuery,
    private readonly match: string,
    after: number,
    private size: number,
  ) {
    this.readAfter(after);
  }

  private readAfter(after: number): void {
    this.chunk = docidsOf(this.query, this.match, docidParam(after), this.size);
    this.at = 0;
    this.visited = this.chunk.length === 0 ? 0 : 1;
    this.exhausted = this.chunk.length < this.size;
  }

  /** the docid at the cursor, or null once the list is done */
  current(): number | null {
    return this.at < this.chunk.length ? this.chunk[this.at] : null;
  }

  /** moves to the first docid ≥ target */
  seek(target: number): void {
    const last = this.chunk[this.chunk.length - 1];
    if (this.chunk.length > 0 && last >= target) {
      // binary search inside the chunk already read
      let lo = this.at;
      let hi = this.chunk.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.chunk[mid] < target) lo = mid + 1;
        else hi = mid;
      }
      if (lo !== this.at) this.visited++;
      this.at = lo;
      return;
    }
    if (this.exhausted) {
      this.at = this.chunk.length;
      return;
    }
    // a chunk used a quarter or less was mostly leapt over: read less next time
    const used = this.visited;
    if (used * 4 <= this.chunk.length) this.size = Math.max(MIN_CHUNK, used * 4);
    else if (used * 2 >= this.chunk.length) this.size = Math.min(MAX_CHUNK, this.size * 2);
    this.readAfter(target - 1);
  }

  next(): void {
    const docid = this.current();
    if (docid !== null) this.seek(docid + 1);
  }
}

/**
 * Calls `take` with batches of docids in both lists, in docid order, after `after`, until it
 * returns false (it has enough) or a list ends.
 */
export function intersectDocids(
  a: { query: DocidQuery; match: string },
  b: { query: DocidQuery; match: string },
  after: number,
  batch: number,
  take: (docids: number[]) => boolean,
  chunk = 256,
): void {
  const left = new DocidStream(a.query, a.match, after, chunk);
  const right = new DocidStream(b.query, b.match, after, chunk);
  let both: number[] = [];
  for (;;) {
    const x = left.current();
    const y = right.current();
    if (x === null || y === null) break;
    if (x === y) {
      both.push(x);
      left.next();
      right.next();
      if (both.length >= batch) {
        if (!take(both)) return;
        both = [];
      }
    } else if (x < y) left.seek(y);
    else right.seek(x);
  }
  if (both.length > 0) take(both);
}
