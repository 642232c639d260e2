// The sync engine: the connection (connection.ts) and, over it, every agency of the user's
// scope brought to the server's head (sync-scheduler.ts, agency-sync.ts). On every connect it
// fetches the reference data and the per-agency counts, then syncs every agency; live
// `changes` are applied only when they follow on exactly, anything else becomes a pull. After
// the agencies are current, and every few minutes, the counts are checked (count-check.ts).
// Every payload from the server is parsed before use.
import { availableParallelism } from 'node:os';
import { serverEvents } from '../../../shared/protocol';
import type { ChangesEvent, PresenceEvent, ReferenceData, ServerEvent, ServerEventPayload, ServerRequestArgs } from '../../../shared/protocol';
import type { DeskEventPayload, SyncStatus } from '../../../shared/desk-api';
import type { CoreLogger } from '../logger';
import type { AppliedBatch, ApplyDeps } from './apply-changes';
import { applyChanges, createAgencyTurns, dropAgency } from './apply-changes';
import { syncAgency } from './agency-sync';
import type { AgencySyncDeps } from './agency-sync';
import type { BackoffOptions } from './backoff';
import { openConnection } from './connection';
import type { Connection } from './connection';
import { checkCounts } from './count-check';
import { createSnapshotWriter } from './snapshot-writer';
import type { RequestName, RequestOutcome } from './socket-request';
import { createSyncScheduler } from './sync-scheduler';
import type { SyncScheduler } from './sync-scheduler';

export type SyncEngineOptions = ApplyDeps & {
  /** the deployment's addresses (any node will do) */
  serverUrls: readonly string[];
  token: string;
  /** the health probe's backoff while offline */
  backoff: BackoffOptions;
  /** how long one request (one bootstrap page, one pull) waits for its answer */
  requestTimeoutMs: number;
  bootstrapPageSize: number;
  /** how often the per-agency counts are checked; default 5 minutes */
  countCheckMs?: number;
  /** agencies synced at once; default twice the cores, 2 to 8 */
  concurrency?: number;
  logger: CoreLogger;
  casesChanged: (caseIds: string[], all: boolean) => void;
  status: (patch: Partial<SyncStatus>) => void;
  assignedToMe: (payload: Omit<DeskEventPayload<'case.assignedToMe'>, 'language'>) => void;
  presence: (event: PresenceEvent) => void;
  reference: (ref: ReferenceData) => void;
  /** the server refused the session token: the user must log in again */
  authFailed: (message: string) => void;
  /** connected and caught up enough to send: the outbox flushes */
  connected: () => void;
  /** the last running bootstrap ended (a deferred search index may now be built) */
  bootstrapsEnded: () => void;
  /** agencies whose text search is complete (null: all); see search-backfill.ts */
  searchCoverage?: () => number | null;
};

export type SyncEngine = {
  request<R extends RequestName>(name: R, args: ServerRequestArgs<R>): Promise<RequestOutcome<R>>;
  isConnected(): boolean;
  /** some agency is being bootstrapped right now */
  isBootstrapping(): boolean;
  /** fetches `sync.reference` now (after this desk changed it, so it is current on return) */
  refreshReference(): Promise<void>;
  /** "Retry now": reconnect at once if offline, and retry every agency that waits */
  retryNow(): void;
  /** the status changed outside the engine (the search index): say it again */
  statusChanged(): void;
  close(): void;
};

const DEFAULT_COUNT_CHECK_MS = 5 * 60_000;

type Send = <R extends RequestName>(name: R, args: ServerRequestArgs<R>) => Promise<RequestOutcome<R>>;

/** What the per-agency side needs of the connection and the engine. */
type AgencySyncLink = {
  send: Send;
  isConnected: () => boolean;
  isClosed: () => boolean;
  /** something the status shows has changed */
  changed: () => void;
};

/** A first bootstrap into an empty cache defers the search index and its lookup indexes. */
function createBulkLoad(o: SyncEngineOptions, link: Pick<AgencySyncLink, 'changed' | 'isClosed'>) {
  let loading = false;
  let ending: Promise<unknown> | null = null;
  return {
    started(): void {
      if (loading || !o.cache.cases.isEmpty()) return;
      o.cache.searchIndex.setDeferred(true);
      o.cache.bulkLoad.begin();
      loading = true;
      o.status({ searchIndexing: { done: 0, total: 0 } });
    },
    /**
     * No bootstrap runs: the bulk load ends once no agency syncs, its lookup indexes built one
     * per turn of the event loop; returns whether it still runs (or its indexes are building).
     */
    settle(idle: boolean): boolean {
      if (loading && idle) {
        loading = false;
        ending = o.cache.bulkLoad
          .endInTurns()
          .catch((error: unknown) => o.logger.error({ err: error }, 'building the lookup indexes after a bootstrap failed; the next open builds them'))
          .finally(() => {
            ending = null;
            // the search index and the count check (its counts read those indexes) go on
            if (!link.isClosed()) link.changed();
          });
      }
      return loading || ending !== null;
    },
  };
}

