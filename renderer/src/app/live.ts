// Keeps what is on screen in step with the core's pushes. The core already coalesces a burst of
// changes (a bulk assign, a catch-up) into one `cases.changed` per 50 ms window (main/core
// index.ts), so each one is applied at once: a second window here, in series, only made every
// change wait longer (50 + 60 ms). Pushes handled in the same task share one refresh.
import { mutationApplied, mutationRejected } from '../ui/mutate';
import { desk } from '../desk/client';
import { refreshSearch } from '../state/search';
import { showAssignedNotice } from '../notify/assigned';
import { refreshCounts, syncSelection, useInbox } from '../state/inbox';
import { caseDetails, reloadCase, useOpenCase, viewersChanged } from '../state/open-case';
import { loadReference, useSession } from '../state/session';
import { clearPresence, presenceChanged } from '../state/presence';
import { useSync } from '../state/sync';
import { refreshWorkloadSoon } from '../state/workload';
import { refreshMassSoon } from '../state/mass';

export function connectLive(): () => void {
  const client = desk();
  let scheduled = false;
  let all = false;
  const changedIds = new Set<string>();

  const flush = () => {
    scheduled = false;
    const openId = useOpenCase.getState().caseId;
    const touchesOpen = openId !== null && (all || changedIds.has(openId));
    all = false;
    changedIds.clear();
    if (useSession.getState().phase !== 'ready') return;
    const ignore = () => undefined; // the next change retries; a failed refresh keeps the old rows
    void refreshCounts().catch(ignore);
    void useInbox.getState().pager.refresh().then(syncSelection, ignore);
    void refreshSearch().catch(ignore);
    if (touchesOpen && openId !== null) void reloadCase(openId).catch(ignore);
    // the picker's and the board's figures follow every change, wherever the user is
    refreshWorkloadSoon();
    // a group changes only with its members' cases (see state/mass.ts)
    refreshMassSoon();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };

  const unsubscribers = [
    client.on('cases.changed', (event) => {
      // dropped at once, not at the flush: a detail asked for before the change must not be kept
      caseDetails.invalidate(event.all ? 'all' : event.caseIds);
      if (event.all) all = true;
      for (const id of event.caseIds) changedIds.add(id);
      schedule();
    }),
    client.on('sync.status', (status) => useSync.setState(status)),
    client.on('presence.changed', (event) => {
      viewersChanged(event.caseId, event.viewers);
      presenceChanged(event.caseId, event.viewers);
    }),
    client.on('mutation.applied', (event) => mutationApplied(event.mutationId, event.name, event.undoableUntil)),
    client.on('mutation.rejected', (event) => {
      mutationRejected(event.mutationId, event.code, event.message, event.params);
      caseDetails.invalidate(event.caseIds);
      for (const id of event.caseIds) changedIds.add(id);
      schedule();
    }),
    client.on('session.changed', (event) => {
      if (event.staff === null) {
        clearPresence();
        useSession.setState({ phase: 'login', staff: null, reference: null });
      }
      else void loadReference().catch(() => undefined);
    }),
    client.on('reference.changed', () => {
      // templates, staff or policies changed (here or by a supervisor elsewhere): pickers redraw
      if (useSession.getState().phase === 'ready') void loadReference().catch(() => undefined);
    }),
    client.on('case.assignedToMe', (event) => {
      showAssignedNotice(event);
    }),
  ];
  return () => {
    changedIds.clear();
    all = false;
    for (const off of unsubscribers) off();
  };
}
