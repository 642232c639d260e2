// The typed Socket.IO server of the case server: the four generics of shared/protocol.ts.
import type { Server, Socket } from 'socket.io';
import type { Staff } from '../../shared/domain';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';
import type { Visibility } from '../auth/visibility';

/** Server-to-server events over the adapter (Redis when configured). */
export type InterServerEvents = {
  /** a session ended on one node (logout): every node forgets its cached check of that token hash */
  'session.ended': (tokenHash: string) => void;
};

export type SocketData = {
  staff: Staff;
  /** the room of the session token this socket was opened with (see auth/sessions.ts) */
  sessionRoom: string;
  /** sha256 of that token: the socket re-checks its session with it (auth/session-watch.ts) */
  tokenHash: string;
  visible: Visibility;
  /** the agencies whose rooms this socket joins (all of them for the call centre and admins) */
  roomAgencyIds: string[];
  /** cases this socket announced presence on, so leaving can be broadcast on disconnect */
  presence: Map<string, string>;
  /** the desk says its user is away (idle, or set by them): auto-assignment skips them */
  away: boolean;
};

export type CaseServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
