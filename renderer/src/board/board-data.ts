// The supervisor board's figures. Online they are the server's (`stats.workload`,
// `stats.commitment`); offline the desk computes them from its cache: open cases per agent
// from `reference.get`'s workload (one GROUP BY in the core), overdue and due-today from those
// two views read once and grouped by assignee, so the cost follows the backlog, not the staff.
import { create } from 'zustand';
import type { CaseRow, ViewId } from '../../../shared/desk-api';
import type { Staff } from '../../../shared/domain';
import { desk } from '../desk/client';
import { useSession } from '../state/session';
import { may } from '../../../shared/capabilities';

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
  /** the server's rate over 90 days, or (offline) a sample from the cache */
  commitmentSource: 'server' | 'sample';
};

export const useBoard = create<BoardState>(() => ({
  loading: false,
  agents: [],
  unassigned: { open: 0, overdue: 0, dueToday: 0 },
  selectedIndex: 0,
  commitment: null,
  commitmentSource: 'server',
}));

/** A supervisor of an agency, or an admin: the board is theirs. */
export function mayUseBoard(staff: Staff | null): boolean {
  return may(staff, 'screen.board');
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

type Figures = { open: number; overdue: number; dueToday: number };

/** Online: the server's own per-assignee counts (one SQL query over the agency). */
async function serverWorkload(): Promise<Map<string | null, Figures>> {
  const { rows } = await desk()['stats.workload']({});
  return new Map(rows.map((r) => [r.assigneeId, { open: r.open, overdue: r.overdue, dueToday: r.dueToday }]));
}

/** Offline: the same figures from the desk's cache, through the views it already has. */
async function cachedWorkload(workload: Record<string, number>): Promise<Map<string | null, Figures>> {
  const [overdueRows, dueTodayRows, counts] = await Promise.all([rowsOf('overdue'), rowsOf('due_today'), desk()['views.counts']()]);
  const overdue = countByAssignee(overdueRows);
  const dueToday = countByAssignee(dueTodayRows);
  const ids = new Set<string | null>([null, ...Object.keys(workload), ...overdue.keys(), ...dueToday.keys()]);
  return new Map(
    [...ids].map((id) => [id, { open: id === null ? counts.unassigned : (workload[id] ?? 0), overdue: overdue.get(id) ?? 0, dueToday: dueToday.get(id) ?? 0 }]),
  );
}

export async function loadBoard(): Promise<void> {
  useBoard.setState({ loading: true });
  try {
    const reference = await desk()['reference.get']();
    useSession.setState({ reference });
    const figures = await serverWorkload().catch(() => cachedWorkload(reference.workload));
    const none: Figures = { open: 0, overdue: 0, dueToday: 0 };
    const agents = boardAgents(reference.self, reference.staff).map((agent) => ({
      agent,
      ...(figures.get(agent.id) ?? none),
      capacity: agent.capacity,
    }));
    const selectedIndex = Math.min(useBoard.getState().selectedIndex, Math.max(0, agents.length - 1));
    useBoard.setState({ agents, selectedIndex, unassigned: figures.get(null) ?? none });
  } finally {
    useBoard.setState({ loading: false });
  }
}

const COMMITMENT_WINDOW_MS = 90 * 86_400_000;

/** Online: the server's rate per assignee over the last 90 days. */
async function serverCommitment(agents: readonly string[]): Promise<Commitment[]> {
  const to = Date.now();
  const { rows } = await desk()['stats.commitment']({ from: to - COMMITMENT_WINDOW_MS, to, by: ['assignee'], period: 'all' });
  return agents.map((agentId) => {
    const mine = rows.filter((r) => r.assigneeId === agentId);
    return { agentId, due: mine.reduce((n, r) => n + r.due, 0), onTime: mine.reduce((n, r) => n + r.answeredInTime, 0) };
  });
}

export async function loadCommitment(): Promise<void> {
  const agents = useBoard.getState().agents.map((a) => a.agent.id);
  try {
    useBoard.setState({ commitment: await serverCommitment(agents), commitmentSource: 'server' });
  } catch {
    useBoard.setState({ commitment: await sampledCommitment(agents), commitmentSource: 'sample' });
  }
}

/** How many of an agent's latest answered cases the commitment bar looks at. */
export const COMMITMENT_SAMPLE = 20;
const PARALLEL_READS = 6;

/**
 * Offline: of each agent's latest answered or closed cases in the cache, how many got the
 * first response by its due time. A list row does not carry `firstRespondedAt`, so each
 * sampled case is read once; the sample keeps that bounded whatever the history holds.
 */
async function sampledCommitment(agents: readonly string[]): Promise<Commitment[]> {
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
  return agents.map((id) => tally.get(id) ?? { agentId: id, due: 0, onTime: 0 });
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