/**
 * The per-agency side: the scheduler over syncAgency, the bulk load of a first bootstrap,
 * live changes applied when they follow on exactly, and the count checks (once the agencies
 * are synced, and on a timer).
 */
function createAgencySync(o: SyncEngineOptions, link: AgencySyncLink) {
  const bulkLoad = createBulkLoad(o, link);
  const turns = createAgencyTurns();
  let checkAfterSync = false;
  const publish = (batch: AppliedBatch): void => {
    if (batch.touched.length > 0) o.casesChanged(batch.touched, false);
    for (const a of batch.assignedToMe) o.assignedToMe(a);
  };
  const agencyDeps: AgencySyncDeps = {
    ...o,
    send: link.send,
    snapshotWriter: createSnapshotWriter(o, link.isClosed),
    pageSize: o.bootstrapPageSize,
    isClosed: link.isClosed,
    casesChanged: o.casesChanged,
    published: publish,
    turns,
    pageWritten: (agencyId, fetched, total) => scheduler.pageWritten(agencyId, fetched, total),
    headSeen: (agencyId, headSeq) => scheduler.headSeen(agencyId, headSeq),
  };
  const scheduler: SyncScheduler = createSyncScheduler({
    cache: o.cache,
    concurrency: o.concurrency ?? Math.max(2, Math.min(8, availableParallelism() * 2)),
    retry: { baseMs: 500, capMs: 10_000 },
    logger: o.logger,
    isConnected: link.isConnected,
    isClosed: link.isClosed,
    work: (agencyId, bootstrapping) =>
      syncAgency(agencyDeps, agencyId, (running) => {
        if (running) bulkLoad.started();
        bootstrapping(running);
      }),
    changed: link.changed,
  });
  const countCheck = { deps: o, send: link.send, scheduler, logger: o.logger, casesChanged: o.casesChanged, turns };
  const countTimer = setInterval(() => {
    if (link.isConnected() && scheduler.isIdle()) void checkCounts(countCheck);
  }, o.countCheckMs ?? DEFAULT_COUNT_CHECK_MS);
  countTimer.unref();

  return {
    scheduler,
    /** Once no bootstrap runs: the bulk load ends, the search index may be built, the counts checked. */
    afterWork(): void {
      if (scheduler.isBootstrapping() || link.isClosed()) return;
      if (bulkLoad.settle(scheduler.isIdle())) return;
      o.bootstrapsEnded();
      if (checkAfterSync && scheduler.isIdle() && link.isConnected()) {
        checkAfterSync = false;
        void checkCounts(countCheck);
      }
    },
    /** Every agency of the scope: the counts first (bootstraps go largest first, and the status has its totals at once). */
    async syncAll(): Promise<void> {
      await checkCounts(countCheck);
      checkAfterSync = true;
      scheduler.wantAll();
    },
    /**
     * Applies live changes that follow on exactly, in the agency's turn (one batch at a time,
     * written in slices); the status is told when it did.
     */
    liveChanges(event: ChangesEvent): void {
      turns
        .run(event.agencyId, async () => {
          if (link.isClosed()) return;
          // read when its turn comes: a batch applied meanwhile may have moved the agency on.
          // Not held yet (its bootstrap pulls from its snapshot's seq), already had, or a gap:
          // the head seen below makes the scheduler pull
          const lastSeq = o.cache.reference.lastSeq(event.agencyId);
          const followsOn = lastSeq !== null && o.cache.syncProgress.progress(event.agencyId) === null && event.toSeq > lastSeq && event.fromSeq === lastSeq + 1;
          if (followsOn) publish(await applyChanges(o, event.agencyId, event.changes, event.toSeq));
          scheduler.headSeen(event.agencyId, event.toSeq);
          if (followsOn) link.changed();
        })
        .catch((error: unknown) => {
          // the seq did not move: the scheduler's next pull fetches the batch again
          o.logger.warn({ err: error, agencyId: event.agencyId }, 'applying a live batch failed');
          scheduler.headSeen(event.agencyId, event.toSeq);
        });
    },
    /** The server no longer holds this agency's feed from the desk's seq: a new snapshot. */
    resync(agencyId: string): void {
      turns
        .run(agencyId, async () => {
          if (link.isClosed()) return;
          o.casesChanged(await dropAgency(o, agencyId), true);
          o.cache.syncProgress.clearProgress(agencyId);
          scheduler.want(agencyId);
        })
        .catch((error: unknown) => o.logger.warn({ err: error, agencyId }, 'dropping an agency for its resync failed'));
    },
    close(): void {
      clearInterval(countTimer);
      scheduler.close();
    },
  };
}

type AgencySync = ReturnType<typeof createAgencySync>;

