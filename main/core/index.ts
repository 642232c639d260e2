// The desk core: the DeskApi handlers over a local cache kept live by the case server.
// No electron import: it runs in an Electron utilityProcess and, unchanged, under plain Node
// (browser host, tests).
import { makePrivateDir } from './private-files';
import type { DeskEvent, DeskEventPayload, DeskHandlers, SyncStatus } from '../../shared/desk-api';
import type { CoreLogger } from './logger';
import { silentLogger } from './logger';
import { createHandlers } from './handlers';
import { createCoreEvents } from './core-events';
import type { CoreEvents } from './core-events';
import { startLiveSession } from './live-session';
import type { LiveSession, LiveSessionOptions } from './live-session';
import * as serverApi from './server-api';
import { clearSession, readSession, writeSession } from './session-store';
import { BOOTSTRAP_PAGE_MAX } from '../../shared/protocol';
import type { Language } from '../../shared/domain';

export const DEFAULT_UNDO_WINDOW_MS = 10_000;

/**
 * Cases per bootstrap page. A page is parsed (JSON, then its schema) in one go when it
 * arrives: 2,000 cases with their threads held the core for ~70 ms on this machine, 500 for
 * under 20; the next page is asked for before one is written, so the extra round trips overlap
 * with the writes.
 */
export const DEFAULT_BOOTSTRAP_PAGE = 500;

/**
 * TAWASUL_UNDO_WINDOW_MS: a shorter (or longer) undo window for a host, e.g. end-to-end tests
 * that would otherwise wait 10 s per reply. Undefined when unset; a clear error when malformed.
 */
export function undoWindowFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.TAWASUL_UNDO_WINDOW_MS;
  if (text === undefined || text === '') return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) {
    throw new Error(`TAWASUL_UNDO_WINDOW_MS must be a whole number of milliseconds from 0 to 600000, not "${text}"`);
  }
  return ms;
}
import type { StoredSession } from './session-store';
import { CodedError } from '../../shared/errors';

export type DeskCoreOptions = {
  /** caches, outboxes and the session file live here */
  dataDir: string;
  /**
   * 32 bytes the host keeps sealed (keys.ts loadDeviceKey: the OS keychain in the desktop app);
   * the session file and, with each user's cache secret, their cache and outbox are encrypted
   * under keys derived from it
   */
  deviceKey: Buffer;
  defaultServerUrl: string;
  /** pushes deskEvents to the renderer */
  emit: (event: DeskEvent, payload: unknown) => void;
  logger?: CoreLogger;
  /**
   * how long a mutation with an inverse (assign, take, priority, tags, outcome; see
   * outbox/undo-rules.ts) waits before it is first sent; default 1500 ms
   */
  mutationHoldMs?: number;
  /**
   * how long `outbox.undo` keeps its promise (DESIGN.md "`z` undo (10 s)"): mutations without
   * an inverse (messages to the citizen, transfers, status steps) are held this long before
   * their first send, the others are compensated when undone within it; default 10,000 ms.
   * Hosts read an override from TAWASUL_UNDO_WINDOW_MS (undoWindowFromEnv).
   */
  undoWindowMs?: number;
  /**
   * while offline, the server's health is probed with this full-jitter backoff and the socket
   * opened once it answers; default 250 ms doubling to 2 s (back within 3 s of its return)
   */
  reconnectBaseMs?: number;
  reconnectCapMs?: number;
  /** how long one socket request (one bootstrap page, one pull) waits for its ack; default 15 s */
  requestTimeoutMs?: number;
  /** cases per bootstrap page; default DEFAULT_BOOTSTRAP_PAGE (the protocol allows up to 2,000) */
  bootstrapPageSize?: number;
  /** bursts of cases.changed within this window become one event; default 50 ms */
  changeCoalesceMs?: number;
};

export type DeskCore = { handlers: DeskHandlers; close(): Promise<void> };

export type { CoreLogger };

/**
 * The one debounce on the way to the renderer: bursts (a bootstrap page, a bulk change) become
 * one cases.changed per window, naming the cases (or all, past 5,000 of them).
 */
function coalesceChanges(send: (payload: DeskEventPayload<'cases.changed'>) => void, windowMs: number) {
  const ids = new Set<string>();
  let all = false;
  let timer: NodeJS.Timeout | null = null;
  return {
    add(caseIds: readonly string[], everything: boolean): void {
      for (const id of caseIds) ids.add(id);
      all ||= everything || ids.size > 5_000;
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        const payload = all ? { caseIds: [], all: true } : { caseIds: [...ids], all: false };
        ids.clear();
        all = false;
        send(payload);
      }, windowMs);
    },
    stop(): void {
      if (timer !== null) clearTimeout(timer);
    },
  };
}

type EmitDeskEvent = <E extends DeskEvent>(event: E, payload: DeskEventPayload<E>) => void;

/** The options of every live session, from the host's options with their defaults. */
function liveSessionOptions(options: DeskCoreOptions, logger: CoreLogger, events: CoreEvents): Omit<LiveSessionOptions, 'session'> {
  return {
    dataDir: options.dataDir,
    deviceKey: options.deviceKey,
    logger,
    mutationHoldMs: options.mutationHoldMs ?? 1_500,
    undoWindowMs: options.undoWindowMs ?? DEFAULT_UNDO_WINDOW_MS,
    backoff: { baseMs: options.reconnectBaseMs ?? 250, capMs: options.reconnectCapMs ?? 2_000 },
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    bootstrapPageSize: Math.min(options.bootstrapPageSize ?? DEFAULT_BOOTSTRAP_PAGE, BOOTSTRAP_PAGE_MAX),
    events,
  };
}

