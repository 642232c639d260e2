// The supervisor board's figures, computed from what the DeskApi already offers (the core is
// not ours to extend): open cases per agent come from `reference.get`'s workload (one GROUP BY
// in the core); overdue and due-today from those two views, read once and grouped by assignee,
// so the cost follows the size of the backlog, not the number of agents.
import { create } from 'zustand';
import type { CaseRow, ViewId } from '../../../shared/desk-api';
import type { Staff } from '../../../shared/domain';
import { desk } from '../desk/client';
import { useSession } from '../state/session';

export type AgentLoad = {
  agent: Staff;
  open: number;
  overdue: number;
  dueToday: number;
  capacity: number;
};

export type Commitment = { agentId: string; due: number; onTime: number };

type BoardState = {
  loading: boolean;
  agents: AgentLoad[];
  unassigned: { open: number; overdue: number; dueToday: number };
  selectedIndex: number;
  /** per agent, over a sample of their latest answered cases; null until computed */
  commitment: Commitment[] | null;
};

export const useBoard = create<BoardState>(() => ({
  loading: false,
  agents: [],
  unassigned: { open: 0, overdue: 0, dueToday: 0 },
  selectedIndex: 0,
  commitment: null,
}));

/** A supervisor of an agency, or an admin: the board is theirs. */
export function mayUseBoard(staff: Staff | null): boolean {
  return staff !== null && (staff.role === 'supervisor' || staff.role === 'admin');
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

function countByAssignee(rows: readonly CaseRow[]): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const row of rows) counts.set(row.assigneeId, (counts.get(row.assigneeId) ?? 0) + 1);
  return counts;
}

export function boardAgents(self: Staff, staff: readonly Staff[]): Staff[] {
  const everyone = [self, ...staff.filter((s) => s.id !== self.id)];
  return everyone
    .filter((s) => s.active && (s.role === 'agent' || s.role === 'supervisor') && (self.agencyId === null || s.agencyId === self.agencyId))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export async function loadBoard(): Promise<void> {
  useBoard.setState({ loading: true });
  try {
    const [reference, overdueRows, dueTodayRows, counts] = await Promise.all([
      desk()['reference.get'](),
      rowsOf('overdue'),
      rowsOf('due_today'),
      desk()['views.counts'](),
    ]);
    useSession.setState({ reference });
    const overdue = countByAssignee(overdueRows);
    const dueToday = countByAssignee(dueTodayRows);
    const agents = boardAgents(reference.self, reference.staff).map((agent) => ({
      agent,
      open: reference.workload[agent.id] ?? 0,
      overdue: overdue.get(agent.id) ?? 0,
      dueToday: dueToday.get(agent.id) ?? 0,
      capacity: agent.capacity,
    }));
    const selectedIndex = Math.min(useBoard.getState().selectedIndex, Math.max(0, agents.length - 1));
    useBoard.setState({
      agents,
      selectedIndex,
      unassigned: { open: counts.unassigned, overdue: overdue.get(null) ?? 0, dueToday: dueToday.get(null) ?? 0 },
    });
  } finally {
    useBoard.setState({ loading: false });
  }
}

/** How many of an agent's latest answered cases the commitment bar looks at. */
export const COMMITMENT_SAMPLE = 20;
const PARALLEL_READS = 6;

/**
 * Response commitment per agent: of their latest answered or closed cases, how many got the
 * first response by its due time. A list row does not carry `firstRespondedAt`, so each
 * sampled case is read once; the sample keeps that bounded whatever the history holds.
 */
export async function loadCommitment(): Promise<void> {
  const agents = useBoard.getState().agents.map((a) => a.agent.id);
  const sample = new Map<string, string[]>(agents.map((id) => [id, []]));
  for (const view of ['answered', 'closed'] as const) {
    const { rows } = await desk()['cases.page']({ view, filter: {}, after: null, limit: PAGE });
    for (const row of rows) {
      const ids = row.assigneeId === null ? undefined : sample.get(row.assigneeId);
      if (ids !== undefined && ids.length < COMMITMENT_SAMPLE) ids.push(row.id);
    }
  }
  const queue = [...sample.entries()].flatMap(([agentId, ids]) => ids.map((caseId) => ({ agentId, caseId })));
  const tally = new Map<string, Commitment>(agents.map((id) => [id, { agentId: id, due: 0, onTime: 0 }]));
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const detail = await desk()['cases.get']({ caseId: next.caseId });
      const entry = tally.get(next.agentId);
      if (detail === null || entry === undefined) continue;
      entry.due++;
      const responded = detail.case.firstRespondedAt;
      if (responded !== null && responded <= detail.case.firstResponseDueAt) entry.onTime++;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
  useBoard.setState({ commitment: agents.map((id) => tally.get(id) ?? { agentId: id, due: 0, onTime: 0 }) });
}

const REFRESH_GAP_MS = 2_000;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Live changes refresh the figures at most every two seconds: a burst costs one reload. */
export function refreshBoardSoon(): void {
  refreshTimer ??= setTimeout(() => {
    refreshTimer = null;
    void loadBoard().catch(() => undefined);
  }, REFRESH_GAP_MS);
}

export function moveBoardSelection(delta: number): void {
  const { agents, selectedIndex } = useBoard.getState();
  if (agents.length === 0) return;
  useBoard.setState({ selectedIndex: Math.max(0, Math.min(agents.length - 1, selectedIndex + delta)) });
}
