// The case in the pane: its detail from the core, and what it looked like when the agent
// opened it, so a reply written on an older version can be stopped (collision check).
import { create } from 'zustand';
import type { DeskResult, Viewer } from '../../../shared/desk-api';
import type { PresenceState } from '../../../shared/protocol';
import { PRESENCE_TTL_MS } from '../../../shared/protocol';
import { desk } from '../desk/client';

export type CaseDetail = NonNullable<DeskResult<'cases.get'>>;

type OpenCaseState = {
  caseId: string | null;
  detail: CaseDetail | null;
  loading: boolean;
  /** the version and thread the agent has seen; moves on when they acknowledge a change */
  seenVersion: number | null;
  seenMessageIds: ReadonlySet<string>;
  viewers: Viewer[];
  /** what this desk last told colleagues it is doing on the open case */
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

/**
 * Presence is only broadcast, never stored, and expires without a heartbeat: say it again
 * well within its lifetime, and answer a newcomer at once so they see us without waiting.
 */
const PRESENCE_HEARTBEAT_MS = PRESENCE_TTL_MS / 3;

function sendPresence(caseId: string, state: PresenceState | null): void {
  void desk()['presence.set']({ caseId, state }).catch(() => undefined);
}

export function announcePresence(state: PresenceState): void {
  const { caseId, presence } = useOpenCase.getState();
  if (caseId === null || presence === state) return;
  useOpenCase.setState({ presence: state });
  sendPresence(caseId, state);
}

/** Colleagues on the open case changed: if someone new arrived, tell them we are here too. */
export function viewersChanged(caseId: string, viewers: Viewer[]): void {
  const state = useOpenCase.getState();
  if (state.caseId !== caseId) return;
  const known = new Set(state.viewers.map((v) => v.staffId));
  useOpenCase.setState({ viewers });
  if (state.presence !== null && viewers.some((v) => !known.has(v.staffId))) sendPresence(caseId, state.presence);
}

setInterval(() => {
  const { caseId, presence } = useOpenCase.getState();
  if (caseId !== null && presence !== null) sendPresence(caseId, presence);
}, PRESENCE_HEARTBEAT_MS);

// Recently shown cases, so j/k back and forth paints at once while the fresh copy loads.
const recent = new Map<string, CaseDetail>();
const RECENT_LIMIT = 30;

function remember(detail: CaseDetail): void {
  recent.delete(detail.case.id);
  recent.set(detail.case.id, detail);
  if (recent.size > RECENT_LIMIT) {
    const oldest = recent.keys().next().value;
    if (oldest !== undefined) recent.delete(oldest);
  }
}

export async function showCase(caseId: string | null): Promise<void> {
  const previous = useOpenCase.getState().caseId;
  if (previous === caseId) return;
  if (previous !== null) sendPresence(previous, null);
  if (caseId === null) {
    useOpenCase.setState({ caseId: null, detail: null, loading: false, seenVersion: null, seenMessageIds: new Set(), viewers: [], presence: null });
    return;
  }
  const cached = recent.get(caseId) ?? null;
  useOpenCase.setState({
    caseId,
    detail: cached,
    loading: cached === null,
    seenVersion: cached?.case.version ?? null,
    seenMessageIds: new Set(cached?.messages.map((m) => m.id) ?? []),
    viewers: cached?.viewers ?? [],
    presence: 'viewing',
  });
  sendPresence(caseId, 'viewing');
  await reloadCase(caseId, true);
}

/** Fetches the open case again; `fresh` marks what it shows as seen (a newly opened case). */
export async function reloadCase(caseId: string, fresh = false): Promise<void> {
  const detail = await desk()['cases.get']({ caseId });
  const state = useOpenCase.getState();
  if (state.caseId !== caseId) return;
  if (detail === null) {
    useOpenCase.setState({ detail: null, loading: false });
    return;
  }
  remember(detail);
  useOpenCase.setState({
    detail,
    loading: false,
    viewers: detail.viewers,
    ...(fresh || state.seenVersion === null
      ? { seenVersion: detail.case.version, seenMessageIds: new Set(detail.messages.map((m) => m.id)) }
      : {}),
  });
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

export function forgetCase(caseId: string): void {
  recent.delete(caseId);
}
