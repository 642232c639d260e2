// The desk's self-check: the server's per-agency head and case count (`sync.counts`, one
// grouped count read with the heads) against the cache's own count, for every agency the
// desk holds at that very head. A difference is logged with its numbers and repaired by
// fetching the agency's snapshot again: over the cached rows when cases are missing, from
// scratch when the cache holds cases the server no longer sends. The counts also give the
// scheduler its order (largest first) and the status its totals before the first page.
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';
import type { AgencyTurns, ApplyDeps } from './apply-changes';
import { dropAgency } from './apply-changes';
import type { RequestName, RequestOutcome } from './socket-request';
import type { ServerRequestArgs } from '../../../shared/protocol';
import type { SyncScheduler } from './sync-scheduler';

export type CountCheckOptions = {
  deps: ApplyDeps;
  send<R extends RequestName>(name: R, args: ServerRequestArgs<R>): Promise<RequestOutcome<R>>;
  scheduler: SyncScheduler;
  logger: CoreLogger;
  casesChanged(caseIds: string[], all: boolean): void;
  /** a repair's drop waits for the agency's batch in progress (apply-changes.ts) */
  turns: AgencyTurns;
};

export type CountMismatch = { agencyId: string; held: number; server: number; headSeq: number };

/** Asks the server for its counts; compares those of agencies held at the server's head. */
export async function checkCounts(o: CountCheckOptions): Promise<CountMismatch[] | null> {
  const reply = await o.send('sync.counts', {});
  if (reply.kind !== 'ok') {
    o.logger.warn({ reason: reply.kind === 'error' ? reply.error.code : reply.reason }, 'the per-agency count check could not run');
    return null;
  }
  const cache: Cache = o.deps.cache;
  const current = new Set(o.scheduler.currentAgencies());
  const mismatches: CountMismatch[] = [];
  for (const a of reply.value.agencies) {
    if (!o.scheduler.inScope(a.agencyId)) continue;
    o.scheduler.serverCount(a.agencyId, a.cases);
    const comparable = current.has(a.agencyId) && cache.reference.lastSeq(a.agencyId) === a.headSeq;
    o.scheduler.headSeen(a.agencyId, a.headSeq);
    if (!comparable) continue;
    const held = cache.syncProgress.caseCount(a.agencyId, reply.value.closedSince);
    if (held === a.cases) continue;
    mismatches.push({ agencyId: a.agencyId, held, server: a.cases, headSeq: a.headSeq });
  }
  for (const m of mismatches) await repair(o, m);
  return mismatches;
}

async function repair(o: CountCheckOptions, m: CountMismatch): Promise<void> {
  o.logger.warn(m, 'the cache holds a different number of cases than the server; fetching the agency again');
  await o.turns.run(m.agencyId, async () => {
    if (m.held > m.server) o.casesChanged(await dropAgency(o.deps, m.agencyId), true);
    else o.deps.cache.reference.forgetAgency(m.agencyId);
    o.deps.cache.syncProgress.clearProgress(m.agencyId);
  });
  o.scheduler.mismatch(m.agencyId);
  o.scheduler.want(m.agencyId);
}
