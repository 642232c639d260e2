// The core's one typed event emitter. A signed-in session (live-session.ts) and the parts under
// it tell the core what happened through it, by name and typed payload, instead of a callback
// per event relayed through every layer; the core (index.ts) routes each to its one place:
// `cases.changed` through the one coalescing window on the way to the renderer, status patches
// into the sync status, a refused session to sign-out, and the rest straight to the renderer.
import type { DeskEvent, DeskEventPayload, SyncStatus } from '../../shared/desk-api';

/** What the renderer is told as is, or after coalescing (`cases.changed`). */
type PassedOn = Exclude<DeskEvent, 'sync.status' | 'session.changed' | 'case.assignedToMe'>;

export type CoreEventMap = { [E in PassedOn]: DeskEventPayload<E> } & {
  /** the core adds the UI language before the renderer (and the OS notification) hears of it */
  'case.assignedToMe': Omit<DeskEventPayload<'case.assignedToMe'>, 'language'>;
  /** part of the sync status changed (the core merges it and tells the renderer if it differs) */
  'status.patch': Partial<SyncStatus>;
  /** the case server refused the session token: the user must sign in again */
  'session.refused': { message: string };
};
export type CoreEventName = keyof CoreEventMap;

export type CoreEvents = {
  emit<E extends CoreEventName>(event: E, payload: CoreEventMap[E]): void;
};

/** Where each event goes: one route per name, so none can be forgotten. */
export type CoreEventRoutes = { [E in CoreEventName]: (payload: CoreEventMap[E]) => void };

export function createCoreEvents(routes: CoreEventRoutes): CoreEvents {
  return {
    emit(event, payload) {
      routes[event](payload);
    },
  };
}
