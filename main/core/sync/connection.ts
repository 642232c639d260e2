// The desk's one live connection to the case server, over any of the deployment's addresses.
// Socket.IO's own reconnection is off: while offline the desk probes every address's
// `/api/health` with a short capped, fully jittered backoff (250 ms doubling to 2 s) and opens
// a socket to the first that answers, so it is back within about 2 s of a server's return
// (it waited out a 30 s backoff before: up to 20 s "Offline" after a restart), and a node that
// died is replaced by another without a new login. `retryNow` (the status bar, the window
// regaining focus, the network coming back) probes at once.
import { io } from 'socket.io-client';
import type { CoreLogger } from '../logger';
import type { BackoffOptions } from './backoff';
import { fullJitterDelay } from './backoff';
import { request } from './socket-request';
import type { DeskSocket, RequestName, RequestOutcome } from './socket-request';
import type { ServerRequestArgs } from '../../../shared/protocol';
import { wireErrorSchema } from '../../../shared/errors';

export type ConnectionOptions = {
  /** the deployment's addresses, tried in this order when several answer */
  urls: readonly string[];
  token: string;
  /** the health probe's backoff while offline */
  backoff: BackoffOptions;
  logger: CoreLogger;
  connected(url: string): void;
  /** offline now (the reason), or 'connecting' while a socket is being opened */
  lost(state: 'offline' | 'connecting', reason: string): void;
  /** the server refused the session token: the user must sign in again */
  authFailed(message: string): void;
};

export type Connection = {
  request<R extends RequestName>(name: R, args: ServerRequestArgs<R>, timeoutMs: number): Promise<RequestOutcome<R>>;
  isConnected(): boolean;
  /** listens to a server event on whichever socket is current */
  on(event: string, listener: (payload: unknown) => void): void;
  /** offline: probe every address now instead of waiting for the next probe */
  retryNow(): void;
  close(): void;
};

/** The server refuses a handshake with a coded error in `data` (server/sockets/io.ts); `unauthorized` means sign in again. */
function handshakeRefusedAs(error: Error): string | null {
  const refusal = wireErrorSchema.safeParse((error as { data?: unknown }).data);
  return refusal.success ? refusal.data.code : null;
}
const PROBE_TIMEOUT_MS = 1_500;
const CONNECT_TIMEOUT_MS = 5_000;

/** The first address whose health endpoint answers; null when none does. */
async function firstHealthy(urls: readonly string[]): Promise<string | null> {
  try {
    return await Promise.any(
      urls.map(async (url) => {
        const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await response.body?.cancel();
        if (!response.ok) throw new Error(`health ${response.status}`);
        return url;
      }),
    );
  } catch {
    return null;
  }
}

export function openConnection(o: ConnectionOptions): Connection {
  const listeners: [string, (payload: unknown) => void][] = [];
  let socket: DeskSocket | null = null;
  let closed = false;
  let attempt = 0;
  let probeTimer: NodeJS.Timeout | null = null;
  let probing = false;

  function dispose(current: DeskSocket | null): void {
    if (current === null) return;
    current.removeAllListeners();
    current.disconnect();
  }

  function connectTo(url: string): void {
    dispose(socket);
    const next: DeskSocket = io(url, {
      auth: { token: o.token },
      transports: ['websocket'],
      reconnection: false,
      autoConnect: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    socket = next;
    for (const [event, listener] of listeners) (next as unknown as { on(e: string, l: (p: unknown) => void): void }).on(event, listener);
    next.on('connect', () => {
      attempt = 0;
      o.connected(url);
    });
    next.on('connect_error', (error) => {
      if (closed || socket !== next) return;
      if (handshakeRefusedAs(error) === 'unauthorized') {
        o.lost('offline', error.message);
        o.authFailed(error.message);
        return;
      }
      o.lost('offline', error.message);
      scheduleProbe();
    });
    next.on('disconnect', (reason) => {
      if (closed || socket !== next) return;
      o.lost('offline', reason);
      scheduleProbe();
    });
    o.lost('connecting', 'connecting');
    next.connect();
  }

  async function probe(): Promise<void> {
    probeTimer = null;
    if (closed || probing) return;
    probing = true;
    const url = await firstHealthy(o.urls).finally(() => {
      probing = false;
    });
    if (closed || socket?.connected === true) return;
    if (url === null) scheduleProbe();
    else connectTo(url);
  }

  function scheduleProbe(): void {
    if (closed || probeTimer !== null || probing) return;
    const delay = fullJitterDelay(attempt, o.backoff);
    attempt += 1;
    probeTimer = setTimeout(() => void probe(), delay);
  }

  connectTo(o.urls[0]);

  return {
    request(name, args, timeoutMs) {
      if (socket === null) return Promise.resolve({ kind: 'unsent', reason: 'offline' });
      return request(socket, name, args, timeoutMs);
    },
    isConnected: () => socket?.connected === true,
    on(event, listener) {
      listeners.push([event, listener]);
      (socket as unknown as { on(e: string, l: (p: unknown) => void): void } | null)?.on(event, listener);
    },
    retryNow() {
      if (closed || socket?.connected === true) return;
      if (probeTimer !== null) clearTimeout(probeTimer);
      probeTimer = null;
      attempt = 0;
      void probe();
    },
    close() {
      closed = true;
      if (probeTimer !== null) clearTimeout(probeTimer);
      dispose(socket);
      socket = null;
    },
  };
}
