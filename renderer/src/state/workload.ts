// The live per-agent figures the assign picker, the supervisor board and the leave-cover
// preview all read: open, overdue, due today and reopened cases per assignee, with who is
// online or on leave. Supervisors get the server's (`stats.workload`, `supervision.state`);
// agents, and anyone offline, the desk cache's (one GROUP BY in the core, and the overdue,
// due-today and reopened views grouped by assignee). Refreshed on every burst of changes, so
// no figure is the one computed at login.
import { create } from 'zustand';
import type { CaseRow, ViewId } from '../../../shared/desk-api';
import type { Leave } from '../../../shared/supervision';
import { onLeaveAt } from '../../../shared/supervision';
import type { AutoAssignMode } from '../../../shared/supervision';
import { desk } from '../desk/client';
import { useSession } from './session';

export type AgentFigures = { open: number; overdue: number; dueToday: number; reopened: number };
export type AgentPresence = { online: boolean; away: boolean; leave: Leave | null };
/** what the board, the assign picker and the cover preview say of a person */
export type AgentStatus = 'online' | 'away' | 'offline' | 'leave' | 'unknown';

/** On leave comes first (a person on leave with a desk open is still on leave), then online, away, offline. */
export function agentStatus(presence: AgentPresence | undefined, now: number): AgentStatus {
  if (presence === undefined) return 'unknown';
  if (onLeaveAt(presence.leave, now)) return 'leave';
  return presence.online ? 'online' : presence.away ? 'away' : 'offline';
}

type WorkloadState = {
  /** by staff id; the agency's unassigned cases under `null`'s key */
  figures: Record<string, AgentFigures>;
  unassigned: AgentFigures;
  /** known online only (supervisors and admins): who has a desk connected, who is on leave */
  presence: Record<string, AgentPresence>;
  /** the own agency's auto-assignment; null when not known (offline, or not a supervisor) */
  autoAssign: AutoAssignMode | null;
  source: 'server' | 'cache' | null;
  asOf: number | null;
};

export const NO_FIGURES: AgentFigures = { open: 0, overdue: 0, dueToday: 0, reopened: 0 };

export const useWorkload = create<WorkloadState>(() => ({
  figures: {},
  unassigned: NO_FIGURES,
  presence: {},
  autoAssign: null,
  source: null,
  asOf: null,
}));

export function figuresOf(state: WorkloadState, staffId: string): AgentFigures {
  return state.figures[staffId] ?? NO_FIGURES;
}

function supervising(): boolean {
  const role = useSession.getState().staff?.role;
  return role === 'supervisor' || role === 'admin';
}

/** Beyond this many rows a view is counted no further (a backlog that large needs no digit). */
const MAX_ROWS_COUNTED = 20_000;
const PAGE = 500;

async function rowsOf(view: ViewId): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  let after: string | null = null;
  do {
    const page: { rows: CaseRow[]; nextCursor: string | null } = await desk()['cases.page']({ view, filter: {}, after, limit: PAGE });
    rows.push(...page.rows);
    after = page.nextCursor;
  } while (after !== null && rows.length < MAX_ROWS_COUNTED);
  return rows;
}

function countByAssignee(rows: readonly CaseRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.assigneeId ?? '', (counts.get(row.assigneeId ?? '') ?? 0) + 1);
  return counts;
}

async function fromServer(): Promise<Pick<WorkloadState, 'figures' | 'unassigned' | 'presence' | 'autoAssign'>> {
  const [{ rows }, state] = await Promise.all([desk()['stats.workload']({}), desk()['supervision.state']({})]);
  const figures: Record<string, AgentFigures> = {};
  let unassigned = NO_FIGURES;
  for (const r of rows) {
    const f = { open: r.open, overdue: r.overdue, dueToday: r.dueToday, reopened: r.reopened };
    if (r.assigneeId === null) unassigned = f;
    else figures[r.assigneeId] = f;
  }
  const presence = Object.fromEntries(state.agents.map((a) => [a.staffId, { online: a.online, away: a.away, leave: a.leave }]));
  const own = useSession.getState().staff?.agencyId;
  const autoAssign = state.autoAssign.find((a) => a.agencyId === own)?.mode ?? null;
  return { figures, unassigned, presence, autoAssign };
}

async function fromCache(): Promise<Pick<WorkloadState, 'figures' | 'unassigned'>> {
  const reference = await desk()['reference.get']();
  useSession.setState({ reference });
  const wide = supervising();
  // agents need only the open counts (the picker); the board's extra columns cost three view reads
  const [overdue, dueToday, reopened, counts] = wide
    ? await Promise.all([rowsOf('overdue'), rowsOf('due_today'), rowsOf('reopened'), desk()['views.counts']()])
    : [[], [], [], null];
  const by = [countByAssignee(overdue), countByAssignee(dueToday), countByAssignee(reopened)] as const;
  const figure = (id: string, open: number): AgentFigures => ({ open, overdue: by[0].get(id) ?? 0, dueToday: by[1].get(id) ?? 0, reopened: by[2].get(id) ?? 0 });
  const figures: Record<string, AgentFigures> = {};
  for (const [id, open] of Object.entries(reference.workload)) figures[id] = figure(id, open);
  return { figures, unassigned: figure('', counts?.unassigned ?? 0) };
}

export async function loadWorkload(): Promise<void> {
  if (useSession.getState().phase !== 'ready') return;
  if (supervising()) {
    try {
      useWorkload.setState({ ...(await fromServer()), source: 'server', asOf: Date.now() });
      return;
    } catch {
      // offline (or the server refused): the cache's figures, without presence
    }
  }
  useWorkload.setState({ ...(await fromCache()), presence: {}, autoAssign: null, source: 'cache', asOf: Date.now() });
}

const REFRESH_GAP_MS = 1_500;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Live changes refresh the figures at most every 1.5 s: a burst costs one reload. */
export function refreshWorkloadSoon(): void {
  refreshTimer ??= setTimeout(() => {
    refreshTimer = null;
    void loadWorkload().catch(() => undefined);
  }, REFRESH_GAP_MS);
}
