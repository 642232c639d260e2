// The SLA and volume dashboard's figures, all the server's (`stats.commitment` split by kind
// and by agent, `stats.volume`), for the last N days up to now; the cases about to breach in
// the next N working hours (`stats.breachSoon`), the reopened and escalated queues
// (`stats.queues`) and the agency's year as the national report counts it (`stats.year`). The commitment rate is the
// one DESIGN.md defines: requests answered within target over requests due in the period.
import { create } from 'zustand';
import type { CaseKind } from '../../../shared/domain';
import type { CommitmentRow, VolumeRow } from '../../../shared/protocol';
import type { BreachHours, BreachSoonResult, QueuesResult, YearResult } from '../../../shared/dashboard';
import { desk } from '../desk/client';
import { BAHRAIN_CALENDAR, MINUTE_MS } from '../../../shared/working-time';

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
  breachHours: BreachHours;
  breach: BreachSoonResult | null;
  queues: QueuesResult | null;
  year: number;
  national: YearResult | null;
  /** the lists' and the year's own failure (the rest of the dashboard still shows) */
  listsError: unknown;
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
  breachHours: 8,
  breach: null,
  queues: null,
  year: new Date(Date.now() + BAHRAIN_CALENDAR.utcOffsetMinutes * MINUTE_MS).getUTCFullYear(),
  national: null,
  listsError: null,
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

/** The cases about to breach within `hours` working hours, the two queues and the year. */
export async function loadDashboardLists(hours: BreachHours = useDashboard.getState().breachHours, year: number = useDashboard.getState().year): Promise<void> {
  useDashboard.setState({ breachHours: hours, year, listsError: null });
  try {
    const api = desk();
    const [breach, queues, national] = await Promise.all([api['stats.breachSoon']({ hours }), api['stats.queues']({}), api['stats.year']({ year })]);
    const now = useDashboard.getState();
    if (now.breachHours !== hours || now.year !== year) return; // another choice was made meanwhile
    useDashboard.setState({ breach, queues, national });
  } catch (error) {
    useDashboard.setState({ listsError: error });
  }
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
