// Bringing one agency to the server's head: its bootstrap, resumed from its last page (each
// page is written in one transaction with the cursor of the next, so a desk stopped anywhere
// goes on from there), then its feed pulled from the snapshot's seq. A page that is not
// answered (timeout, refusal, disconnect) is an AgencySyncFailure with a reason the status
// shows; the scheduler (sync-scheduler.ts) retries it.
import { BOOTSTRAP_PAGE_MAX, PULL_PAGE_MAX } from '../../../shared/protocol';
import type { AgencyLag } from '../../../shared/desk-api';
import type { AgencyTurns, AppliedBatch, ApplyDeps } from './apply-changes';
import { applyChanges, dropAgency } from './apply-changes';
import type { SnapshotWriter } from './snapshot-writer';
import type { RequestName, RequestOutcome } from './socket-request';
import type { ServerRequestArgs } from '../../../shared/protocol';

export type LagReason = NonNullable<AgencyLag['reason']>;

export class AgencySyncFailure extends Error {
  readonly reason: LagReason;
  constructor(reason: LagReason, message: string) {
    super(message);
    this.name = 'AgencySyncFailure';
    this.reason = reason;
  }
}

export type AgencySyncDeps = ApplyDeps & {
  send<R extends RequestName>(name: R, args: ServerRequestArgs<R>): Promise<RequestOutcome<R>>;
  snapshotWriter: SnapshotWriter;
  pageSize: number;
  isClosed(): boolean;
  casesChanged(caseIds: string[], all: boolean): void;
  published(batch: AppliedBatch): void;
  /** one feed batch (or drop) at a time per agency, live or pulled */
  turns: AgencyTurns;
  /** a bootstrap page is in (cases of the agency fetched so far, and the snapshot's total) */
  pageWritten(agencyId: string, fetched: number, total: number): void;
  /** the server's head of the agency, as a pull reply gave it */
  headSeen(agencyId: string, headSeq: number): void;
};

/** What an unanswered or refused request means for the agency's status. */
export function failureOf(what: string, outcome: Exclude<RequestOutcome<RequestName>, { kind: 'ok' }>): AgencySyncFailure {
  if (outcome.kind === 'unsent') {
    const reason: LagReason = outcome.reason === 'timeout' ? 'timeout' : 'offline';
    return new AgencySyncFailure(reason, `${what}: ${outcome.reason}`);
  }
  const refused = ['rate_limited', 'unavailable', 'forbidden'].includes(outcome.error.code);
  return new AgencySyncFailure(refused ? 'refused' : 'error', `${what}: ${outcome.error.code} ${outcome.error.message}`);
}

/** Fetches the agency's remaining bootstrap pages (from its saved cursor, or the first). */
export async function bootstrapAgency(d: AgencySyncDeps, agencyId: string): Promise<void> {
  const saved = d.cache.syncProgress.progress(agencyId);
  const limit = Math.min(d.pageSize, BOOTSTRAP_PAGE_MAX);
  if (saved !== null && saved.cursor === null) {
    // every page was in, but the desk stopped before marking the agency bootstrapped
    d.cache.transaction(() => finish(d, agencyId, saved.asOfSeq));
    return;
  }
  let fetched = saved?.fetched ?? 0;
  const ask = (cursor: string | null) => d.send('sync.bootstrap', { agencyId, cursor, limit });
  // the next page is asked for before this one is written, so the server and the wire work
  // while the cache writes
  let next: Promise<RequestOutcome<'sync.bootstrap'>> | null = ask(saved?.cursor ?? null);
  while (next !== null) {
    const page: RequestOutcome<'sync.bootstrap'> = await next;
    if (d.isClosed()) return;
    if (page.kind !== 'ok') throw failureOf(`bootstrap page of ${agencyId}`, page);
    const { cases, messages, asOfSeq, total } = page.value;
    const nextCursor: string | null = page.value.nextCursor;
    next = nextCursor === null ? null : ask(nextCursor);
    fetched += cases.length;
    const progress = { agencyId, cursor: nextCursor, asOfSeq, fetched, total: Math.max(total, fetched) };
    const touched = await d.snapshotWriter.write(cases, messages, () => {
      if (nextCursor === null) finish(d, agencyId, asOfSeq);
      else d.cache.syncProgress.saveProgress(progress);
    });
    d.pageWritten(agencyId, fetched, progress.total);
    if (touched.length > 0) d.casesChanged(touched, false);
  }
}

function finish(d: AgencySyncDeps, agencyId: string, asOfSeq: number): void {
  d.cache.reference.setLastSeq(agencyId, asOfSeq);
  d.cache.syncProgress.clearProgress(agencyId);
}

/**
 * Pulls the agency's feed to the server's head. 'bootstrap': the agency has no snapshot in
 * this cache (never had, or the server asked for a new one: its cases are dropped first).
 */
export async function pullAgency(d: AgencySyncDeps, agencyId: string): Promise<'current' | 'bootstrap'> {
  for (;;) {
    if (d.isClosed()) return 'current';
    const afterSeq = d.cache.reference.lastSeq(agencyId);
    if (afterSeq === null || d.cache.syncProgress.progress(agencyId) !== null) return 'bootstrap';
    const result = await d.send('sync.pull', { agencyId, afterSeq, limit: PULL_PAGE_MAX });
    if (result.kind !== 'ok') throw failureOf(`pull of ${agencyId}`, result);
    const pulled = result.value;
    const next = await d.turns.run(agencyId, async (): Promise<'current' | 'bootstrap' | 'again'> => {
      if (pulled.resync) {
        d.casesChanged(await dropAgency(d, agencyId), true);
        d.cache.syncProgress.clearProgress(agencyId);
        return 'bootstrap';
      }
      d.headSeen(agencyId, pulled.headSeq);
      // a live batch may have moved the agency on while this page was in flight
      if (d.cache.reference.lastSeq(agencyId) !== afterSeq) return 'again';
      if (pulled.changes.length > 0 || pulled.toSeq > afterSeq) {
        d.published(await applyChanges(d, agencyId, pulled.changes, pulled.toSeq));
      }
      return pulled.toSeq >= pulled.headSeq || pulled.changes.length === 0 ? 'current' : 'again';
    });
    if (next !== 'again') return next;
  }
}

/** Bootstraps the agency if it must be, then pulls it to the head. */
export async function syncAgency(d: AgencySyncDeps, agencyId: string, bootstrapping: (running: boolean) => void): Promise<void> {
  while ((await pullAgency(d, agencyId)) === 'bootstrap') {
    if (d.isClosed()) return;
    bootstrapping(true);
    try {
      await bootstrapAgency(d, agencyId);
    } finally {
      bootstrapping(false);
    }
    if (d.isClosed()) return;
  }
}
