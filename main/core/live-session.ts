// Everything that exists while a user is signed in: the cache and outbox files of this
// (server, user), the optimistic state over them, the sync engine and the presence board.
import { createHash } from 'node:crypto';
import { makePrivateDir } from './private-files';
import { join } from 'node:path';
import type { SyncStatus } from '../../shared/desk-api';
import type { ReferenceData } from '../../shared/protocol';
import { openCache } from './cache/index';
import type { Cache } from './cache/index';
import type { CoreEvents } from './core-events';
import type { CoreLogger } from './logger';
import { cacheKeyHex } from './keys';
import { createOptimisticState } from './outbox/optimistic';
import { openOutboxStore } from './outbox/outbox-store';
import type { OutboxStore } from './outbox/outbox-store';
import { createOutbox } from './outbox/outbox';
import type { MutationTransport, Outbox } from './outbox/outbox';
import type { PredictContext } from './outbox/predict';
import { createPresenceBoard } from './presence';
import type { PresenceBoard } from './presence';
import type { StoredSession } from './session-store';
import { startSearchBackfill } from './sync/search-backfill';
import { startRetentionPurge } from './sync/retention-purge';
import type { SearchBackfill } from './sync/search-backfill';
import { startSyncEngine } from './sync/sync-engine';
import type { SyncEngine } from './sync/sync-engine';
import type { BackoffOptions } from './sync/backoff';
import { parseServerUrls } from './server-api';

export type LiveSessionOptions = {
  dataDir: string;
  session: StoredSession;
  /** this desk's device key (keys.ts); with the session's cache secret it opens the files */
  deviceKey: Buffer;
  logger: CoreLogger;
  mutationHoldMs: number;
  undoWindowMs: number;
  backoff: BackoffOptions;
  requestTimeoutMs: number;
  bootstrapPageSize: number;
  /** what this session tells the core: cases changed, status, presence, mutations, sign-out */
  events: CoreEvents;
};

export type LiveSession = {
  session: StoredSession;
  cache: Cache;
  store: OutboxStore;
  outbox: Outbox;
  engine: SyncEngine;
  presence: PresenceBoard;
  /** the latest reference data (from the cache until the server's arrives) */
  reference(): ReferenceData | null;
  /** resolves once reference data is known (at once when the cache already held it) */
  referenceReady: Promise<void>;
  close(): void;
};

/**
 * One file name per (deployment, user): a desk used by two people keeps two caches. The
 * deployment is the address list the user signed in with (one load-balanced address, or
 * several nodes'), never the node the desk happens to be connected to, so a node's death
 * keeps the cache, the outbox and the session.
 */
export function sessionFileKey(serverUrl: string, staffId: string): string {
  return createHash('sha256').update(`${serverUrl}\n${staffId}`).digest('hex').slice(0, 20);
}

