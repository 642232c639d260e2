// The sync engine: one Socket.IO connection per session. On every (re)connect it fetches the
// reference data, bootstraps agencies this cache has never held and pulls the others from
// their last seq; live `changes` are applied only when they follow on exactly, anything else
// becomes a pull. Every payload from the server is parsed before use.
import { io } from 'socket.io-client';
import { wireErrorSchema } from '../../../shared/errors';
import { BOOTSTRAP_PAGE_MAX, PULL_PAGE_MAX, serverEvents } from '../../../shared/protocol';
import type { ChangesEvent, PresenceEvent, ReferenceData, ServerEvent, ServerEventPayload, ServerRequestArgs } from '../../../shared/protocol';
import type { DeskEventPayload, SyncStatus } from '../../../shared/desk-api';
import type { CoreLogger } from '../logger';
import type { ApplyDeps } from './apply-changes';
import { applyChanges, dropAgency } from './apply-changes';
import { fullJitterDelay } from './backoff';
import { createSnapshotWriter } from './snapshot-writer';
import type { BackoffOptions } from './backoff';
import { request } from './socket-request';
import type { DeskSocket, RequestName, RequestOutcome } from './socket-request';

export type SyncEngineOptions = ApplyDeps & {
  serverUrl: string;
  token: string;
  backoff: BackoffOptions;
  requestTimeoutMs: number;
  bootstrapPageSize: number;
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
};

export type SyncEngine = {
  request<R extends RequestName>(name: R, args: ServerRequestArgs<R>): Promise<RequestOutcome<R>>;
  isConnected(): boolean;
  /** some agency is being bootstrapped right now */
  isBootstrapping(): boolean;
  /** fetches `sync.reference` now (after this desk changed it, so it is current on return) */
  refreshReference(): Promise<void>;
  close(): void;
};

/** The server refuses a handshake with a coded error in `data` (server/sockets/io.ts); `unauthorized` means sign in again. */
function handshakeRefusedAs(error: Error): string | null {
  const refusal = wireErrorSchema.safeParse((error as { data?: unknown }).data);
  return refusal.success ? refusal.data.code : null;
}

