// Builds the search index a first bootstrap deferred (cache/search-index-state.ts): once no
// bootstrap is running, the cases without a search row are indexed a slice at a time, one
// transaction each of as many cases as fit in ~20 ms (../slices.ts), yielding to the event
// loop between slices so views, threads, mutations and the host's other desks are served
// meanwhile. It goes agency by agency, those with most cases first, so
// the status can say honestly which agencies text search covers ("search covers 12 of 51
// agencies"); search gives exact lookups only until the last batch.
import type { SyncStatus } from '../../../shared/desk-api';
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';
import { SLICE_MS, nextSliceSize } from '../slices';

export type SearchBackfillOptions = {
  cache: Cache;
  isBootstrapping: () => boolean;
  status: (patch: Partial<SyncStatus>) => void;
  /** a finished index changes every search's answer */
  casesChanged: (caseIds: string[], all: boolean) => void;
  logger: CoreLogger;
  /** cases per transaction; default: as many as fit in a slice (SLICE_MS), measured as it goes */
  batchSize?: number;
};

export type SearchBackfill = {
  /** builds the index if it is deferred and no bootstrap runs (call when one ends) */
  kick(): void;
  /** how many of these agencies text search covers; null when it covers every case */
  coveredAgencies(scope: readonly string[]): number | null;
  close(): void;
};

export function startSearchBackfill(o: SearchBackfillOptions): SearchBackfill {
  // the first slice is small; each next one is sized from what the last one cost
  let batchSize = o.batchSize ?? 64;
  let pending: NodeJS.Immediate | null = null;
  let closed = false;
  let done = 0;
  /** cases still without a search row, per agency (read when a backfill starts) */
  let unindexed: Map<string, number> | null = null;

  function nextAgency(): string | undefined {
    let best: string | undefined;
    let most = 0;
    for (const [agencyId, n] of unindexed ?? []) {
      if (n > most) {
        best = agencyId;
        most = n;
      }
    }
    return best;
  }

  function indexBatch(): number {
    return o.cache.transaction(() => {
      unindexed ??= o.cache.syncProgress.unindexedByAgency();
      const agencyId = nextAgency();
      if (agencyId !== undefined) {
        const ids = o.cache.syncProgress.unindexedOfAgency(agencyId, batchSize);
        const indexed = ids.length === 0 ? 0 : o.cache.cases.reindexCases(ids, true);
        done += indexed;
        if (ids.length < batchSize) unindexed.delete(agencyId);
        else unindexed.set(agencyId, Math.max(1, (unindexed.get(agencyId) ?? 0) - ids.length));
      }
      if (nextAgency() !== undefined) return [...unindexed.values()].reduce((a, b) => a + b, 0);
      // cases written while the backfill ran (a live change) are picked up by this last pass
      const left = o.cache.cases.indexUnindexed(batchSize);
      done += left.indexed;
      if (left.left === 0) o.cache.searchIndex.setDeferred(false);
      else unindexed = null;
      return left.left;
    });
  }

  function step(): void {
    pending = null;
    // a bootstrap that starts meanwhile kicks again when it ends
    if (closed || !o.cache.searchIndex.deferred() || o.isBootstrapping()) return;
    let left: number;
    try {
      const started = performance.now();
      const before = done;
      left = indexBatch();
      if (o.batchSize === undefined) batchSize = nextSliceSize(Math.max(1, done - before), performance.now() - started, SLICE_MS, batchSize);
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
    unindexed = null;
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
    coveredAgencies(scope) {
      if (!o.cache.searchIndex.deferred()) return null;
      // before the backfill starts (bootstraps still running) no agency's cases are indexed
      const waiting = unindexed;
      return waiting === null ? 0 : scope.filter((agencyId) => !waiting.has(agencyId)).length;
    },
    close() {
      closed = true;
      if (pending !== null) clearImmediate(pending);
      pending = null;
    },
  };
}
