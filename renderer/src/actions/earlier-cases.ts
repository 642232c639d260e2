// What the new-request dialog may say about a caller's earlier cases. They are looked up by
// CPR in the desk's own cache, which a bootstrap fills page by page: until it has finished,
// finding nothing does not mean the caller has no earlier cases.
import type { SyncStatus } from '../../../shared/desk-api';

/**
 * Some agency in the user's scope is not wholly in the cache yet (its first bootstrap, a page
 * that failed and waits for its retry, a repair after the count check): `coverage` says how
 * many agencies are complete, `progress` is set while any is not, and `searchIndexing` with
 * a total of 0 from the moment a first bootstrap starts (before the scope is known). Building
 * the search index afterwards does not count: the CPR lookup is on an indexed column and
 * finds every cached case meanwhile.
 */
export function cacheStillLoading(status: Pick<SyncStatus, 'progress' | 'searchIndexing' | 'coverage'>): boolean {
  const coverage = status.coverage;
  if (coverage != null && coverage.complete < coverage.agencies) return true;
  return status.progress !== null || status.searchIndexing?.total === 0;
}

export type EarlierCasesText = {
  /** the line above the cases found: 'none' only when the cache was complete for the lookup */
  heading: 'some' | 'none' | null;
  /** say that the cache is still loading, so earlier cases may be missing */
  stillLoading: boolean;
};

/**
 * `partial`: the answer came while the cache was still loading, or the cache is loading now.
 */
export function earlierCasesText(found: number, partial: boolean): EarlierCasesText {
  if (found > 0) return { heading: 'some', stillLoading: partial };
  return partial ? { heading: null, stillLoading: true } : { heading: 'none', stillLoading: false };
}
