// The generic halves of every DeskApi transport. A host wraps its handlers with
// `createDeskDispatcher` (which refuses unknown methods and parses every argument); a
// renderer wraps any transport with `createDeskClient` (which parses every reply and event).
import {
  DESK_METHODS,
  DeskError,
  deskErrorSchema,
  deskEvents,
  deskMethods,
  isDeskEvent,
  isDeskMethod,
} from './desk-api';
import type { DeskApi, DeskEvent, DeskEventPayload, DeskHandlers, DeskMethod, DeskReply } from './desk-api';

export type DeskDispatch = (method: unknown, args: unknown) => Promise<DeskReply>;

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Turns whatever a handler threw into the reply shape, keeping DeskError codes. */
export function toErrorReply(error: unknown): DeskReply {
  if (error instanceof DeskError) {
    return { ok: false, error: { code: error.code, message: error.message, params: error.params } };
  }
  const parsed = deskErrorSchema.safeParse(error);
  if (parsed.success) return { ok: false, error: parsed.data };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message } };
}

export function createDeskDispatcher(handlers: DeskHandlers): DeskDispatch {
  return async (method, args) => {
    if (!isDeskMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `no such desk method: ${String(method)}` } };
    }
    const parsed = deskMethods[method].args.safeParse(args ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid_args', message: `${method}: ${describeIssues(parsed.error.issues)}` },
      };
    }
    try {
      const handler = handlers[method] as (a: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      return toErrorReply(error);
    }
  };
}

export type DeskEventListener = (event: DeskEvent, payload: unknown) => void;

/** What a host gives the renderer: one call, one event subscription. */
export type DeskTransport = {
  invoke: (method: DeskMethod, args: unknown) => Promise<DeskReply>;
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

  const api = {} as Record<DeskMethod, (args?: unknown) => Promise<unknown>>;
  for (const method of DESK_METHODS) {
    api[method] = async (args?: unknown) => {
      const reply = await transport.invoke(method, args ?? {});
      if (!reply.ok) throw new DeskError(reply.error);
      const parsed = deskMethods[method].result.safeParse(reply.value);
      if (!parsed.success) {
        throw new DeskError({
          code: 'bad_reply',
          message: `${method}: the desk core replied with an unexpected shape (${describeIssues(parsed.error.issues)})`,
        });
      }
      return parsed.data;
    };
  }
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
  return Object.assign(api as unknown as DeskApi, { on });
}

/** The message frames the browser host's WebSocket carries (JSON). */
export type DeskWireFrame =
  | { type: 'call'; id: number; method: string; args: unknown }
  | { type: 'reply'; id: number; reply: DeskReply }
  | { type: 'event'; event: string; payload: unknown };

/** Electron IPC channels of the bridge (preload ↔ main). */
export const DESK_CALL_CHANNEL = 'desk:call';
export const DESK_EVENT_CHANNEL = 'desk:event';