/** The (server, user)'s outbox and cache files, opened under their key; neither is left open on a failure. */
function openSessionFiles(o: LiveSessionOptions): { store: OutboxStore; cache: Cache } {
  const key = sessionFileKey(o.session.serverUrl, o.session.staff.id);
  makePrivateDir(join(o.dataDir, 'caches'));
  makePrivateDir(join(o.dataDir, 'outbox'));
  const keyHex = cacheKeyHex(o.deviceKey, o.session.staff.id, o.session.cacheSecret);
  const store = openOutboxStore(join(o.dataDir, 'outbox', `${key}.sqlite`), keyHex, o.logger);
  try {
    const cache = openCache({ file: join(o.dataDir, 'caches', `${key}.sqlite`), keyHex, logger: o.logger, isPending: (id) => store.isPending(id) });
    return { store, cache };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** How the outbox sends a mutation: the server's ack read as applied, rejected or not sent. */
function mutationSender(engine: SyncEngine): MutationTransport {
  return {
    isConnected: () => engine.isConnected(),
    send: async (envelope) => {
      const outcome = await engine.request('mutate', envelope);
      if (outcome.kind === 'ok') return { kind: 'applied', result: outcome.value };
      if (outcome.kind === 'error') {
        // an ack we cannot read says nothing about whether it was applied: resend (same id)
        if (outcome.error.code === 'bad_reply') return { kind: 'unsent', reason: outcome.error.message };
        // the session ended on the server (signed out elsewhere, deactivated): the mutation
        // stays in the outbox; the socket's next handshake is refused and signs this desk out
        if (outcome.error.code === 'unauthorized') return { kind: 'unsent', reason: outcome.error.message };
        return { kind: 'rejected', error: outcome.error };
      }
      return outcome;
    },
  };
}

export function startLiveSession(o: LiveSessionOptions): LiveSession {
  const { store, cache } = openSessionFiles(o);
  let reference = cache.reference.loadReference();
  let markReady: () => void = () => undefined;
  const referenceReady = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  if (reference !== null) markReady();

  const predictContext = (actorId: string, now: number): PredictContext => ({
    actorId,
    now,
    templates: reference?.templates ?? [],
    agencies: reference?.agencies ?? [],
    staff: reference?.staff ?? [],
    slaPolicies: reference?.slaPolicies ?? [],
  });
  const { events } = o;
  const casesChanged = (caseIds: string[], all: boolean) => events.emit('cases.changed', { caseIds, all });
  const status = (patch: Partial<SyncStatus>) => events.emit('status.patch', patch);
  const optimistic = createOptimisticState(cache, store, (m) => predictContext(m.actorId, m.createdAt));
  const sizeChanged = () => status({ outboxSize: store.size(), nextSendAt: outbox?.nextSendAt() ?? null });

  let outbox: Outbox | null = null;
  let backfill: SearchBackfill | null = null;
  const engine = startSyncEngine({
    cache,
    optimistic,
    store,
    selfId: o.session.staff.id,
    serverUrls: parseServerUrls(o.session.serverUrl),
    token: o.session.token,
    backoff: o.backoff,
    requestTimeoutMs: o.requestTimeoutMs,
    bootstrapPageSize: o.bootstrapPageSize,
    logger: o.logger,
    casesChanged,
    status,
    assignedToMe: (payload) => events.emit('case.assignedToMe', payload),
    presence: (event) => presence.receive(event),
    reference: (ref) => {
      reference = ref;
      markReady();
      events.emit('reference.changed', {});
    },
    authFailed: (message) => events.emit('session.refused', { message }),
    connected: () => outbox?.flush(),
    bootstrapsEnded: () => backfill?.kick(),
    searchCoverage: () => backfill?.coveredAgencies(reference?.visibleAgencyIds ?? []) ?? null,
  });
  backfill = startSearchBackfill({
    cache,
    isBootstrapping: () => engine.isBootstrapping(),
    status: (patch) => {
      status(patch);
      engine.statusChanged();
    },
    casesChanged,
    logger: o.logger,
  });
  const liveBackfill = backfill;
  const purge = startRetentionPurge({
    cache,
    isBootstrapping: () => engine.isBootstrapping(),
    isPending: (id) => store.isPending(id),
    casesChanged,
    logger: o.logger,
  });
  const presence = createPresenceBoard(o.session.staff.id, (caseId, viewers) => events.emit('presence.changed', { caseId, viewers }));
  outbox = createOutbox({
    cache,
    store,
    optimistic,
    transport: mutationSender(engine),
    actorId: o.session.staff.id,
    holdMs: o.mutationHoldMs,
    undoWindowMs: o.undoWindowMs,
    predictContext,
    casesChanged: (ids) => casesChanged(ids, false),
    seesAgency: (agencyId) => reference === null || reference.visibleAgencyIds.includes(agencyId),
    applied: (payload) => events.emit('mutation.applied', payload),
    rejected: (payload) => events.emit('mutation.rejected', payload),
    sizeChanged,
    logger: o.logger,
  });
  sizeChanged();
  const liveOutbox = outbox;

  return {
    session: o.session,
    cache,
    store,
    outbox: liveOutbox,
    engine,
    presence,
    reference: () => reference,
    referenceReady,
    close() {
      purge.close();
      liveBackfill.close();
      liveOutbox.close();
      engine.close();
      presence.close();
      cache.close();
      store.close();
    },
  };
}
