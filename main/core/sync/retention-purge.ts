// Keeps the cache to what the server would send at a bootstrap: open cases and those closed
// within the retention window (protocol.ts CLOSED_RETENTION_MS). A desk signed in for months
// would otherwise keep every case it ever saw closed. Runs a minute after the session starts
// and then every few hours, a batch per transaction, yielding between batches, never while a
// bootstrap writes, and never on a case with a mutation still waiting in the outbox.
import { CLOSED_RETENTION_MS } from '../../../shared/protocol';
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';

export type RetentionPurgeOptions = {
  cache: Cache;
  isBootstrapping: () => boolean;
  isPending: (caseId: string) => boolean;
  casesChanged: (caseIds: string[], all: boolean) => void;
  logger: CoreLogger;
  now?: () => number;
  retentionMs?: number;
  firstRunMs?: number;
  everyMs?: number;
  batchSize?: number;
};

export type RetentionPurge = {
  /** purges now, in batches; resolves with how many cases left the cache */
  run(): Promise<number>;
  close(): void;
};

export function startRetentionPurge(o: RetentionPurgeOptions): RetentionPurge {
  const now = o.now ?? Date.now;
  const batchSize = o.batchSize ?? 1_000;
  let closed = false;
  let running: Promise<number> | null = null;

  async function purge(): Promise<number> {
    let removed = 0;
    const cutoff = now() - (o.retentionMs ?? CLOSED_RETENTION_MS);
    // ids kept for a waiting mutation are skipped by the query's offset, not retried forever
    let skipped = 0;
    for (;;) {
      if (closed || o.isBootstrapping()) break;
      const batch = o.cache.transaction(() => {
        const ids = o.cache.cases.closedBefore(cutoff, batchSize, skipped);
        const gone: string[] = [];
        for (const id of ids) {
          if (o.isPending(id)) {
            skipped++;
            continue;
          }
          o.cache.cases.deleteCase(id);
          gone.push(id);
        }
        return { seen: ids.length, gone };
      });
      removed += batch.gone.length;
      if (batch.gone.length > 0) o.casesChanged(batch.gone, false);
      if (batch.seen < batchSize) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (removed > 0) o.logger.info({ removed, cutoff }, 'cases closed before the retention window left the cache');
    return removed;
  }

  function run(): Promise<number> {
    running ??= purge()
      .catch((error: unknown) => {
        o.logger.error({ err: error }, 'the retention purge failed; it runs again later');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const first = setTimeout(() => void run(), o.firstRunMs ?? 60_000);
  const every = setInterval(() => void run(), o.everyMs ?? 6 * 3_600_000);
  first.unref();
  every.unref();

  return {
    run,
    close() {
      closed = true;
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
