// The case in the pane: which case the agent selected, the detail on screen (the previous
// case's, dimmed, until the selected one's arrives: the pane never empties between two j), and
// what it looked like when the agent opened it, so a reply written on an older version can be
// stopped (collision check).
import { create } from 'zustand';
import type { Viewer } from '../../../shared/desk-api';
import type { PresenceState } from '../../../shared/protocol';
import { PRESENCE_TTL_MS } from '../../../shared/protocol';
import { desk } from '../desk/client';
import { CaseDetailCache } from './case-details';
import type { CaseDetail } from './case-details';
import { loadComposer } from './composer';

export type { CaseDetail } from './case-details';

type OpenCaseState = {
  /** the selected case; null: none */
  caseId: string | null;
  /** what the pane shows: the selected case's detail, or the previous one's while it loads */
  detail: CaseDetail | null;
  loading: boolean;
  /** the version and thread the agent has seen of the shown case; moves on when they acknowledge a change */
  seenVersion: number | null;
  seenMessageIds: ReadonlySet<string>;
  viewers: Viewer[];
  /** what this desk tells colleagues it is doing on the selected case */
  presence: PresenceState | null;
};

export const useOpenCase = create<OpenCaseState>(() => ({
  caseId: null,
  detail: null,
  loading: false,
  seenVersion: null,
  seenMessageIds: new Set<string>(),
  viewers: [],
  presence: null,
}));

export const caseDetails = new CaseDetailCache((caseId) => desk()['cases.get']({ caseId }));

/**
 * Presence is only broadcast, never stored, and expires without a heartbeat: say it again
 * well within its lifetime, and answer a newcomer at once so they see us without waiting.
 */
const PRESENCE_HEARTBEAT_MS = PRESENCE_TTL_MS / 3;
/**
 * A case only counts as viewed once the selection rests on it: walking down a queue with j
 * tells colleagues nothing per case passed, and costs the keypress no socket traffic.
 */
export const PRESENCE_SETTLE_MS = 300;

/** What colleagues were last told: at most one case at a time. */
let announced: { caseId: string; state: PresenceState } | null = null;
let presenceTimer: ReturnType<typeof setTimeout> | null = null;

function sendPresence(caseId: string, state: PresenceState | null): void {
  void desk()['presence.set']({ caseId, state }).catch(() => undefined);
}

/** Tells colleagues what changed since they were last told. */
function settlePresence(): void {
  if (presenceTimer !== null) clearTimeout(presenceTimer);
  presenceTimer = null;
  const { caseId, presence } = useOpenCase.getState();
  const wanted = caseId !== null && presence !== null ? { caseId, state: presence } : null;
  if (announced !== null && announced.caseId !== wanted?.caseId) sendPresence(announced.caseId, null);
  if (wanted !== null && (announced?.caseId !== wanted.caseId || announced.state !== wanted.state)) sendPresence(wanted.caseId, wanted.state);
  announced = wanted;
}

function presenceLater(): void {
  if (presenceTimer !== null) clearTimeout(presenceTimer);
  presenceTimer = setTimeout(settlePresence, PRESENCE_SETTLE_MS);
}

export function announcePresence(state: PresenceState): void {
  const { caseId, presence } = useOpenCase.getState();
  if (caseId === null || presence === state) return;
  useOpenCase.setState({ presence: state });
  // while the selection is still moving the pending settle says it; otherwise say it now
  if (presenceTimer === null) settlePresence();
}

/** Colleagues on a case changed: keep the cached detail true; if someone new arrived on the selected case, tell them we are here too. */
export function viewersChanged(caseId: string, viewers: Viewer[]): void {
  caseDetails.updateViewers(caseId, viewers);
  const state = useOpenCase.getState();
  if (state.detail?.case.id !== caseId) return;
  const known = new Set(state.viewers.map((v) => v.staffId));
  useOpenCase.setState({ viewers });
  if (announced?.caseId === caseId && viewers.some((v) => !known.has(v.staffId))) sendPresence(caseId, announced.state);
}

setInterval(() => {
  if (announced !== null) sendPresence(announced.caseId, announced.state);
}, PRESENCE_HEARTBEAT_MS);

/** Puts a detail of the selected case on screen; `fresh` marks what it shows as seen (a newly opened case). */
function present(detail: CaseDetail, fresh: boolean): void {
  const state = useOpenCase.getState();
  const switched = state.detail?.case.id !== detail.case.id;
  useOpenCase.setState({
    detail,
    loading: false,
    viewers: detail.viewers,
    ...(fresh || switched || state.seenVersion === null
      ? { seenVersion: detail.case.version, seenMessageIds: new Set(detail.messages.map((m) => m.id)) }
      : {}),
  });
  // the composer follows the case on screen, in the same render: no second pass per keypress
  if (switched) loadComposer(detail.case.id);
}

function arrived(caseId: string, detail: CaseDetail | null, fresh: boolean): void {
  if (useOpenCase.getState().caseId !== caseId) return;
  if (detail === null) {
    useOpenCase.setState({ detail: null, loading: false, viewers: [] });
    loadComposer(null);
    return;
  }
  present(detail, fresh);
}

/**
 * Follows the selection. A cached detail is shown in the same render as the selection; else
 * the previous case stays on screen (dimmed) until the core answers. Presence waits for the
 * selection to rest.
 */
export function showCase(caseId: string | null): void {
  if (useOpenCase.getState().caseId === caseId) return;
  if (caseId === null) {
    useOpenCase.setState({ caseId: null, detail: null, loading: false, seenVersion: null, seenMessageIds: new Set(), viewers: [], presence: null });
    loadComposer(null);
    presenceLater();
    return;
  }
  const cached = caseDetails.peek(caseId);
  useOpenCase.setState({ caseId, presence: 'viewing', loading: cached === undefined });
  if (cached !== undefined) present(cached, true);
  else caseDetails.get(caseId).then((detail) => arrived(caseId, detail, true), () => arrived(caseId, null, true));
  presenceLater();
}

/** Fetches the selected case again (it changed, or a reply was just sent). */
export async function reloadCase(caseId: string): Promise<void> {
  const detail = await caseDetails.fetchFresh(caseId);
  arrived(caseId, detail, false);
}

/** Messages that arrived since the agent last looked, written by someone else. */
export function unseenChanges(selfId: string): CaseDetail['messages'] {
  const { detail, seenMessageIds } = useOpenCase.getState();
  if (detail === null) return [];
  return detail.messages.filter((m) => !seenMessageIds.has(m.id) && m.author !== selfId);
}

/** The agent has looked at the latest version (they cancelled a colliding send to read it). */
export function markSeen(): void {
  const { detail } = useOpenCase.getState();
  if (detail === null) return;
  useOpenCase.setState({ seenVersion: detail.case.version, seenMessageIds: new Set(detail.messages.map((m) => m.id)) });
}