/** The status as the scheduler and the connection give it. */
function statusPatch(
  s: ReturnType<SyncScheduler['status']>,
  connected: boolean,
  connState: 'offline' | 'connecting',
  searchAgencies: number | null,
): Partial<SyncStatus> {
  const coverage = s.coverage === null || s.coverage === undefined ? null : { ...s.coverage, searchAgencies };
  return {
    state: connected ? (s.upToDate ? 'online' : 'syncing') : connState,
    progress: s.progress,
    coverage,
    behind: s.behind,
    ...(connected && s.upToDate ? { lastSyncedAt: Date.now(), lastError: null } : {}),
  };
}

/** Listens to a server event; the payload is parsed first, and a malformed one dropped. */
function onServerEvent<E extends ServerEvent>(
  connection: Connection,
  logger: CoreLogger,
  event: E,
  handle: (payload: ServerEventPayload<E>) => void,
): void {
  // the listener takes unknown: the typed map is what a well-behaved server sends, not what arrives
  connection.on(event, (payload: unknown) => {
    const parsed = serverEvents[event].payload.safeParse(payload);
    if (!parsed.success) {
      logger.warn({ event, issues: parsed.error.issues.slice(0, 3) }, 'dropped a malformed server event');
      return;
    }
    handle(parsed.data as ServerEventPayload<E>);
  });
}

/** The server's events of the agencies in scope, to the per-agency side and the engine's callbacks. */
function listenToServer(
  connection: Connection,
  o: SyncEngineOptions,
  agencies: AgencySync,
  engine: { isVisible(agencyId: string): boolean; statusChanged(): void; refreshReference(): Promise<unknown> },
): void {
  const on = <E extends ServerEvent>(event: E, handle: (payload: ServerEventPayload<E>) => void) =>
    onServerEvent(connection, o.logger, event, handle);
  on('changes', (e: ChangesEvent) => {
    if (engine.isVisible(e.agencyId)) agencies.liveChanges(e);
  });
  on('head', (e) => {
    if (engine.isVisible(e.agencyId)) agencies.scheduler.headSeen(e.agencyId, e.seq);
  });
  on('resync', (e) => {
    if (engine.isVisible(e.agencyId)) agencies.resync(e.agencyId);
  });
  on('presence', (e: PresenceEvent) => o.presence(e));
  on('reference.changed', () => {
    engine.refreshReference().catch((error: unknown) => o.logger.warn({ err: error }, 'fetching changed reference data failed'));
  });
}

export function startSyncEngine(o: SyncEngineOptions): SyncEngine {
  let closed = false;
  let connState: 'offline' | 'connecting' = 'connecting';
  let visible = new Set<string>();
  let statusPending = false;
  const send: Send = (name, args) => connection.request(name, args, o.requestTimeoutMs);

  const connection = openConnection({
    urls: o.serverUrls,
    token: o.token,
    backoff: o.backoff,
    logger: o.logger,
    connected: (url) => {
      o.logger.info({ url }, 'connected to the case server');
      o.connected();
      catchUp().catch((error: unknown) => {
        o.logger.warn({ err: error }, 'catch-up after connect failed');
        o.status({ lastError: error instanceof Error ? error.message : String(error) });
      });
    },
    lost: (state, reason) => {
      connState = state;
      o.status({ state, lastError: state === 'offline' ? reason : null });
      statusChanged();
    },
    authFailed: o.authFailed,
  });
  const agencies = createAgencySync(o, { send, isConnected: () => connection.isConnected(), isClosed: () => closed, changed: statusChanged });
  const { scheduler } = agencies;

  function statusChanged(): void {
    if (statusPending || closed) return;
    statusPending = true;
    setImmediate(() => {
      statusPending = false;
      if (closed) return;
      agencies.afterWork();
      o.status(statusPatch(scheduler.status(), connection.isConnected(), connState, o.searchCoverage?.() ?? null));
    });
  }

  async function catchUp(): Promise<void> {
    o.status({ state: 'syncing', lastError: null });
    const ref = await refreshReference();
    scheduler.setScope(ref.visibleAgencyIds);
    await agencies.syncAll();
  }

  async function refreshReference(): Promise<ReferenceData> {
    const ref = await send('sync.reference', {});
    if (ref.kind !== 'ok') throw new Error(`reference data: ${ref.kind === 'error' ? ref.error.message : ref.reason}`);
    o.cache.reference.saveReference(ref.value);
    visible = new Set(ref.value.visibleAgencyIds);
    scheduler.setScope(ref.value.visibleAgencyIds);
    o.reference(ref.value);
    return ref.value;
  }

  listenToServer(connection, o, agencies, { isVisible: (agencyId) => visible.has(agencyId), statusChanged, refreshReference });
  o.status({ state: 'connecting' });

  return {
    request: send,
    isConnected: () => connection.isConnected(),
    isBootstrapping: () => scheduler.isBootstrapping(),
    refreshReference: async () => {
      await refreshReference();
    },
    retryNow() {
      connection.retryNow();
      scheduler.retryNow();
    },
    statusChanged,
    close() {
      closed = true;
      agencies.close();
      connection.close();
    },
  };
}
