// Socket.IO on the case server, put together from named parts: the handshake resolves the
// session and the rooms before a connection is accepted (handshake.ts); each connection joins
// its rooms and registers the handlers of `serverRequests` through the wrapper derived from
// that map (serve.ts); pushes go to rooms (broadcast.ts); a session sweep drops sockets whose
// session ended (session-watch.ts); a shutdown drains the requests in flight.
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { ChangesEvent } from '../../shared/protocol';
import { MAX_PAYLOAD_BYTES, rooms } from '../../shared/protocol';
import { sessionRoom, tokenHash } from '../auth/sessions';
import type { Store } from '../store/db';
import { announceReferenceChanged, broadcastChanges, startHeadBeat } from './broadcast';
import { joinRooms, MAX_SOCKETS_PER_USER, requireSession } from './handshake';
import type { OnlineStaff } from '../supervision/auto-assign';
import { registerHandlers } from './handlers';
import { createTokenBucket } from './rate-limit';
import { noSyncFaults } from './sync-faults';
import type { SyncFaults } from './sync-faults';
import { createInFlight, serveFor } from './serve';
import { createSessionCheck, watchSessions } from './session-watch';
import type { CaseServer } from './types';

export { CHANGES_PER_EVENT } from './broadcast';
export { MAX_SOCKETS_PER_USER } from './handshake';

export type SocketLayer = {
  io: CaseServer;
  broadcast(events: readonly ChangesEvent[]): void;
  /** refuses new events and waits (at most `timeoutMs`) for those being handled to be acked */
  drain(timeoutMs: number): Promise<void>;
  /** disconnects every socket opened with this token, on every node */
  endSession(token: string): void;
  /** rooms and server-side events through another adapter (Redis), for several nodes */
  useAdapter(adapter: Parameters<CaseServer['adapter']>[0]): void;
  /** re-reads the sessions of this node's sockets now, disconnecting those that ended; says how many */
  checkSessions(): Promise<number>;
  /** staff with a desk connected to the agency's room, on every node (auto-assignment) */
  onlineStaff: OnlineStaff;
  close(): Promise<void>;
};

export type SocketOptions = {
  store: Store;
  logger: Logger;
  rateLimit?: { perSecond: number; burst: number };
  /** how often open sockets re-check their sessions (session-watch.ts); default 30 s */
  sessionCheckMs?: number;
  /** open sockets one user may hold on one node; default MAX_SOCKETS_PER_USER */
  maxSocketsPerUser?: number;
  /** test hook: selected agencies' bootstrap pages refused or held (sync-faults.ts) */
  syncFaults?: SyncFaults;
};

export function attachSockets(httpServer: HttpServer, options: SocketOptions): SocketLayer {
  const { store, logger } = options;
  const io: CaseServer = new Server(httpServer, { maxHttpBufferSize: MAX_PAYLOAD_BYTES, serveClient: false });
  const rateLimit = options.rateLimit ?? { perSecond: 50, burst: 200 };
  // shutdown: once draining, events are refused (the desk's outbox sends them again to the
  // next server) and close waits for the ones in flight, so each ack sent is for a commit
  const inFlight = createInFlight(logger);
  const sessionCheck = createSessionCheck(store.db);
  let clustered = false;
  io.on('session.ended', (hash) => sessionCheck.forget(hash));
  requireSession(io, store, logger, options.maxSocketsPerUser ?? MAX_SOCKETS_PER_USER);

  const broadcast = (events: readonly ChangesEvent[]) => broadcastChanges(io, events);
  io.on('connection', (socket) => {
    joinRooms(socket, logger);
    const bucket = createTokenBucket(rateLimit.perSecond, rateLimit.burst);
    registerHandlers(socket, {
      store,
      logger,
      serve: serveFor(socket, { logger, bucket, inFlight, sessionCheck }),
      broadcast,
      referenceChanged: (agencyId) => announceReferenceChanged(io, agencyId),
      onlineStaff,
      deskPresence,
      syncFaults: options.syncFaults ?? noSyncFaults,
    });
    logger.debug({ staff: socket.data.staff.username }, 'desk connected');
  });

  const stopHeadBeat = startHeadBeat(io, store.db, logger);

  /**
   * who of an agency has a desk connected, on any node: online when any of their desks is not
   * away, away when every one of them is
   */
  async function deskPresence(agencyId: string): Promise<ReadonlyMap<string, 'online' | 'away'>> {
    const sockets = await io.in(rooms.agency(agencyId)).fetchSockets();
    const presence = new Map<string, 'online' | 'away'>();
    for (const s of sockets) {
      if (presence.get(s.data.staff.id) !== 'online') presence.set(s.data.staff.id, s.data.away === true ? 'away' : 'online');
    }
    return presence;
  }

  /** who of an agency is online and not away (auto-assignment skips everyone else) */
  async function onlineStaff(agencyId: string): Promise<ReadonlySet<string>> {
    const presence = await deskPresence(agencyId);
    return new Set([...presence].filter(([, state]) => state === 'online').map(([id]) => id));
  }
  const sessions = watchSessions(io, store.db, (error) => logger.error({ err: error }, 'the session sweep failed'), options.sessionCheckMs);

  return {
    io,
    broadcast,
    drain: (timeoutMs) => inFlight.drain(timeoutMs),
    endSession(token) {
      const hash = tokenHash(token);
      sessionCheck.forget(hash);
      // the in-memory adapter of a single node has no other node to tell (and warns if asked)
      if (clustered) io.serverSideEmit('session.ended', hash);
      io.in(sessionRoom(token)).disconnectSockets(true);
    },
    useAdapter(adapter) {
      io.adapter(adapter);
      clustered = true;
    },
    checkSessions: () => sessions.sweep(),
    onlineStaff,
    async close() {
      stopHeadBeat();
      sessions.stop();
      io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
