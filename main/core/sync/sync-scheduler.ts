// Which agency syncs when. At most `concurrency` agencies at a time (all 51 at once made a
// call-centre login ask for ~100 pages together, and on a busy 2-core machine pages waited past
// their timeout); agencies already held are pulled first (cheap), then bootstraps largest
// first, so the call centre's commonest lookups are ready earliest. A failed agency is retried
// with full-jitter backoff until it succeeds; a server `head` covers agencies that never
// finished too. The status says "up to date" only when every agency in scope is current.
import type { AgencyLag, SyncStatus } from '../../../shared/desk-api';
import { CLOSED_RETENTION_MS } from '../../../shared/protocol';
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';
import { AgencySyncFailure } from './agency-sync';
import type { LagReason } from './agency-sync';
import type { BackoffOptions } from './backoff';
import { fullJitterDelay } from './backoff';

type Entry = {
  agencyId: string;
  queued: boolean;
  running: boolean;
  /** asked for again while running */
  again: boolean;
  bootstrapping: boolean;
  reason: LagReason | null;
  attempts: number;
  retryAt: number | null;
  timer: NodeJS.Timeout | null;
  /** the server's head and case count as last heard (null: not yet) */
  headSeq: number | null;
  serverCases: number | null;
  /** cases fetched by the bootstrap under way, and its total */
  fetched: number;
  fetchTotal: number;
  /** cases held once complete, counted once when the server's count is not known */
  held: number | null;
};

export type SchedulerOptions = {
  cache: Cache;
  concurrency: number;
  retry: BackoffOptions;
  logger: CoreLogger;
  isConnected(): boolean;
  isClosed(): boolean;
  /** brings the agency to the head (agency-sync.ts syncAgency) */
  work(agencyId: string, bootstrapping: (running: boolean) => void): Promise<void>;
  changed(): void;
};

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;

function newEntry(agencyId: string, saved: { fetched: number; total: number } | null): Entry {
  return {
    agencyId, queued: false, running: false, again: false, bootstrapping: false, reason: null, attempts: 0,
    retryAt: null, timer: null, headSeq: null, serverCases: null, fetched: saved?.fetched ?? 0, fetchTotal: saved?.total ?? 0, held: null,
  };
}

/** Fully held: the agency's bootstrap finished (a seq, no page progress left). */
function isComplete(cache: Cache, e: Entry): boolean {
  return cache.reference.lastSeq(e.agencyId) !== null && cache.syncProgress.progress(e.agencyId) === null;
}

/** Held, idle and at the server's head as last heard. */
function isCurrent(cache: Cache, e: Entry): boolean {
  if (e.queued || e.running || e.timer !== null || !isComplete(cache, e)) return false;
  return e.headSeq === null || (cache.reference.lastSeq(e.agencyId) ?? -1) >= e.headSeq;
}

/** Pulls first (the agency is held), then bootstraps by the server's count, largest first. */
function nextQueued(cache: Cache, entries: Iterable<Entry>): Entry | undefined {
  let best: Entry | undefined;
  let bestKey = -Infinity;
  for (const e of entries) {
    if (!e.queued) continue;
    const key = isComplete(cache, e) ? Number.MAX_SAFE_INTEGER : (e.serverCases ?? e.fetchTotal);
    if (key > bestKey) {
      best = e;
      bestKey = key;
    }
  }
  return best;
}

function cancelRetry(e: Entry): void {
  if (e.timer !== null) clearTimeout(e.timer);
  e.timer = null;
  e.retryAt = null;
}

/**
 * The queue and its timing: runs queued agencies while a slot is free, and after a failure
 * waits a full-jitter backoff before asking for the agency again.
 */
function createRunQueue(o: SchedulerOptions, entries: Map<string, Entry>) {
  let running = 0;

  function pump(): void {
    while (running < o.concurrency && o.isConnected() && !o.isClosed()) {
      const e = nextQueued(o.cache, entries.values());
      if (e === undefined) return;
      e.queued = false;
      e.running = true;
      running += 1;
      void run(e);
    }
  }

  async function run(e: Entry): Promise<void> {
    o.changed();
    try {
      await o.work(e.agencyId, (b) => {
        e.bootstrapping = b;
        o.changed();
      });
      e.reason = null;
      e.attempts = 0;
      e.retryAt = null;
    } catch (error) {
      failed(e, error);
    } finally {
      e.running = false;
      e.bootstrapping = false;
      running -= 1;
      if (e.again && e.timer === null) want(e.agencyId);
      e.again = false;
      o.changed();
      pump();
    }
  }

  function failed(e: Entry, error: unknown): void {
    const reason = error instanceof AgencySyncFailure ? error.reason : 'error';
    e.reason = reason;
    if (o.isClosed()) return;
    o.logger.warn({ agencyId: e.agencyId, reason, err: error }, 'agency sync failed; retrying');
    // offline: every agency is asked for again on the next connect, no backoff needed
    if (reason === 'offline' || !o.isConnected()) {
      e.queued = true;
      return;
    }
    e.attempts += 1;
    const delay = fullJitterDelay(e.attempts, o.retry);
    e.retryAt = Date.now() + delay;
    e.timer = setTimeout(() => {
      e.timer = null;
      e.retryAt = null;
      want(e.agencyId);
    }, delay);
  }

  /** Brings the agency to the head when a slot is free (at once if one is). */
  function want(agencyId: string): void {
    const e = entries.get(agencyId);
    if (e === undefined || o.isClosed()) return;
    if (e.running) e.again = true;
    else if (e.timer === null) e.queued = true;
    o.changed();
    pump();
  }

  return { pump, want };
}

