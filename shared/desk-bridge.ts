// The DeskApi halves of the one RPC protocol (shared/rpc.ts). A host wraps its handlers with
// `createDeskDispatcher` (which refuses unknown methods and parses every argument); a
// renderer wraps any transport with `createDeskClient` (which parses every reply and event).
import { deskEvents, deskMethods, isDeskEvent } from './desk-api';
import type { DeskApi, DeskEvent, DeskEventPayload, DeskHandlers, DeskMethod } from './desk-api';
import { createDispatcher, createRpcClient } from './rpc';
import type { Dispatch, DispatchOptions, Reply } from './rpc';

export type DeskDispatch = Dispatch;

export function createDeskDispatcher(handlers: DeskHandlers, options: DispatchOptions = {}): DeskDispatch {
  return createDispatcher(deskMethods, handlers, options);
}

export type DeskEventListener = (event: DeskEvent, payload: unknown) => void;

/** What a host gives the renderer: one call, one event subscription. */
export type DeskTransport = {
  invoke: (method: DeskMethod, args: unknown) => Promise<Reply>;
  subscribe: (listener: DeskEventListener) => () => void;
};

export type DeskClient = DeskApi & {
  on: <E extends DeskEvent>(event: E, listener: (payload: DeskEventPayload<E>) => void) => () => void;
};

export function createDeskClient(transport: DeskTransport): DeskClient {
  const listeners = new Map<DeskEvent, Set<(payload: unknown) => void>>();
  transport.subscribe((event, payload) => {
    if (!isDeskEvent(event)) return;
    const set = listeners.get(event);
    if (set === undefined || set.size === 0) return;
    const parsed = deskEvents[event].safeParse(payload);
    if (!parsed.success) return; // a malformed push is dropped, never half-used
    for (const listener of set) listener(parsed.data);
  });

  const api = createRpcClient(deskMethods, (method, args) => transport.invoke(method as DeskMethod, args));
  const on = <E extends DeskEvent>(event: E, listener: (payload: DeskEventPayload<E>) => void) => {
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
    }
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  };
  return Object.assign(api, { on });
}

/** Electron IPC channels of the bridge (preload ↔ main). */
export const DESK_CALL_CHANNEL = 'desk:call';
export const DESK_EVENT_CHANNEL = 'desk:event';