/** The sync status as last patched; the renderer hears of a patch only when it changes something. */
function createStatusHolder(emit: (status: SyncStatus) => void) {
  let status: SyncStatus = { state: 'offline', progress: null, outboxSize: 0, lastError: null, lastSyncedAt: null, searchIndexing: null };
  return {
    get: (): SyncStatus => status,
    patch: (patch: Partial<SyncStatus>): void => {
      const next = { ...status, ...patch };
      if (JSON.stringify(next) === JSON.stringify(status)) return;
      status = next;
      emit(status);
    },
  };
}

type SessionKeeperOptions = {
  options: DeskCoreOptions;
  logger: CoreLogger;
  emit: EmitDeskEvent;
  setStatus: (patch: Partial<SyncStatus>) => void;
  live: Omit<LiveSessionOptions, 'session'>;
  isClosed: () => boolean;
};

/**
 * The signed-in session and its live part. Signing in replaces the one before; signing out, or
 * the server refusing the token, locks the cache: its files closed and the session file with
 * the cache secret deleted, so nothing on this machine opens them until the user signs in again.
 */
function createSessionKeeper(o: SessionKeeperOptions) {
  const { dataDir, deviceKey } = o.options;
  let session: StoredSession | null = readSession(dataDir, deviceKey);
  let live: LiveSession | null = null;

  function endLive(): void {
    live?.close();
    live = null;
    o.setStatus({ state: 'offline', progress: null, outboxSize: 0, lastSyncedAt: null, searchIndexing: null });
  }

  function signOut(): void {
    endLive();
    session = null;
    clearSession(dataDir);
    o.emit('session.changed', { staff: null });
  }

  return {
    session: () => session,
    live: () => live,
    /** starts the session kept from the last run, if any */
    restore(): void {
      if (session === null) return;
      try {
        live = startLiveSession({ ...o.live, session });
      } catch (error) {
        o.logger.error({ err: error }, 'could not restore the session; sign in again');
        session = null;
      }
    },
    async login(serverUrl: string, username: string, password: string): Promise<StoredSession> {
      if (o.isClosed()) throw new CodedError('closed', 'the desk core is shutting down');
      const url = serverApi.normalizeServerUrl(serverUrl);
      const response = await serverApi.login(url, username, password);
      endLive();
      const next: StoredSession = { serverUrl: url, token: response.token, staff: response.staff, expiresAt: response.expiresAt, cacheSecret: response.cacheSecret };
      session = next;
      writeSession(dataDir, deviceKey, next);
      live = startLiveSession({ ...o.live, session: next });
      o.emit('session.changed', { staff: next.staff });
      return next;
    },
    async logout(): Promise<void> {
      const ending = session;
      signOut();
      if (ending !== null) await serverApi.logout(ending.serverUrl, ending.token);
    },
    refused(message: string): void {
      o.logger.warn({ message }, 'the case server refused the session; signing out');
      signOut();
    },
    close(): void {
      live?.close();
      live = null;
    },
  };
}

export function createDeskCore(options: DeskCoreOptions): DeskCore {
  const logger = options.logger ?? silentLogger;
  const defaultServerUrl = serverApi.normalizeServerUrl(options.defaultServerUrl);
  makePrivateDir(options.dataDir);
  if (options.deviceKey.length !== 32) throw new Error('the device key must be 32 bytes');
  let closed = false;
  // English until the renderer says otherwise (it does at start and on every switch)
  let uiLanguage: Language = 'en';

  const emit: EmitDeskEvent = (event, payload) => {
    if (closed) return;
    try {
      options.emit(event, payload);
    } catch (error) {
      logger.error({ err: error, event }, 'emitting a desk event failed');
    }
  };
  const changes = coalesceChanges((payload) => emit('cases.changed', payload), options.changeCoalesceMs ?? 50);
  const status = createStatusHolder((s) => emit('sync.status', s));
  const events = createCoreEvents({
    'cases.changed': ({ caseIds, all }) => changes.add(caseIds, all),
    'status.patch': status.patch,
    // a live session exists only once `sessions` does, so this route never runs before it
    'session.refused': ({ message }) => sessions.refused(message),
    'presence.changed': (payload) => emit('presence.changed', payload),
    'mutation.applied': (payload) => emit('mutation.applied', payload),
    'mutation.rejected': (payload) => emit('mutation.rejected', payload),
    'reference.changed': (payload) => emit('reference.changed', payload),
    // worded by the main process in the UI's language (ui.language) for the OS notification
    'case.assignedToMe': (payload) => emit('case.assignedToMe', { ...payload, language: uiLanguage }),
  });
  const sessions = createSessionKeeper({
    options,
    logger,
    emit,
    setStatus: status.patch,
    live: liveSessionOptions(options, logger, events),
    isClosed: () => closed,
  });
  sessions.restore();

  const handlers = createHandlers({
    defaultServerUrl,
    session: sessions.session,
    live: sessions.live,
    status: status.get,
    setUiLanguage(language) {
      uiLanguage = language;
    },
    login: (serverUrl, username, password) => sessions.login(serverUrl, username, password),
    logout: () => sessions.logout(),
  });

  return {
    handlers,
    close() {
      closed = true;
      changes.stop();
      sessions.close();
      return Promise.resolve();
    },
  };
}
