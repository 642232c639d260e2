// The server's handler wrapper, derived from `serverRequests` (shared/protocol.ts): a handler
// is registered by request name, its arguments are parsed with the map's schema by the one
// dispatcher (shared/rpc.ts), and whatever happens the client gets one ack — the value, or a
// coded error (a bad client never throws here). Before parsing, the socket's rate limit and a
// shutdown in progress are checked; before the handler runs, the session (session-watch.ts).
import type { Logger } from 'pino';
import { CodedError } from '../../shared/errors';
import type { WireError } from '../../shared/errors';
import { serverRequests } from '../../shared/protocol';
import type { Ack, ServerRequest, ServerRequestParsedArgs, ServerRequestResult } from '../../shared/protocol';
import { dispatchOne } from '../../shared/rpc';
import { MAX_PACING_MS } from './rate-limit';
import type { TokenBucket } from './rate-limit';
import type { SessionCheck } from './session-watch';
import type { DeskSocket } from './types';

/** Registers the handler of one request of `serverRequests`: given parsed args, it returns the ack's value. */
export type Serve = <R extends ServerRequest>(
  request: R,
  handle: (args: ServerRequestParsedArgs<R>) => Promise<ServerRequestResult<R>>,
) => void;

/** Requests being handled, so a shutdown can refuse new ones and wait for those in flight. */
export type InFlight = {
  readonly draining: boolean;
  begin(): void;
  end(): void;
  /** refuses new requests and waits (at most `timeoutMs`) for those being handled to be acked */
  drain(timeoutMs: number): Promise<void>;
};

export function createInFlight(logger: Logger): InFlight {
  let draining = false;
  let count = 0;
  let onIdle: (() => void) | undefined;
  return {
    get draining() {
      return draining;
    },
    begin: () => {
      count += 1;
    },
    end: () => {
      count -= 1;
      if (count === 0) onIdle?.();
    },
    async drain(timeoutMs) {
      draining = true;
      if (count === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          logger.warn({ inFlight: count }, 'shutdown did not wait for every socket event');
          resolve();
        }, timeoutMs);
        onIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}

export type ServeDeps = { logger: Logger; bucket: TokenBucket; inFlight: InFlight; sessionCheck: SessionCheck };

/** Socket.IO hands a listener `(payload?, ack?)`; what a client sends is not what the map says. */
function splitArgs(args: unknown[]): { payload: unknown; ack: (reply: Ack<unknown>) => void } {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (reply: Ack<unknown>) => void) : undefined;
  const payload = args.length > 1 || ack === undefined ? args[0] : undefined;
  return { payload, ack: ack ?? (() => undefined) };
}

export function serveFor(socket: DeskSocket, deps: ServeDeps): Serve {
  const { bucket, inFlight, sessionCheck } = deps;
  const dispatchOptions = {
    internalMessage: 'the server could not complete this request',
    onInternal: (error: unknown, request: string) => deps.logger.error({ err: error, event: request }, 'socket event failed'),
  };
  return (request, handle) => {
    // every request, reads included, only while the session stands (session-watch.ts)
    const checked = async (args: Parameters<typeof handle>[0]) => {
      if ((await sessionCheck.current(socket, Date.now())) === undefined) {
        setImmediate(() => socket.disconnect(true));
        throw new CodedError('unauthorized', 'the session has ended; sign in again');
      }
      return handle(args);
    };
    const listener = (...args: unknown[]): void => {
      const { payload, ack } = splitArgs(args);
      const refuse = (error: WireError) => ack({ ok: false, error });
      const run = (): void => {
        if (inFlight.draining) return refuse({ code: 'unavailable', message: 'the server is shutting down; try again' });
        inFlight.begin();
        void dispatchOne(request, serverRequests[request], checked, payload, dispatchOptions).then((reply) => {
          inFlight.end();
          ack(reply);
        });
      };
      // a burst is paced: the request waits for its token; only a client so far ahead that it
      // would wait longer than MAX_PACING_MS (one in a loop) is refused
      const wait = bucket.reserve(Date.now(), MAX_PACING_MS);
      if (wait === null) refuse({ code: 'rate_limited', message: 'too many requests; slow down' });
      else if (wait === 0) run();
      else setTimeout(run, wait);
    };
    // the listener takes unknown arguments (see splitArgs); Socket.IO's typed `on` wants the map's
    socket.on(request, listener as never);
  };
}