export function startSyncEngine(o: SyncEngineOptions): SyncEngine {
  const socket: DeskSocket = io(o.serverUrl, {
    auth: { token: o.token },
    transports: ['websocket'],
    // reconnection is ours (full jitter, a re-pull on every connect); see backoff.ts
    reconnection: false,
    autoConnect: false,
    timeout: 10_000,
  });
  let closed = false;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let visible = new Set<string>();
  const agencyQueue = new Map<string, Promise<void>>();
  const pullWanted = new Set<string>();
  const progress = new Map<string, { done: number; total: number }>();
  let bootstrapsRunning = 0;
  const snapshotWriter = createSnapshotWriter(o, () => closed);

  const send = <R extends RequestName>(name: R, args: ServerRequestArgs<R>) => request(socket, name, args, o.requestTimeoutMs);

  function reportProgress(): void {
    let done = 0;
    let total = 0;
    for (const p of progress.values()) {
      done += p.done;
      total += p.total;
    }
    o.status({ progress: progress.size === 0 ? null : { done, total } });
  }

  /** Agencies sync one operation at a time, so a pull never overlaps a bootstrap. */
  function forAgency(agencyId: string, work: () => Promise<void>): Promise<void> {
    const previous = agencyQueue.get(agencyId) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => {
      o.logger.warn({ err: error, agencyId }, 'agency sync failed');
      o.status({ lastError: error instanceof Error ? error.message : String(error) });
    });
    agencyQueue.set(agencyId, next);
    return next;
  }

  function bootstrapStarted(): void {
    // a first bootstrap into an empty cache defers the search index (search-index-state.ts)
    if (o.cache.cases.isEmpty()) {
      o.cache.searchIndex.setDeferred(true);
      o.cache.bulkLoad.begin();
      o.status({ searchIndexing: { done: 0, total: 0 } });
    }
    bootstrapsRunning += 1;
  }

  function bootstrapEnded(): void {
    bootstrapsRunning -= 1;
    if (bootstrapsRunning > 0 || closed) return;
    o.cache.bulkLoad.end();
    o.bootstrapsEnded();
  }

  async function bootstrap(agencyId: string, again: boolean): Promise<void> {
    if (again) o.casesChanged(dropAgency(o, agencyId), true);
    let asOfSeq: number | null = null;
    progress.set(agencyId, { done: 0, total: 0 });
    bootstrapStarted();
    const limit = Math.min(o.bootstrapPageSize, BOOTSTRAP_PAGE_MAX);
    try {
      let next: Promise<RequestOutcome<'sync.bootstrap'>> | null = send('sync.bootstrap', { agencyId, cursor: null, limit });
      while (next !== null && !closed) {
        const page: RequestOutcome<'sync.bootstrap'> = await next;
        if (page.kind !== 'ok') throw new Error(`bootstrap of ${agencyId}: ${page.kind === 'error' ? page.error.message : page.reason}`);
        asOfSeq ??= page.value.asOfSeq;
        const cursor: string | null = page.value.nextCursor;
        // the next page is asked for before this one is written, so the server and the
        // wire work while the cache writes
        next = cursor === null || closed ? null : send('sync.bootstrap', { agencyId, cursor, limit });
        const touched = await snapshotWriter.write(page.value.cases, page.value.messages);
        const p = progress.get(agencyId)!;
        p.done += page.value.cases.length;
        p.total = Math.max(page.value.total, p.done);
        reportProgress();
        if (touched.length > 0) o.casesChanged(touched, false);
      }
      if (closed) return;
      o.cache.reference.setLastSeq(agencyId, asOfSeq ?? 0);
    } finally {
      progress.delete(agencyId);
      reportProgress();
      bootstrapEnded();
    }
    await pull(agencyId);
  }

  async function pull(agencyId: string): Promise<void> {
    for (;;) {
      if (closed) return;
      const afterSeq = o.cache.reference.lastSeq(agencyId);
      if (afterSeq === null) return bootstrap(agencyId, false);
      const result = await send('sync.pull', { agencyId, afterSeq, limit: PULL_PAGE_MAX });
      if (result.kind !== 'ok') throw new Error(`pull of ${agencyId}: ${result.kind === 'error' ? result.error.message : result.reason}`);
      if (result.value.resync) return bootstrap(agencyId, true);
      // a live batch may have moved the agency on while this page was in flight
      if (o.cache.reference.lastSeq(agencyId) !== afterSeq) continue;
      if (result.value.changes.length > 0 || result.value.toSeq > afterSeq) {
        publish(applyChanges(o, agencyId, result.value.changes, result.value.toSeq));
      }
      if (result.value.toSeq >= result.value.headSeq || result.value.changes.length === 0) return;
    }
  }

  function schedulePull(agencyId: string): void {
    if (pullWanted.has(agencyId)) return;
    pullWanted.add(agencyId);
    void forAgency(agencyId, async () => {
      pullWanted.delete(agencyId);
      await pull(agencyId);
    });
  }

  function publish(batch: ReturnType<typeof applyChanges>): void {
    if (batch.touched.length > 0) o.casesChanged(batch.touched, false);
    for (const a of batch.assignedToMe) o.assignedToMe(a);
  }

  function onChanges(event: ChangesEvent): void {
    if (!visible.has(event.agencyId)) return;
    const lastSeq = o.cache.reference.lastSeq(event.agencyId);
    if (lastSeq === null) {
      schedulePull(event.agencyId);
      return;
    }
    if (event.toSeq <= lastSeq) return; // already have it
    if (event.fromSeq !== lastSeq + 1) {
      schedulePull(event.agencyId);
      return;
    }
    publish(applyChanges(o, event.agencyId, event.changes, event.toSeq));
    o.status({ lastSyncedAt: Date.now() });
  }

  async function catchUp(): Promise<void> {
    o.status({ state: 'syncing', lastError: null });
    const ref = await refreshReference();
    await Promise.all(ref.visibleAgencyIds.map((agencyId) => forAgency(agencyId, () => pull(agencyId))));
    if (socket.connected) o.status({ state: 'online', lastSyncedAt: Date.now() });
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer !== null) return;
    const delay = fullJitterDelay(attempt, o.backoff);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      if (closed) return;
      o.status({ state: 'connecting' });
      socket.connect();
    }, delay);
  }

  function on<E extends ServerEvent>(event: E, handle: (payload: ServerEventPayload<E>) => void): void {
    // the listener takes unknown: the typed map is what a well-behaved server sends, not what arrives
    (socket as unknown as { on(e: string, l: (p: unknown) => void): void }).on(event, (payload: unknown) => {
      const parsed = serverEvents[event].payload.safeParse(payload);
      if (!parsed.success) {
        o.logger.warn({ event, issues: parsed.error.issues.slice(0, 3) }, 'dropped a malformed server event');
        return;
      }
      handle(parsed.data as ServerEventPayload<E>);
    });
  }

  socket.on('connect', () => {
    attempt = 0;
    o.connected();
    catchUp().catch((error: unknown) => {
      o.logger.warn({ err: error }, 'catch-up after connect failed');
      o.status({ lastError: error instanceof Error ? error.message : String(error) });
    });
  });
  socket.on('connect_error', (error) => {
    if (closed) return;
    if (handshakeRefusedAs(error) === 'unauthorized') {
      o.status({ state: 'offline', lastError: error.message });
      o.authFailed(error.message);
      return;
    }
    o.status({ state: 'offline', lastError: error.message });
    scheduleReconnect();
  });
  socket.on('disconnect', (reason) => {
    if (closed) return;
    o.status({ state: 'offline', lastError: reason });
    scheduleReconnect();
  });
  on('changes', (e: ChangesEvent) => onChanges(e));
  on('head', (e) => {
    const lastSeq = o.cache.reference.lastSeq(e.agencyId);
    if (visible.has(e.agencyId) && lastSeq !== null && e.seq > lastSeq) schedulePull(e.agencyId);
  });
  on('resync', (e) => {
    if (visible.has(e.agencyId)) void forAgency(e.agencyId, () => bootstrap(e.agencyId, true));
  });
  on('presence', (e: PresenceEvent) => o.presence(e));
  async function refreshReference(): Promise<ReferenceData> {
    const ref = await send('sync.reference', {});
    if (ref.kind !== 'ok') throw new Error(`reference data: ${ref.kind === 'error' ? ref.error.message : ref.reason}`);
    o.cache.reference.saveReference(ref.value);
    visible = new Set(ref.value.visibleAgencyIds);
    o.reference(ref.value);
    return ref.value;
  }
  on('reference.changed', () => {
    refreshReference().catch((error: unknown) => o.logger.warn({ err: error }, 'fetching changed reference data failed'));
  });

  o.status({ state: 'connecting' });
  socket.connect();

  return {
    request: send,
    isConnected: () => socket.connected,
    isBootstrapping: () => bootstrapsRunning > 0,
    refreshReference: async () => {
      await refreshReference();
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
