// The supervisor board: which agents it lists (its own agency's desk staff), the one chosen,
// and the response-commitment rate. Their live figures (open, overdue, due today, reopened,
// online, on leave) are the workload store's (state/workload.ts), the same ones the assign
// picker and the leave-cover preview read.
import { create } from 'zustand';
import type { Staff } from '../../../shared/domain';
import { desk } from '../desk/client';
import { useSession } from './session';
import { loadWorkload, refreshWorkloadSoon } from './workload';
import { may } from '../../../shared/capabilities';

export type Commitment = { agentId: string; due: number; onTime: number };

type BoardState = {
  loading: boolean;
  agents: { agent: Staff }[];
  selectedIndex: number;
  /** per agent, over a sample of their latest answered cases; null until computed */
  commitment: Commitment[] | null;
  /** the server's rate over 90 days, or (offline) a sample from the cache */
  commitmentSource: 'server' | 'sample';
};

export const useBoard = create<BoardState>(() => ({
  loading: false,
  agents: [],
  selectedIndex: 0,
  commitment: null,
  commitmentSource: 'server',
}));

/** A supervisor of an agency, or an admin: the board is theirs. */
export function mayUseBoard(staff: Staff | null): boolean {
  return may(staff, 'screen.board');
}

const PAGE = 500;

export function boardAgents(self: Staff, staff: readonly Staff[]): Staff[] {
  const everyone = [self, ...staff.filter((s) => s.id !== self.id)];
  return everyone
    .filter((s) => s.active && (s.role === 'agent' || s.role === 'supervisor') && (self.agencyId === null || s.agencyId === self.agencyId))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export async function loadBoard(): Promise<void> {
  useBoard.setState({ loading: true });
  try {
    const reference = await desk()['reference.get']();
    useSession.setState({ reference });
    await loadWorkload();
    const agents = boardAgents(reference.self, reference.staff).map((agent) => ({ agent }));
    const selectedIndex = Math.min(useBoard.getState().selectedIndex, Math.max(0, agents.length - 1));
    useBoard.setState({ agents, selectedIndex });
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

/** Live changes: the figures come from the workload store, refreshed at most every 1.5 s. */
export function refreshBoardSoon(): void {
  refreshWorkloadSoon();
}

export function moveBoardSelection(delta: number): void {
  const { agents, selectedIndex } = useBoard.getState();
  if (agents.length === 0) return;
  useBoard.setState({ selectedIndex: Math.max(0, Math.min(agents.length - 1, selectedIndex + delta)) });
}
