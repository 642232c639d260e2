// Who else is viewing or replying to a case. Ephemeral: held in memory, expired without a
// heartbeat. Expiry is measured on this desk's clock from when the event arrived, so a skewed
// server clock cannot keep a ghost viewer alive or drop a live one.
import type { PresenceEvent } from '../../shared/protocol';
import { PRESENCE_TTL_MS } from '../../shared/protocol';
import type { Viewer } from '../../shared/desk-api';

type Entry = { displayName: string; state: Viewer['state']; expiresAt: number };

export type PresenceBoard = {
  receive(event: PresenceEvent): void;
  viewersOf(caseId: string): Viewer[];
  close(): void;
};

export function createPresenceBoard(
  selfId: string,
  changed: (caseId: string, viewers: Viewer[]) => void,
  ttlMs: number = PRESENCE_TTL_MS,
): PresenceBoard {
  const byCase = new Map<string, Map<string, Entry>>();

  function viewersOf(caseId: string): Viewer[] {
    const now = Date.now();
    const entries = byCase.get(caseId);
    if (entries === undefined) return [];
    const viewers: Viewer[] = [];
    for (const [staffId, e] of entries) {
      if (staffId === selfId || e.expiresAt <= now) continue;
      viewers.push({ staffId, displayName: e.displayName, state: e.state });
    }
    return viewers;
  }

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [caseId, entries] of byCase) {
      let dropped = false;
      for (const [staffId, e] of entries) {
        if (e.expiresAt <= now) {
          entries.delete(staffId);
          dropped = true;
        }
      }
      if (entries.size === 0) byCase.delete(caseId);
      if (dropped) changed(caseId, viewersOf(caseId));
    }
  }, Math.max(1_000, Math.floor(ttlMs / 6)));
  sweep.unref();

  return {
    receive(event) {
      if (event.staffId === selfId) return;
      let entries = byCase.get(event.caseId);
      if (event.state === null) {
        if (entries?.delete(event.staffId) !== true) return;
      } else {
        if (entries === undefined) {
          entries = new Map();
          byCase.set(event.caseId, entries);
        }
        entries.set(event.staffId, { displayName: event.displayName, state: event.state, expiresAt: Date.now() + ttlMs });
      }
      changed(event.caseId, viewersOf(event.caseId));
    },
    viewersOf,
    close() {
      clearInterval(sweep);
      byCase.clear();
    },
  };
}
