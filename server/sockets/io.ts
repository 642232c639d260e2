// Socket.IO on the case server: the handshake's session token is resolved to a staff member
// before the connection is accepted, the socket joins the rooms it may see, and every event
// goes through `serve`, which parses the payload, applies the rate limit and always answers
// with an Ack (or nothing, if the client gave no callback) — a bad client never throws here.
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { CodedError } from '../../shared/errors';
import type { ErrorCode, WireError } from '../../shared/errors';
import type { Ack, ChangesEvent, ServerRequest, ServerRequestParsedArgs, ServerRequestResult } from '../../shared/protocol';
import { HEAD_INTERVAL_MS, MAX_PAYLOAD_BYTES, rooms, serverRequests } from '../../shared/protocol';
import { dispatchOne } from '../../shared/rpc';
import { resolveSession, sessionRoom, tokenHash } from '../auth/sessions';
import { createSessionCheck, watchSessions } from './session-watch';
import { visibleAgencies } from '../auth/visibility';
import type { Store } from '../store/db';
import { listAgencies } from '../store/reference';
import { allHeadSeqs } from '../store/feed';
import { registerHandlers } from './handlers';
import { createTokenBucket, MAX_PACING_MS } from './rate-limit';
import type { TokenBucket } from './rate-limit';
import { noSyncFaults } from './sync-faults';
import type { SyncFaults } from './sync-faults';
import type { CaseServer, DeskSocket } from './types';

/** A broadcast larger than this is sent as several contiguous `changes` events. */
export const CHANGES_PER_EVENT = 1_000;

export type SocketLayer = {
  io: CaseServer;
  broadcast(events: readonly ChangesEvent[]): void;
  /** refuses new events and waits (at most `timeoutMs`) for those being handled to be acked */
  drain(timeoutMs: number): Promise<void>;
  /** disconnects every socket opened with this token, on every node */
  endSession(token: string): void;
  /** re-reads the sessions of this node's sockets now, disconnecting those that ended; says how many */
  checkSessions(): Promise<number>;
  close(): Promise<void>;
};

export type SocketOptions = {
  store: Store;
  logger: Logger;
  rateLimit?: { perSecond: number; burst: number };
  /** how often open sockets re-check their sessions (session-watch.ts); default 30 s */
  sessionCheckMs?: number;
  /** test hook: selected agencies' bootstrap pages refused or held (sync-faults.ts) */
  syncFaults?: SyncFaults;
  /** open sockets one user may hold on one node; default MAX_SOCKETS_PER_USER */
  maxSocketsPerUser?: number;
};

/**
 * A user's desks: the desktop app, a browser tab or two, a reconnect overlapping the socket it
 * replaces. Past this the handshake is refused (`too_many_connections`); 30 sockets on one
 * token used to be accepted.
 */
export const MAX_SOCKETS_PER_USER = 8;

function refusalMessage(code: ErrorCode): string {
  return code === 'too_many_connections' ? 'this user has too many desks connected' : 'the session has ended; sign in again';
}

/** A refused handshake: the desk reads the code from `data` (Socket.IO hands it to connect_error). */
function handshakeRefusal(code: ErrorCode, message: string): Error {
  const error: WireError = { code, message };
  return Object.assign(new Error(code), { data: error });
}

