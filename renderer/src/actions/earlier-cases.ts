// What the new-request dialog may say about a caller's earlier cases. They are looked up by
// CPR in the desk's own cache, which a bootstrap fills page by page: until it has finished,
// finding nothing does not mean the caller has no earlier cases.
import type { SyncStatus } from '../../../shared/desk-api';

/**
 * A bootstrap is still bringing cases into the cache (the first one, or an agency's again):
 * `progress` while pages arrive, and `searchIndexing` with a total of 0 from the moment it
 * starts (before its first page reports progress). Building the search index afterwards does
 * not count: the CPR lookup is on an indexed column and finds every cached case meanwhile.
 */
export function cacheStillLoading(status: Pick<SyncStatus, 'progress' | 'searchIndexing'>): boolean {
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