export function createSyncScheduler(o: SchedulerOptions) {
  const entries = new Map<string, Entry>();
  const { pump, want } = createRunQueue(o, entries);
  const entry = (agencyId: string): Entry | undefined => entries.get(agencyId);

  return {
    /** the agencies in the user's scope (reference data); others are forgotten */
    setScope(agencyIds: readonly string[]): void {
      for (const [id, e] of entries) {
        if (agencyIds.includes(id)) continue;
        cancelRetry(e);
        entries.delete(id);
      }
      for (const agencyId of agencyIds) {
        if (!entries.has(agencyId)) entries.set(agencyId, newEntry(agencyId, o.cache.syncProgress.progress(agencyId)));
      }
      o.changed();
    },
    inScope: (agencyId: string) => entries.has(agencyId),
    want,
    /** every agency of the scope, now (a connect, "Retry now"): waiting retries are cut short */
    wantAll(): void {
      for (const e of entries.values()) {
        cancelRetry(e);
        if (e.running) e.again = true;
        else e.queued = true;
      }
      o.changed();
      pump();
    },
    /** agencies waiting for a retry try again now */
    retryNow(): void {
      for (const e of entries.values()) {
        if (e.timer === null) continue;
        cancelRetry(e);
        want(e.agencyId);
      }
    },
    /** the server's head of an agency (a `head` event, a pull, the counts): behind means a pull */
    headSeen(agencyId: string, headSeq: number): void {
      const e = entry(agencyId);
      if (e === undefined) return;
      e.headSeq = Math.max(e.headSeq ?? 0, headSeq);
      const lastSeq = o.cache.reference.lastSeq(agencyId);
      if ((lastSeq === null || lastSeq < headSeq) && !e.running && !e.queued && e.timer === null) want(agencyId);
    },
    serverCount(agencyId: string, cases: number): void {
      const e = entry(agencyId);
      if (e !== undefined) e.serverCases = cases;
    },
    pageWritten(agencyId: string, fetched: number, total: number): void {
      const e = entry(agencyId);
      if (e === undefined) return;
      e.fetched = fetched;
      e.fetchTotal = total;
      e.held = null;
      o.changed();
    },
    /** the self-check found a difference: the status says so until the repair is done */
    mismatch(agencyId: string): void {
      const e = entry(agencyId);
      if (e !== undefined) e.reason = 'mismatch';
    },
    isBootstrapping: () => [...entries.values()].some((e) => e.bootstrapping),
    isIdle: () => [...entries.values()].every((e) => !e.running && !e.queued),
    /** agencies at the server's head as last heard, whose counts can be compared */
    currentAgencies: () => [...entries.values()].filter((e) => isCurrent(o.cache, e)).map((e) => e.agencyId),
    status(): Pick<SyncStatus, 'coverage' | 'behind' | 'progress'> & { upToDate: boolean } {
      return describe(o.cache, [...entries.values()]);
    },
    close(): void {
      for (const e of entries.values()) cancelRetry(e);
    },
  };
}

/** The status of every agency of the scope: coverage, the ones behind and why, the progress. */
function describe(cache: Cache, all: Entry[]) {
  let cases = 0;
  let casesTotal = 0;
  let completeCount = 0;
  let currentCount = 0;
  let casesKnown = true;
  const behind: AgencyLag[] = [];
  for (const e of all) {
    const done = isComplete(cache, e);
    const current = isCurrent(cache, e);
    if (done) completeCount += 1;
    if (current) currentCount += 1;
    if (done) e.held ??= e.serverCases ?? cache.syncProgress.caseCount(e.agencyId, Date.now() - CLOSED_RETENTION_MS);
    const held = done ? (e.held ?? 0) : e.fetched;
    const total = e.serverCases ?? (done ? held : e.fetchTotal);
    if (e.serverCases === null && !done && e.fetchTotal === 0) casesKnown = false;
    cases += Math.min(held, total);
    casesTotal += total;
    if (current) continue;
    const phase: AgencyLag['phase'] = e.timer !== null ? 'retrying' : e.bootstrapping ? 'bootstrapping' : e.running ? 'pulling' : 'waiting';
    behind.push({ agencyId: e.agencyId, phase, reason: e.reason, done: Math.min(held, total), total, retryAt: e.retryAt });
  }
  const upToDate = all.length > 0 && currentCount === all.length;
  return {
    upToDate,
    coverage: all.length === 0 ? null : { agencies: all.length, complete: completeCount, current: currentCount, cases, casesTotal, casesKnown, searchAgencies: null },
    behind,
    progress: completeCount === all.length ? null : { done: cases, total: casesTotal },
  };
}
