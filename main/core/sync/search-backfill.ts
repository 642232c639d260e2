// Builds the search index a first bootstrap deferred (cache/search-index-state.ts): once no
// bootstrap is running, the cases without a search row are indexed a batch at a time, one
// transaction each, yielding to the event loop between batches so views, threads and
// mutations are served meanwhile. Search gives exact lookups only until the last batch.
import type { SyncStatus } from '../../../shared/desk-api';
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';

export type SearchBackfillOptions = {
  cache: Cache;
  isBootstrapping: () => boolean;
  status: (patch: Partial<SyncStatus>) => void;
  /** a finished index changes every search's answer */
  casesChanged: (caseIds: string[], all: boolean) => void;
  logger: CoreLogger;
  /** cases per transaction; ~4,000 keeps each step near 100 ms on this machine */
  batchSize?: number;
};

export type SearchBackfill = {
  /** builds the index if it is deferred and no bootstrap runs (call when one ends) */
  kick(): void;
  close(): void;
};

export function startSearchBackfill(o: SearchBackfillOptions): SearchBackfill {
  const batchSize = o.batchSize ?? 4_000;
  let pending: NodeJS.Immediate | null = null;
  let closed = false;
  let done = 0;

  function step(): void {
    pending = null;
    // a bootstrap that starts meanwhile kicks again when it ends
    if (closed || !o.cache.searchIndex.deferred() || o.isBootstrapping()) return;
    let left: number;
    try {
      left = o.cache.transaction(() => {
        const batch = o.cache.cases.indexUnindexed(batchSize);
        done += batch.indexed;
        if (batch.left === 0) o.cache.searchIndex.setDeferred(false);
        return batch.left;
      });
    } catch (error) {
      o.logger.error({ err: error }, 'building the search index failed; text search stays off');
      return;
    }
    if (left > 0) {
      o.status({ searchIndexing: { done, total: done + left } });
      pending = setImmediate(step);
      return;
    }
    done = 0;
    o.status({ searchIndexing: null });
    o.casesChanged([], true);
  }

  function kick(): void {
    if (closed || pending !== null || !o.cache.searchIndex.deferred()) return;
    pending = setImmediate(step);
  }

  if (o.cache.searchIndex.deferred()) o.status({ searchIndexing: { done: 0, total: o.cache.cases.unindexedCount() } });
  kick();

  return {
    kick,
    close() {
      closed = true;
      if (pending !== null) clearImmediate(pending);
      pending = null;
    },
  };
}
