// The browser host's transport: the DeskApi over one WebSocket carrying `DeskWireFrame`s.
// Calls made while the socket is (re)connecting wait in a queue; when the socket closes every
// call still waiting is failed with `host_unreachable`, so the UI never hangs on a dead host.
import type { DeskMethod, DeskReply } from '../../../shared/desk-api';
import type { DeskEventListener, DeskTransport, DeskWireFrame } from '../../../shared/desk-bridge';
import type { DeskEvent } from '../../../shared/desk-api';

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

export function unreachableReply(method: string): DeskReply {
  return {
    ok: false,
    error: { code: 'host_unreachable', message: `the desk host could not be reached (${method})` },
  };
}

type WaitingCall = { method: string; frame: string; resolve: (reply: DeskReply) => void };

export function createSocketTransport(options: SocketTransportOptions): SocketTransport {
  const openSocket: (url: string) => SocketLike = options.openSocket ?? ((url: string) => new WebSocket(url));
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;
  const listeners = new Set<DeskEventListener>();
  const waiting = new Map<number, WaitingCall>();
  let queue: number[] = [];
  let nextId = 1;
  let socket: SocketLike | null = null;
  let attempt = 0;
  let everOpened = false;
  let closedByUs = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const emit = (event: DeskEvent, payload: unknown) => {
    for (const listener of listeners) listener(event, payload);
  };

  const onMessage = (event: { data: unknown }) => {
    if (typeof event.data !== 'string') return;
    let frame: DeskWireFrame;
    try {
      frame = JSON.parse(event.data) as DeskWireFrame;
    } catch {
      return; // not ours to interpret; the client parses everything it does use
    }
    if (frame.type === 'reply') {
      const call = waiting.get(frame.id);
      if (call === undefined) return;
      waiting.delete(frame.id);
      call.resolve(frame.reply);
    } else if (frame.type === 'event') {
      emit(frame.event as DeskEvent, frame.payload);
    }
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
      for (const id of toSend) {
        const call = waiting.get(id);
        if (call !== undefined) current.send(call.frame);
      }
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
      for (const call of waiting.values()) call.resolve(unreachableReply(call.method));
      waiting.clear();
      queue = [];
      if (closedByUs) return;
      const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      attempt += 1;
      reconnectTimer = setTimeout(connect, Math.floor(random() * cap));
    });
  };

  connect();

  return {
    invoke(method: DeskMethod, args: unknown): Promise<DeskReply> {
      if (closedByUs) return Promise.resolve(unreachableReply(method));
      const id = nextId++;
      const frame: DeskWireFrame = { type: 'call', id, method, args };
      return new Promise<DeskReply>((resolve) => {
        waiting.set(id, { method, frame: JSON.stringify(frame), resolve });
        if (socket !== null && socket.readyState === OPEN) socket.send(JSON.stringify(frame));
        else queue.push(id);
      });
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
