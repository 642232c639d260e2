// Two FTS5 doclists intersected in docid order (a word's matches, and the view-scope tokens of
// case_scope), read a chunk at a time with leapfrogging: when one list's next docid is far
// ahead, the other is read again from there (`rowid > ?` makes FTS5 seek) instead of through
// every docid in between. A common word in a small view (mine) then reads about as many
// docids as the view holds, not the word's whole doclist.

/** A prepared `SELECT rowid … WHERE … MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?`. */
export type DocidQuery = { raw(toggle: boolean): { all(...params: unknown[]): unknown[] } };

export function docidsOf(query: DocidQuery, ...params: unknown[]): number[] {
  const rows = query.raw(true).all(...params) as number[][];
  query.raw(false);
  return rows.map((r) => r[0]);
}

/** One doclist, read forward in chunks. */
class DocidStream {
  private chunk: number[] = [];
  private at = 0;
  private exhausted = false;

  constructor(
    private readonly query: DocidQuery,
    private readonly match: string,
    after: number,
    private readonly size: number,
  ) {
    this.readAfter(after);
  }

  private readAfter(after: number): void {
    this.chunk = docidsOf(this.query, this.match, after, this.size);
    this.at = 0;
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
      this.at = lo;
      return;
    }
    if (this.exhausted) {
      this.at = this.chunk.length;
      return;
    }
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
  chunk = 2_000,
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
