// The desk's typed request client of the case server, derived from `serverRequests`: the
// arguments are typed by the map, the ack is read with the map's result schema (shared/rpc.ts
// readReply) before anything uses it, and a timeout. A request that was not answered (offline,
// timeout, disconnect) is "unsent" so callers can retry; it is never mistaken for a refusal.
import type { Socket } from 'socket.io-client';
import type { WireError } from '../../../shared/errors';
import { serverRequests } from '../../../shared/protocol';
import type {
  ClientToServerEvents,
  ServerRequest,
  ServerRequestArgs,
  ServerRequestResult,
  ServerToClientEvents,
} from '../../../shared/protocol';
import { readReply } from '../../../shared/rpc';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type RequestName = ServerRequest;
export type RequestOutcome<R extends ServerRequest> =
  | { kind: 'ok'; value: ServerRequestResult<R> }
  | { kind: 'error'; error: WireError }
  | { kind: 'unsent'; reason: string };

// Socket.IO's typed emit cannot take a generic event name with its matching args; the map
// (ClientToServerEvents) already ties them, so the call goes through this untyped view.
type AckEmitter = {
  timeout(ms: number): { emit(event: string, args: unknown, ack: (err: Error | null, reply: unknown) => void): void };
};

export function request<R extends ServerRequest>(
  socket: DeskSocket,
  name: R,
  args: ServerRequestArgs<R>,
  timeoutMs: number,
): Promise<RequestOutcome<R>> {
  return new Promise((resolve) => {
    if (!socket.connected) {
      resolve({ kind: 'unsent', reason: 'offline' });
      return;
    }
    let settled = false;
    const onDisconnect = () => finish({ kind: 'unsent', reason: 'disconnected' });
    function finish(outcome: RequestOutcome<R>): void {
      if (settled) return;
      settled = true;
      socket.off('disconnect', onDisconnect);
      resolve(outcome);
    }
    socket.on('disconnect', onDisconnect);
    (socket as unknown as AckEmitter).timeout(timeoutMs).emit(name, args, (err, raw) => {
      if (err !== null) {
        finish({ kind: 'unsent', reason: 'timeout' });
        return;
      }
      const reply = readReply(name, serverRequests[name], raw);
      finish(reply.ok ? { kind: 'ok', value: reply.value as ServerRequestResult<R> } : { kind: 'error', error: reply.error });
    });
  });
}
