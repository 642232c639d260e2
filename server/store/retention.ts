// Keeps the change feed and the intake keys from growing without bound. A desk further behind
// than the feed reaches gets `resync: true` from its pull (feed.ts) and bootstraps again, so
// pruning costs a slow client a rebootstrap, never a missed change.
import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { Db } from './db';
import { MASS_WINDOW_MS } from '../../shared/mass';
import { pruneSignatures } from './mass';

export type Retention = {
  /** feed entries older than this go */
  changesMaxAgeMs: number;
  /** and each agency keeps at most this many of its newest entries */
  changesPerAgency: number;
  /** intake Idempotency-Keys are honoured for this long */
  intakeKeysMaxAgeMs: number;
  /** how often the pruner runs */
  everyMs: number;
};

export const DEFAULT_RETENTION: Retention = {
  changesMaxAgeMs: 30 * 24 * 60 * 60 * 1000,
  changesPerAgency: 500_000,
  intakeKeysMaxAgeMs: 7 * 24 * 60 * 60 * 1000,
  everyMs: 60 * 60 * 1000,
};

export type Pruned = { changes: number; intakeKeys: number };

export async function pruneOnce(db: Db, retention: Retention, now: number): Promise<Pruned> {
  const old = await db.deleteFrom('changes').where('created_at', '<', now - retention.changesMaxAgeMs).executeTakeFirst();
  // the agency's head is its agency_seq row; everything at or below head - N goes
  const surplus = await db
    .deleteFrom('changes')
    .where((eb) =>
      eb(
        'seq',
        '<=',
        eb
          .selectFrom('agency_seq')
          .select(sql<number>`agency_seq.seq - ${retention.changesPerAgency}`.as('floor'))
          .whereRef('agency_seq.agency_id', '=', 'changes.agency_id'),
      ),
    )
    .executeTakeFirst();
  const keys = await db.deleteFrom('intake_keys').where('created_at', '<', now - retention.intakeKeysMaxAgeMs).executeTakeFirst();
  // a complaint's signature groups nothing once it is older than the grouping window
  await pruneSignatures(db, now - MASS_WINDOW_MS);
  return { changes: Number(old.numDeletedRows) + Number(surplus.numDeletedRows), intakeKeys: Number(keys.numDeletedRows) };
}

/** Runs the pruner on a timer (every node may; deleting what another node deleted is a no-op). */
export function startRetention(db: Db, retention: Retention, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = pruneOnce(db, retention, Date.now()).then(
      (pruned) => {
        if (pruned.changes + pruned.intakeKeys > 0) logger.info(pruned, 'pruned the change feed');
      },
      (error: unknown) => logger.warn({ err: error }, 'pruning the change feed failed'),
    );
  }, retention.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
