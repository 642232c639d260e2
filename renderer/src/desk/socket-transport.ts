// The browser host's transport: the DeskApi over one WebSocket carrying frames of the one RPC
// protocol (shared/rpc.ts); this file supplies only sending, receiving and reconnecting.
// Calls made while the socket is (re)connecting wait in a queue; when the socket closes every
// call still waiting is failed with `host_unreachable`, so the UI never hangs on a dead host.
import type { DeskEvent, DeskMethod } from '../../../shared/desk-api';
import type { DeskEventListener, DeskTransport } from '../../../shared/desk-bridge';
import { createCaller, readFrame } from '../../../shared/rpc';
import type { WireError } from '../../../shared/errors';
import type { Reply } from '../../../shared/rpc';

export type HostConnection = 'connecting' | 'open' | 'closed';

/** The part of the WebSocket API this transport uses (the DOM's, or `ws` in tests). */
export type SocketLike = {
  readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
};

export type SocketTransportOptions = {
  url: string;
  openSocket?: (url: string) => SocketLike;
  /** first reconnect delay cap; doubles per failed attempt up to `maxDelayMs` (full jitter) */
  baseDelayMs?: number;
  maxDelayMs?: number;
  onConnection?: (state: HostConnection) => void;
  random?: () => number;
};

export type SocketTransport = DeskTransport & { close(): void };

const OPEN = 1;

function unreachable(what: string): WireError {
  return { code: 'host_unreachable', message: `the desk host could not be reached (${what})` };
}

export function createSocketTransport(options: SocketTransportOptions): SocketTransport {
  const openSocket: (url: string) => SocketLike = options.openSocket ?? ((url: string) => new WebSocket(url));
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;
  const listeners = new Set<DeskEventListener>();
  /** call frames written while the socket is (re)connecting, sent once it opens */
  let queue: string[] = [];
  let socket: SocketLike | null = null;
  let attempt = 0;
  let everOpened = false;
  let closedByUs = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const caller = createCaller((frame) => {
    const text = JSON.stringify(frame);
    if (socket !== null && socket.readyState === OPEN) socket.send(text);
    else queue.push(text);
  });

  const emit = (event: DeskEvent, payload: unknown) => {
    for (const listener of listeners) listener(event, payload);
  };

  const onMessage = (event: { data: unknown }) => {
    if (typeof event.data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      return; // not ours to interpret; the client parses everything it does use
    }
    const frame = readFrame(json);
    if (frame?.type === 'reply') caller.receive(frame);
    else if (frame?.type === 'event') emit(frame.event as DeskEvent, frame.payload);
  };

  const connect = () => {
    reconnectTimer = null;
    options.onConnection?.('connecting');
    const current = openSocket(options.url);
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      attempt = 0;
      options.onConnection?.('open');
      const toSend = queue;
      queue = [];
      for (const text of toSend) current.send(text);
      // After a reconnect the core may have moved on while we were away: ask every view to refresh.
      if (everOpened) emit('cases.changed', { caseIds: [], all: true });
      everOpened = true;
    });
    current.addEventListener('message', onMessage);
    // A 'close' follows every 'error'; that is where the waiting calls are failed.
    current.addEventListener('error', () => undefined);
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      options.onConnection?.('closed');
      queue = [];
      caller.failAll(unreachable('the connection closed'));
      if (closedByUs) return;
      const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      attempt += 1;
      reconnectTimer = setTimeout(connect, Math.floor(random() * cap));
    });
  };

  connect();

  return {
    invoke(method: DeskMethod, args: unknown): Promise<Reply> {
      if (closedByUs) return Promise.resolve({ ok: false, error: unreachable(method) });
      return caller.call(method, args);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closedByUs = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      socket?.close();
    },
  };
}
