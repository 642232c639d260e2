// Named queries behind the dashboard's case lists and the agency's year (shared/dashboard.ts):
// open cases about to breach, the reopened and escalated queues, and the year's counts in the
// national report's shape. The same SQL on SQLite and PostgreSQL; the commitment part of the
// year is stats.ts's commitmentRates, so the dashboard has one definition of the rate.
import { sql } from 'kysely';
import type { CaseKind, CaseStatus, Priority } from '../../shared/domain';
import { CASE_KINDS, OPEN_STATUSES, SUGGESTION_OUTCOMES } from '../../shared/domain';
import type { BreachSoonRow, DashboardCase, YearRow } from '../../shared/dashboard';
import { ADOPTED_OUTCOMES, DASHBOARD_LIST_MAX, breachWithin, emptyYearRow } from '../../shared/dashboard';
import type { Db, Dialect } from './db';
import { commitmentRates } from './stats';

const LIST_COLUMNS = [
  'id',
  'ref',
  'agency_id',
  'kind',
  'subject',
  'status',
  'priority',
  'assignee_id',
  'reopen_count',
  'escalated',
  'first_response_due_at',
  'resolution_due_at',
  'first_responded_at',
] as const;

type ListRow = {
  id: string;
  ref: string;
  agency_id: string;
  kind: string;
  subject: string;
  status: string;
  priority: string;
  assignee_id: string | null;
  reopen_count: number;
  escalated: number;
  first_response_due_at: number;
  resolution_due_at: number;
  first_responded_at: number | null;
};

function toDashboardCase(r: ListRow): DashboardCase {
  return {
    caseId: r.id,
    ref: r.ref,
    agencyId: r.agency_id,
    kind: r.kind as CaseKind,
    subject: r.subject,
    status: r.status as CaseStatus,
    priority: r.priority as Priority,
    assigneeId: r.assignee_id,
    reopenCount: Number(r.reopen_count),
    escalated: Number(r.escalated) === 1,
    firstResponseDueAt: Number(r.first_response_due_at),
    resolutionDueAt: Number(r.resolution_due_at),
    firstRespondedAt: r.first_responded_at === null ? null : Number(r.first_responded_at),
  };
}

function openCases(db: Db, agencyIds: readonly string[]) {
  return db.selectFrom('cases').where('agency_id', 'in', [...agencyIds]).where('status', 'in', [...OPEN_STATUSES]);
}

/** Open cases with a deadline in [now, horizon): soonest first, at most DASHBOARD_LIST_MAX. */
export async function breachingSoon(db: Db, agencyIds: readonly string[], now: number, horizon: number): Promise<{ total: number; rows: BreachSoonRow[] }> {
  if (agencyIds.length === 0) return { total: 0, rows: [] };
  const rows = await openCases(db, agencyIds)
    .select([...LIST_COLUMNS])
    .where((eb) =>
      eb.or([
        eb.and([eb('first_responded_at', 'is', null), eb('first_response_due_at', '>=', now), eb('first_response_due_at', '<', horizon)]),
        eb.and([eb('resolution_due_at', '>=', now), eb('resolution_due_at', '<', horizon)]),
      ]),
    )
    .execute();
  const due: BreachSoonRow[] = [];
  for (const row of rows) {
    const c = toDashboardCase(row);
    const breach = breachWithin(c, now, horizon);
    if (breach !== null) due.push({ ...c, ...breach });
  }
  due.sort((a, b) => a.dueAt - b.dueAt || a.ref.localeCompare(b.ref));
  return { total: due.length, rows: due.slice(0, DASHBOARD_LIST_MAX) };
}

/** Open cases in a queue (reopened by the citizen, or escalated): most overdue first. */
export async function openQueue(db: Db, agencyIds: readonly string[], queue: 'reopened' | 'escalated'): Promise<{ total: number; rows: DashboardCase[] }> {
  if (agencyIds.length === 0) return { total: 0, rows: [] };
  const inQueue = () =>
    openCases(db, agencyIds)
      .$if(queue === 'reopened', (q) => q.where('status', '=', 'reopened'))
      .$if(queue === 'escalated', (q) => q.where('escalated', '=', 1));
  const [counted, rows] = await Promise.all([
    inQueue().select(sql<number>`COUNT(*)`.as('n')).executeTakeFirst(),
    inQueue().select([...LIST_COLUMNS]).orderBy('resolution_due_at').orderBy('ref').limit(DASHBOARD_LIST_MAX).execute(),
  ]);
  return { total: Number(counted?.n ?? 0), rows: rows.map(toDashboardCase) };
}

/** Each agency's year [from, to) as shared/dashboard.ts yearRowSchema defines it. */
export async function agencyYear(db: Db, dialect: Dialect, agencyIds: readonly string[], from: number, to: number, now: number): Promise<YearRow[]> {
  if (agencyIds.length === 0) return [];
  const filed = await db
    .selectFrom('cases')
    .select([
      'agency_id',
      'kind',
      sql<string>`COALESCE(outcome, 'none')`.as('outcome_key'),
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END)`.as('reopened'),
    ])
    .where('agency_id', 'in', [...agencyIds])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy([sql`agency_id`, sql`kind`, sql`COALESCE(outcome, 'none')`])
    .execute();
  const commitment = await commitmentRates(db, dialect, { agencyIds, from, to: Math.max(from + 1, Math.min(to, now)), byKind: false, byAssignee: false, period: 'all' });
  const rows = new Map(agencyIds.map((id) => [id, emptyYearRow(id)]));
  for (const r of filed) {
    const row = rows.get(r.agency_id);
    if (row === undefined || !(CASE_KINDS as readonly string[]).includes(r.kind)) continue;
    const n = Number(r.n);
    row.requests[r.kind as CaseKind] += n;
    row.total += n;
    row.reopened += Number(r.reopened);
    const outcome = r.outcome_key as keyof YearRow['suggestions'];
    if (r.kind === 'suggestion' && (outcome === 'none' || (SUGGESTION_OUTCOMES as readonly string[]).includes(outcome))) row.suggestions[outcome] += n;
  }
  for (const c of commitment) {
    const row = rows.get(c.agencyId);
    if (row === undefined) continue;
    row.due += c.due;
    row.answeredInTime += c.answeredInTime;
  }
  for (const row of rows.values()) row.adopted = ADOPTED_OUTCOMES.reduce((sum, o) => sum + row.suggestions[o], 0);
  return [...rows.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId));
}
