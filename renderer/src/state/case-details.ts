// Case details the pane may show next: the recently shown ones and the neighbours of the
// selection, asked for ahead so that j/k usually paints the thread in the same frame as the
// selection. Bounded (least recently used goes first). A change to a case drops its entry, and
// an answer asked for before that change is not kept: it may hold the case as it was.
import type { DeskResult, Viewer } from '../../../shared/desk-api';

export type CaseDetail = NonNullable<DeskResult<'cases.get'>>;
export type DetailFetcher = (caseId: string) => Promise<CaseDetail | null>;

/** Enough for a walk down a queue and back without asking again (the bench walks 40 back). */
export const DETAIL_CACHE_LIMIT = 50;

export class CaseDetailCache {
  private readonly entries = new Map<string, CaseDetail>();
  /** one request per case at a time; an invalidation forgets it, so its answer is not kept */
  private readonly inflight = new Map<string, Promise<CaseDetail | null>>();
  private readonly fetchDetail: DetailFetcher;
  private readonly limit: number;

  constructor(fetchDetail: DetailFetcher, limit = DETAIL_CACHE_LIMIT) {
    this.fetchDetail = fetchDetail;
    this.limit = Math.max(1, limit);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached detail, if any, now counted as recently used. */
  peek(caseId: string): CaseDetail | undefined {
    const detail = this.entries.get(caseId);
    if (detail !== undefined) this.keep(detail);
    return detail;
  }

  /** The cached detail, or the answer of the request already on its way, or a new request. */
  get(caseId: string): Promise<CaseDetail | null> {
    const cached = this.peek(caseId);
    if (cached !== undefined) return Promise.resolve(cached);
    return this.inflight.get(caseId) ?? this.request(caseId);
  }

  /** Asks the core again whatever is cached (the case changed, or a reply was just sent). */
  fetchFresh(caseId: string): Promise<CaseDetail | null> {
    return this.request(caseId);
  }

  /** Asks for the cases not cached nor on their way; answers land in the cache. */
  prefetch(caseIds: Iterable<string>): void {
    for (const caseId of caseIds) {
      if (this.entries.has(caseId) || this.inflight.has(caseId)) continue;
      // a failed prefetch costs nothing: the case is asked for again when it is selected
      this.request(caseId).catch(() => undefined);
    }
  }

  invalidate(caseIds: Iterable<string> | 'all'): void {
    if (caseIds === 'all') {
      this.entries.clear();
      this.inflight.clear();
      return;
    }
    for (const caseId of caseIds) {
      this.entries.delete(caseId);
      this.inflight.delete(caseId);
    }
  }

  /** Presence is pushed for every case: a cached detail keeps its viewers true without a fetch. */
  updateViewers(caseId: string, viewers: Viewer[]): void {
    const detail = this.entries.get(caseId);
    if (detail !== undefined) this.entries.set(caseId, { ...detail, viewers });
  }

  private request(caseId: string): Promise<CaseDetail | null> {
    const asked = this.fetchDetail(caseId).then((detail) => {
      if (this.inflight.get(caseId) !== asked) return detail; // invalidated or superseded meanwhile
      this.inflight.delete(caseId);
      if (detail === null) this.entries.delete(caseId);
      else this.keep(detail);
      return detail;
    });
    this.inflight.set(caseId, asked);
    asked.catch(() => {
      if (this.inflight.get(caseId) === asked) this.inflight.delete(caseId);
    });
    return asked;
  }

  private keep(detail: CaseDetail): void {
    const caseId = detail.case.id;
    this.entries.delete(caseId);
    this.entries.set(caseId, detail);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
