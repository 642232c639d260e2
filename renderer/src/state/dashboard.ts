// The SLA and volume dashboard's figures, all the server's (`stats.commitment` split by kind
// and by agent, `stats.volume`), for the last N days up to now. The commitment rate is the
// one DESIGN.md defines: requests answered within target over requests due in the period.
import { create } from 'zustand';
import type { CaseKind } from '../../../shared/domain';
import type { CommitmentRow, VolumeRow } from '../../../shared/protocol';
import { desk } from '../desk/client';

export const PERIOD_DAYS = [7, 30, 90, 365] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
/** the national commitment: 99% of requests answered within target */
export const COMMITMENT_TARGET = 0.99;

export type Tally = { due: number; onTime: number };

type DashboardState = {
  days: PeriodDays;
  from: number;
  to: number;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: unknown;
  total: Tally;
  byKind: (Tally & { kind: CaseKind })[];
  byAgent: (Tally & { assigneeId: string | null })[];
  volume: VolumeRow[];
};

export const useDashboard = create<DashboardState>(() => ({
  days: 30,
  from: 0,
  to: 0,
  status: 'idle',
  error: null,
  total: { due: 0, onTime: 0 },
  byKind: [],
  byAgent: [],
  volume: [],
}));

const DAY_MS = 86_400_000;

/** Sums rows (one per agency) that share a key. */
function tallyBy<K>(rows: readonly CommitmentRow[], key: (row: CommitmentRow) => K): Map<K, Tally> {
  const tallies = new Map<K, Tally>();
  for (const row of rows) {
    const k = key(row);
    const tally = tallies.get(k) ?? { due: 0, onTime: 0 };
    tally.due += row.due;
    tally.onTime += row.answeredInTime;
    tallies.set(k, tally);
  }
  return tallies;
}

export function rateOf(tally: Tally): number | null {
  return tally.due === 0 ? null : tally.onTime / tally.due;
}

export async function loadDashboard(days: PeriodDays = useDashboard.getState().days): Promise<void> {
  const to = Date.now();
  const from = to - days * DAY_MS;
  useDashboard.setState({ days, from, to, status: 'loading', error: null });
  try {
    const api = desk();
    const [total, byKind, byAgent, volume] = await Promise.all([
      api['stats.commitment']({ from, to }),
      api['stats.commitment']({ from, to, by: ['kind'] }),
      api['stats.commitment']({ from, to, by: ['assignee'] }),
      api['stats.volume']({ from, to }),
    ]);
    if (useDashboard.getState().days !== days) return; // another period was chosen meanwhile
    useDashboard.setState({
      status: 'ready',
      total: tallyBy(total.rows, () => 'all').get('all') ?? { due: 0, onTime: 0 },
      byKind: [...tallyBy(byKind.rows, (r) => r.kind ?? 'complaint')].map(([kind, tally]) => ({ kind, ...tally })),
      byAgent: [...tallyBy(byAgent.rows, (r) => r.assigneeId)].map(([assigneeId, tally]) => ({ assigneeId, ...tally })),
      volume: volume.rows,
    });
  } catch (error) {
    useDashboard.setState({ status: 'failed', error });
  }
}
