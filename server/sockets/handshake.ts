// The Socket.IO handshake: the session token is resolved to a staff member and the rooms the
// socket may join are known before the connection is accepted. A refusal carries its code
// (shared/errors.ts) in the error's `data`, which Socket.IO hands to the desk's connect_error:
// the desk signs out on `unauthorized` by code, never by the message's words.
import type { Logger } from 'pino';
import type { ErrorCode, WireError } from '../../shared/errors';
import { rooms } from '../../shared/protocol';
import { resolveSession, sessionRoom, tokenHash } from '../auth/sessions';
import { visibleAgencies } from '../auth/visibility';
import type { Store } from '../store/db';
import { listAgencies } from '../store/reference';
import type { CaseServer, DeskSocket } from './types';

/**
 * A user's desks: the desktop app, a browser tab or two, a reconnect overlapping the socket it
 * replaces. Past this the handshake is refused (`too_many_connections`); 30 sockets on one
 * token used to be accepted.
 */
export const MAX_SOCKETS_PER_USER = 8;

const REFUSALS: Partial<Record<ErrorCode, string>> = {
  unauthorized: 'the session has ended; sign in again',
  too_many_connections: 'this user has too many desks connected',
  unavailable: 'the server cannot check sessions right now',
};

/** A refused handshake: Error's message is the code, `data` the wire error the desk reads. */
export function handshakeRefusal(code: ErrorCode, message = REFUSALS[code] ?? code): Error {
  const error: WireError = { code, message };
  return Object.assign(new Error(code), { data: error });
}

/** null when accepted (the socket's data is then filled in), else the reason it is refused */
async function admit(io: CaseServer, store: Store, socket: DeskSocket, token: string, maxSocketsPerUser: number): Promise<ErrorCode | null> {
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
  socket.data.away = false;
  // Rooms are resolved before the connection is accepted, so the connection handler can
  // register every listener synchronously: a client may emit the moment it sees `connect`,
  // and an event that arrives before its listener exists is lost.
  socket.data.roomAgencyIds = visible === 'all' ? (await listAgencies(store.db)).map((a) => a.id) : [...visible];
  return null;
}

/** Installs the handshake check as Socket.IO middleware. */
export function requireSession(io: CaseServer, store: Store, logger: Logger, maxSocketsPerUser: number): void {
  io.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
      next(handshakeRefusal('unauthorized', 'no session token'));
      return;
    }
    admit(io, store, socket, token, maxSocketsPerUser).then(
      (refusal) => next(refusal === null ? undefined : handshakeRefusal(refusal)),
      (error: unknown) => {
        logger.error({ err: error }, 'session lookup failed');
        next(handshakeRefusal('unavailable'));
      },
    );
  });
}

/** Joins the rooms resolved at the handshake: the user's, the session's and each agency's. */
export function joinRooms(socket: DeskSocket, logger: Logger): void {
  const { staff, roomAgencyIds } = socket.data;
  const joined = socket.join([rooms.staff(staff.id), socket.data.sessionRoom, ...roomAgencyIds.map(rooms.agency)]);
  if (joined instanceof Promise) {
    joined.catch((error: unknown) => {
      logger.error({ err: error }, 'joining rooms failed');
      socket.disconnect(true);
    });
  }
}
