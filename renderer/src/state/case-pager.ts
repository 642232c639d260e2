// A window over one view's cases, read page by page with keyset cursors. It keeps the rows of
// at most `maxLoadedPages` pages around what is on screen and only the cursors of the others,
// so scrolling through 100,000 cases never holds 100,000 rows.
import type { CaseRow } from '../../../shared/desk-api';

export type CasePage = { rows: CaseRow[]; nextCursor: string | null };
export type PageFetcher = (after: string | null, limit: number) => Promise<CasePage>;

type PageSlot = {
  /** cursor the page starts after (null for the first page) */
  after: string | null;
  rows: CaseRow[] | null;
  /** cursor after this page; null: this is the last page; undefined: not loaded yet */
  next: string | null | undefined;
};

export type CasePagerOptions = { pageSize?: number; maxLoadedPages?: number; estimatedTotal?: number };

export class CasePager {
  readonly pageSize: number;
  private readonly maxLoadedPages: number;
  private readonly fetchPage: PageFetcher;
  private slots: PageSlot[] = [{ after: null, rows: null, next: undefined }];
  private estimatedTotal: number;
  private work: Promise<void> = Promise.resolve();
  private listeners = new Set<() => void>();
  private disposed = false;
  /** bumps on every change so React can subscribe with useSyncExternalStore */
  version = 0;
  /** true once the first page has arrived */
  loaded = false;

  constructor(fetchPage: PageFetcher, options: CasePagerOptions = {}) {
    this.fetchPage = fetchPage;
    this.pageSize = options.pageSize ?? 100;
    this.maxLoadedPages = Math.max(2, options.maxLoadedPages ?? 8);
    this.estimatedTotal = options.estimatedTotal ?? 0;
  }

  /** the number of rows the list should show: exact once the last page was seen */
  get total(): number {
    const last = this.slots.length - 1;
    const lastSlot = this.slots[last];
    if (lastSlot !== undefined && lastSlot.next === null && lastSlot.rows !== null) {
      return last * this.pageSize + lastSlot.rows.length;
    }
    let known = 0;
    this.slots.forEach((slot, index) => {
      if (slot.rows !== null) known = Math.max(known, index * this.pageSize + slot.rows.length);
    });
    return Math.max(this.estimatedTotal, known);
  }

  get loadedRowCount(): number {
    return this.slots.reduce((sum, slot) => sum + (slot.rows?.length ?? 0), 0);
  }

  setEstimatedTotal(total: number): void {
    if (total === this.estimatedTotal) return;
    this.estimatedTotal = total;
    this.changed();
  }

  rowAt(index: number): CaseRow | undefined {
    const slot = this.slots[Math.floor(index / this.pageSize)];
    return slot?.rows?.[index % this.pageSize];
  }

  /** the index of a case among the loaded rows, or -1 */
  indexOf(caseId: string): number {
    for (let p = 0; p < this.slots.length; p++) {
      const at = this.slots[p]?.rows?.findIndex((row) => row.id === caseId) ?? -1;
      if (at >= 0) return p * this.pageSize + at;
    }
    return -1;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  /** Loads the pages covering rows first..last (and the pages before them, for their cursors). */
  ensureRange(first: number, last: number): Promise<void> {
    return this.enqueue(async () => {
      const firstPage = Math.max(0, Math.floor(first / this.pageSize));
      const lastPage = Math.max(firstPage, Math.floor(last / this.pageSize));
      for (let p = 0; p <= lastPage; p++) {
        const slot = this.slots[p];
        if (slot === undefined) return; // the previous page was the last one
        const wanted = p >= firstPage;
        if (slot.next === undefined || (wanted && slot.rows === null)) {
          await this.load(p);
          if (this.disposed) return;
        }
      }
      this.evictAround(firstPage, lastPage);
      this.changed();
    });
  }

  /** Reloads the pages on screen (a change arrived); cursors past them are forgotten. */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      let lastLoaded = 0;
      this.slots.forEach((slot, index) => {
        if (slot.rows !== null) lastLoaded = index;
      });
      this.slots = this.slots.slice(0, lastLoaded + 1);
      for (let p = 0; p < this.slots.length; p++) {
        const slot = this.slots[p];
        if (slot === undefined) break;
        if (slot.rows !== null || slot.next === undefined) await this.load(p, true);
        if (this.disposed) return;
      }
      this.changed();
    });
  }

  private async load(p: number, keepIfAbsent = false): Promise<void> {
    const slot = this.slots[p];
    if (slot === undefined) return;
    const page = await this.fetchPage(slot.after, this.pageSize);
    if (this.disposed) return;
    slot.rows = page.rows;
    const nextChanged = slot.next !== page.nextCursor;
    slot.next = page.nextCursor;
    this.loaded = true;
    if (page.nextCursor === null) {
      this.slots = this.slots.slice(0, p + 1);
    } else if (nextChanged || this.slots[p + 1] === undefined) {
      const following = this.slots[p + 1];
      if (following === undefined || !keepIfAbsent) {
        this.slots[p + 1] = { after: page.nextCursor, rows: null, next: undefined };
      } else {
        following.after = page.nextCursor;
      }
    }
  }

  private evictAround(firstPage: number, lastPage: number): void {
    const spare = Math.max(0, this.maxLoadedPages - (lastPage - firstPage + 1));
    const from = firstPage - Math.floor(spare / 2);
    const to = lastPage + Math.ceil(spare / 2);
    this.slots.forEach((slot, index) => {
      if (index < from || index > to) slot.rows = null;
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task, task);
    // A failed page load must not wedge every later one; the caller still sees the failure.
    this.work = run.catch(() => undefined);
    return run;
  }

  private changed(): void {
    if (this.disposed) return;
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