export function attachSockets(httpServer: HttpServer, options: SocketOptions): SocketLayer {
  const { store, logger } = options;
  const io: CaseServer = new Server(httpServer, { maxHttpBufferSize: MAX_PAYLOAD_BYTES, serveClient: false });
  const rateLimit = options.rateLimit ?? { perSecond: 50, burst: 200 };
  // shutdown: once draining, events are refused (the desk's outbox sends them again to the
  // next server) and close waits for the ones in flight, so each ack sent is for a commit
  let draining = false;
  let inFlight = 0;
  let onIdle: (() => void) | undefined;
  const sessionCheck = createSessionCheck(store.db);
  const maxSocketsPerUser = options.maxSocketsPerUser ?? MAX_SOCKETS_PER_USER;
  io.on('session.ended', (hash) => sessionCheck.forget(hash));
  const dispatchOptions = {
    internalMessage: 'the server could not complete this request',
    onInternal: (error: unknown, event: string) => logger.error({ err: error, event }, 'socket event failed'),
  };

  io.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
      next(handshakeRefusal('unauthorized', 'no session token'));
      return;
    }
    authenticate(socket, token).then(
      (refusal) => next(refusal === null ? undefined : handshakeRefusal(refusal, refusalMessage(refusal))),
      (error: unknown) => {
        logger.error({ err: error }, 'session lookup failed');
        next(handshakeRefusal('unavailable', 'the server cannot check sessions right now'));
      },
    );
  });

  /** null when accepted, else the reason the handshake is refused */
  async function authenticate(socket: DeskSocket, token: string): Promise<ErrorCode | null> {
    const staff = await resolveSession(store.db, token, Date.now());
    if (staff === undefined) return 'unauthorized';
    // counted on this node: each node holds a user to the cap, and one desk talks to one node
    if ((io.of('/').adapter.rooms.get(rooms.staff(staff.id))?.size ?? 0) >= maxSocketsPerUser) return 'too_many_connections';
    const visible = visibleAgencies(staff);
    socket.data.staff = staff;
    socket.data.sessionRoom = sessionRoom(token);
    socket.data.tokenHash = tokenHash(token);
    socket.data.visible = visible;
    socket.data.presence = new Map();
    // Rooms are resolved before the connection is accepted, so the connection handler can
    // register every listener synchronously: a client may emit the moment it sees `connect`,
    // and an event that arrives before its listener exists is lost.
    socket.data.roomAgencyIds = visible === 'all' ? (await listAgencies(store.db)).map((a) => a.id) : [...visible];
    return null;
  }

  io.on('connection', (socket) => {
    onConnection(socket);
  });

  function onConnection(socket: DeskSocket): void {
    const { staff, roomAgencyIds } = socket.data;
    const joined = socket.join([rooms.staff(staff.id), socket.data.sessionRoom, ...roomAgencyIds.map(rooms.agency)]);
    if (joined instanceof Promise) {
      joined.catch((error: unknown) => {
        logger.error({ err: error }, 'joining rooms failed');
        socket.disconnect(true);
      });
    }
    const bucket = createTokenBucket(rateLimit.perSecond, rateLimit.burst);
    registerHandlers(socket, {
      store,
      logger,
      serve: (event, handle) => serve(socket, bucket, event, handle),
      broadcast,
      referenceChanged,
      syncFaults: options.syncFaults ?? noSyncFaults,
    });
    logger.debug({ staff: staff.username }, 'desk connected');
  }

  function serve<R extends ServerRequest>(
    socket: DeskSocket,
    bucket: TokenBucket,
    event: R,
    handle: (args: ServerRequestParsedArgs<R>) => Promise<ServerRequestResult<R>>,
  ): void {
    // The listener takes unknown arguments: the typed map is what a well-behaved client sends,
    // not what arrives.
    const listener = (...args: unknown[]): void => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (reply: Ack<unknown>) => void) : undefined;
      const payload = args.length > 1 || ack === undefined ? args[0] : undefined;
      const reply = (value: Ack<unknown>) => {
        if (ack !== undefined) ack(value);
      };
      const fail = (error: WireError) => reply({ ok: false, error });
      const run = (): void => {
        if (draining) {
          fail({ code: 'unavailable', message: 'the server is shutting down; try again' });
          return;
        }
        inFlight += 1;
        // every request, reads included, only while the session stands (session-watch.ts)
        const checked = async (args: ServerRequestParsedArgs<R>): Promise<ServerRequestResult<R>> => {
          if ((await sessionCheck.current(socket, Date.now())) === undefined) {
            setImmediate(() => socket.disconnect(true));
            throw new CodedError('unauthorized', 'the session has ended; sign in again');
          }
          return handle(args);
        };
        void dispatchOne(event, serverRequests[event], checked, payload, dispatchOptions).then((value) => {
          inFlight -= 1;
          if (inFlight === 0) onIdle?.();
          reply(value);
        });
      };
      // a burst is paced: the request waits for its token; only a client so far ahead that it
      // would wait longer than MAX_PACING_MS (one in a loop) is refused
      const wait = bucket.reserve(Date.now(), MAX_PACING_MS);
      if (wait === null) fail({ code: 'rate_limited', message: 'too many requests; slow down' });
      else if (wait === 0) run();
      else setTimeout(run, wait);
    };
    socket.on(event, listener as never);
  }

  function broadcast(events: readonly ChangesEvent[]): void {
    for (const event of events) {
      for (let i = 0; i < event.changes.length; i += CHANGES_PER_EVENT) {
        const changes = event.changes.slice(i, i + CHANGES_PER_EVENT);
        const fromSeq = changes[0]?.seq ?? event.fromSeq;
        const toSeq = changes[changes.length - 1]?.seq ?? event.toSeq;
        io.to(rooms.agency(event.agencyId)).emit('changes', { agencyId: event.agencyId, fromSeq, toSeq, changes });
      }
    }
  }

  /** after a commit: the desks of the agency (national: every desk, on every node) refetch reference data */
  function referenceChanged(agencyId: string | null): void {
    if (agencyId === null) io.emit('reference.changed', {});
    else io.to(rooms.agency(agencyId)).emit('reference.changed', {});
  }

  // An idle desk learns from `head` that it missed something (e.g. a broadcast lost in a
  // reconnect) and pulls. Only rooms with sockets on this node are told.
  const headTimer = setInterval(() => {
    allHeadSeqs(store.db).then(
      (heads) => {
        const local = io.of('/').adapter.rooms;
        for (const [agencyId, seq] of heads) {
          const room = rooms.agency(agencyId);
          if (local.has(room)) io.to(room).emit('head', { agencyId, seq });
        }
      },
      (error: unknown) => logger.warn({ err: error }, 'head broadcast failed'),
    );
  }, HEAD_INTERVAL_MS);
  headTimer.unref();
  const sessions = watchSessions(io, store.db, (error) => logger.error({ err: error }, 'the session sweep failed'), options.sessionCheckMs);

  return {
    io,
    broadcast,
    async drain(timeoutMs) {
      draining = true;
      if (inFlight === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          logger.warn({ inFlight }, 'shutdown did not wait for every socket event');
          resolve();
        }, timeoutMs);
        onIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    endSession(token) {
      const hash = tokenHash(token);
      sessionCheck.forget(hash);
      io.serverSideEmit('session.ended', hash);
      io.in(sessionRoom(token)).disconnectSockets(true);
    },
    checkSessions: () => sessions.sweep(),
    async close() {
      clearInterval(headTimer);
      sessions.stop();
      io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
