// Builds the search index a first bootstrap deferred (cache/search-index-state.ts): once no
// bootstrap is running, the cases without a search row are indexed a slice at a time (as many
// as fit in ~20 ms, ../slices.ts), yielding to the event loop between slices so views,
// threads, mutations and the host's other desks are served meanwhile. It goes agency by
// agency, those with most cases first, so the status can say honestly which agencies text
// search covers ("search covers 12 of 51 agencies"); search gives exact lookups only until
// the last slice.
// FTS5 writes a segment whenever its pending rows are flushed: at each commit, and whenever a
// row's docid is not above the one before. So the slices share one transaction committed
// every ~100 ms of work (holdTransaction; the commit's flush is then a few tens of ms), and
// an agency's cases are taken in the order of the docids they will get (newest thread first),
// so consecutive slices keep the docids rising. One 20 ms transaction per slice, each
// starting below the last, wrote a segment per slice: 60 s for 108,000 cases instead of 14.
import type { SyncStatus } from '../../../shared/desk-api';
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';
import { SLICE_MS, holdTransaction, nextSliceSize } from '../slices';

/** how often the status says how far the index is */
const STATUS_EVERY_MS = 250;
/** an agency's cases timed per slice (one query over the thread index, a few ms) */
const TIMED_AT_ONCE = 2_000;

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

/**
 * Which cases to index next: the agency with most left first, its cases (each with the time
 * its docid will follow: its thread's last message, or its creation) read a few thousand at a
 * time, then sorted newest first, i.e. in the order of the docids they will get
 * (search-rows.ts).
 */
function createBackfillQueue(cache: Cache) {
  /** cases still without a search row, per agency (read when a backfill starts) */
  let unindexed: Map<string, number> | null = null;
  let agency: { agencyId: string; cases: { id: string; at: number }[]; timed: number; ids: string[] | null } | null = null;

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

  /** Times the next few thousand of the agency's cases; once all are, puts them in docid order. */
  function timeCases(a: NonNullable<typeof agency>): void {
    const part = a.cases.slice(a.timed, a.timed + TIMED_AT_ONCE);
    const last = cache.syncProgress.lastMessageAt(part.map((c) => c.id));
    for (const c of part) c.at = last.get(c.id) ?? c.at;
    a.timed += part.length;
    if (a.timed >= a.cases.length) a.ids = a.cases.sort((x, y) => y.at - x.at || (x.id < y.id ? -1 : 1)).map((c) => c.id);
  }

  return {
    /** The next cases of the agency with most left; [] while its cases are being timed; null when none is left. */
    nextIds(batchSize: number): string[] | null {
      unindexed ??= cache.syncProgress.unindexedByAgency();
      if (agency === null || (agency.ids !== null && agency.ids.length === 0)) {
        if (agency !== null) unindexed.delete(agency.agencyId);
        const agencyId = nextAgency();
        if (agencyId === undefined) {
          agency = null;
          return null;
        }
        const cases = cache.syncProgress.unindexedOfAgency(agencyId).map((c) => ({ id: c.id, at: c.createdAt }));
        agency = { agencyId, cases, timed: 0, ids: null };
      }
      if (agency.ids === null) {
        timeCases(agency);
        return [];
      }
      const ids = agency.ids.splice(0, batchSize);
      unindexed.set(agency.agencyId, Math.max(1, agency.ids.length));
      return ids;
    },
    /** at least 1 while any agency is queued */
    left(): number {
      return Math.max(1, [...(unindexed ?? new Map<string, number>()).values()].reduce((a, b) => a + b, 0));
    },
    /** the agencies still waiting (null before a backfill starts) */
    waiting: () => unindexed,
    /** read the agencies again at the next slice (a last pass found cases written meanwhile) */
    reread(): void {
      unindexed = null;
    },
    reset(): void {
      unindexed = null;
      agency = null;
    },
  };
}

export function startSearchBackfill(o: SearchBackfillOptions): SearchBackfill {
  // the first slice is small; each next one is sized from what the last one cost
  let batchSize = o.batchSize ?? 64;
  let pending: NodeJS.Immediate | null = null;
  let closed = false;
  let done = 0;
  let toldAt = 0;
  const queue = createBackfillQueue(o.cache);
  const held = holdTransaction(o.cache.db, 100);

  /** Indexes one slice; returns how many cases are left without a search row. */
  function indexSlice(): number {
    return held.slice(() => {
      const ids = queue.nextIds(batchSize);
      if (ids !== null) {
        if (ids.length > 0) done += o.cache.cases.reindexCases(ids, true);
        return queue.left();
      }
      // cases written while the backfill ran (a live change) are picked up by this last pass
      const left = o.cache.cases.indexUnindexed(batchSize);
      done += left.indexed;
      if (left.left === 0) o.cache.searchIndex.setDeferred(false);
      else queue.reread();
      return left.left;
    });
  }

  function step(): void {
    pending = null;
    // a bootstrap that starts meanwhile kicks again when it ends
    if (closed || !o.cache.searchIndex.deferred() || o.isBootstrapping()) {
      held.commit(true);
      return;
    }
    let left: number;
    try {
      const started = performance.now();
      const before = done;
      left = indexSlice();
      if (o.batchSize === undefined && done > before) batchSize = nextSliceSize(done - before, performance.now() - started, SLICE_MS, batchSize);
      held.commit(left === 0);
    } catch (error) {
      o.logger.error({ err: error }, 'building the search index failed; text search stays off');
      queue.reset();
      return;
    }
    if (left > 0) {
      if (performance.now() - toldAt >= STATUS_EVERY_MS) {
        toldAt = performance.now();
        o.status({ searchIndexing: { done, total: done + left } });
      }
      pending = setImmediate(step);
      return;
    }
    done = 0;
    queue.reset();
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
      const waiting = queue.waiting();
      return waiting === null ? 0 : scope.filter((agencyId) => !waiting.has(agencyId)).length;
    },
    close() {
      closed = true;
      if (pending !== null) clearImmediate(pending);
      pending = null;
      // what the slices so far indexed is kept
      held.commit(true);
    },
  };
}
