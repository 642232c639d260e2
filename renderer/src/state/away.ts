// Away (issue 12 item 1): the user says so from the status bar or the palette, or the desk says
// so after AWAY_AFTER_MS without a key press or a pointer move, and says back when they return.
// The server holds it per connection (`presence.setAway`): auto-assignment skips people away
// and the board shows them so. A reconnected socket starts not away, so the desk says it again
// whenever it is back online.
import { create } from 'zustand';
import { desk } from '../desk/client';
import { useSync } from './sync';

/** idle this long, the desk marks its user away (a long call, a meeting) */
export const AWAY_AFTER_MS = 10 * 60_000;
const CHECK_EVERY_MS = 30_000;

type AwayState = {
  away: boolean;
  /** set by the idle timer (activity clears it), not by the user (only they clear theirs) */
  auto: boolean;
};

export const useAway = create<AwayState>(() => ({ away: false, auto: false }));

function tellServer(away: boolean): void {
  // offline the server forgets the socket anyway; the status change below says it again
  void desk()['presence.setAway']({ away }).catch(() => undefined);
}

export function setAway(away: boolean, auto = false): void {
  const before = useAway.getState();
  useAway.setState({ away, auto: away && auto });
  if (before.away !== away) tellServer(away);
}

export function toggleAway(): void {
  setAway(!useAway.getState().away);
}

/** Watches activity and the connection while the desk is signed in; returns the stop. */
export function watchAway(idleMs: number = AWAY_AFTER_MS): () => void {
  let lastActivity = Date.now();
  const active = () => {
    lastActivity = Date.now();
    const { away, auto } = useAway.getState();
    if (away && auto) setAway(false);
  };
  const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
  for (const name of events) window.addEventListener(name, active, { passive: true, capture: true });
  const timer = setInterval(() => {
    if (!useAway.getState().away && Date.now() - lastActivity >= idleMs) setAway(true, true);
  }, Math.min(CHECK_EVERY_MS, idleMs));
  let wasOnline = useSync.getState().state === 'online' || useSync.getState().state === 'syncing';
  const offSync = useSync.subscribe((status) => {
    const online = status.state === 'online' || status.state === 'syncing';
    if (online && !wasOnline && useAway.getState().away) tellServer(true);
    wasOnline = online;
  });
  return () => {
    for (const name of events) window.removeEventListener(name, active, { capture: true });
    clearInterval(timer);
    offSync();
    useAway.setState({ away: false, auto: false });
  };
}
