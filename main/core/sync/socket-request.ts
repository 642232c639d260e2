// One request over the socket with an ack: a timeout, and the ack parsed with the schema of
// shared/protocol.ts before anything uses it. A request that was not answered (offline,
// timeout, disconnect) is "unsent" so callers can retry; it is never mistaken for a refusal.
import type { Socket } from 'socket.io-client';
import { ackSchema, serverAckSchemas } from '../../../shared/protocol';
import type { ClientToServerEvents, ProtocolError, ServerToClientEvents } from '../../../shared/protocol';
import type { z } from 'zod';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type RequestName = keyof ClientToServerEvents;
export type RequestOutcome<E extends RequestName> =
  | { kind: 'ok'; value: z.output<(typeof serverAckSchemas)[E]> }
  | { kind: 'error'; error: ProtocolError }
  | { kind: 'unsent'; reason: string };

type LooseEmitter = {
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, reply: unknown) => void): void };
};

const ackSchemas = new Map<string, z.ZodType>(
  Object.entries(serverAckSchemas).map(([name, schema]) => [name, ackSchema(schema)]),
);

export function request<E extends RequestName>(
  socket: DeskSocket,
  event: E,
  payload: unknown,
  timeoutMs: number,
): Promise<RequestOutcome<E>> {
  return new Promise((resolve) => {
    if (!socket.connected) {
      resolve({ kind: 'unsent', reason: 'offline' });
      return;
    }
    let settled = false;
    const onDisconnect = () => finish({ kind: 'unsent', reason: 'disconnected' });
    function finish(outcome: RequestOutcome<E>): void {
      if (settled) return;
      settled = true;
      socket.off('disconnect', onDisconnect);
      resolve(outcome);
    }
    socket.on('disconnect', onDisconnect);
    (socket as unknown as LooseEmitter).timeout(timeoutMs).emit(event, payload, (err, reply) => {
      if (err !== null) {
        finish({ kind: 'unsent', reason: 'timeout' });
        return;
      }
      const parsed = ackSchemas.get(event)!.safeParse(reply);
      if (!parsed.success) {
        finish({ kind: 'error', error: { code: 'bad_reply', message: `the server's reply to ${event} has an unexpected shape` } });
        return;
      }
      const ack = parsed.data as { ok: true; value: z.output<(typeof serverAckSchemas)[E]> } | { ok: false; error: ProtocolError };
      finish(ack.ok ? { kind: 'ok', value: ack.value } : { kind: 'error', error: ack.error });
    });
  });
}
