// Supervisor statistics, computed in SQL so a year of an agency's cases never crosses the
// wire: the response-commitment rate and the open workload per assignee. Period buckets are
// integer arithmetic on epoch ms (the same on both back ends) except calendar months, which
// need each dialect's date functions.
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { CaseKind } from '../../shared/domain';
import { OPEN_STATUSES } from '../../shared/domain';
import type { CommitmentRow, WorkloadRow } from '../../shared/protocol';
import { BAHRAIN_CALENDAR, DAY_MS, MINUTE_MS } from '../../shared/working-time';
import type { Db, Dialect } from './db';

export type CommitmentPeriod = 'day' | 'week' | 'month' | 'all';
export type CommitmentQuery = {
  agencyIds: readonly string[];
  from: number;
  to: number;
  byKind: boolean;
  byAssignee: boolean;
  period: CommitmentPeriod;
};

const OFFSET_MS = BAHRAIN_CALENDAR.utcOffsetMinutes * MINUTE_MS;
// 1970-01-01 was a Thursday: local day n is in the Sunday-started week floor((n + 4) / 7)
const THURSDAY_TO_SUNDAY = 4;

/** The start instant of the local period holding the first-response due time. */
function periodStart(dialect: Dialect, period: Exclude<CommitmentPeriod, 'all'>): RawBuilder<number> {
  const local = sql`(first_response_due_at + ${sql.lit(OFFSET_MS)})`;
  const day = sql.lit(DAY_MS);
  const offset = sql.lit(OFFSET_MS);
  switch (period) {
    case 'day':
      return sql<number>`((${local} / ${day}) * ${day} - ${offset})`;
    case 'week':
      return sql<number>`((((${local} / ${day}) + ${sql.lit(THURSDAY_TO_SUNDAY)}) / 7 * 7 - ${sql.lit(THURSDAY_TO_SUNDAY)}) * ${day} - ${offset})`;
    case 'month':
      return dialect === 'postgres'
        ? sql<number>`(CAST(EXTRACT(EPOCH FROM date_trunc('month', to_timestamp(${local} / 1000) AT TIME ZONE 'UTC')) AS BIGINT) * 1000 - ${offset})`
        : sql<number>`(CAST(strftime('%s', ${local} / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000 - ${offset})`;
  }
}

/**
 * Whom a case's outcome counts for, per assignee: whoever sent its first reply (in time or
 * late), or — never answered — whoever holds it now. A case reassigned after it was answered
 * stays with the one who answered it.
 */
const RESPONDER = sql<string | null>`COALESCE((SELECT m.author FROM messages m WHERE m.case_id = cases.id AND m.kind = 'reply' ORDER BY m.created_at, m.id LIMIT 1), cases.assignee_id)`;

export async function commitmentRates(db: Db, dialect: Dialect, query: CommitmentQuery): Promise<CommitmentRow[]> {
  if (query.agencyIds.length === 0 || query.to <= query.from) return [];
  const kind = query.byKind ? sql<string | null>`kind` : sql<string | null>`NULL`;
  const assignee = query.byAssignee ? sql<string | null>`responder` : sql<string | null>`NULL`;
  const start = query.period === 'all' ? sql<number | null>`NULL` : periodStart(dialect, query.period);
  const groups: RawBuilder<unknown>[] = [sql`agency_id`];
  if (query.byKind) groups.push(sql`kind`);
  if (query.byAssignee) groups.push(sql`responder`);
  if (query.period !== 'all') groups.push(start);

  // the cases due in the period, each with whom it counts for (looked up only when asked)
  const due = db
    .selectFrom('cases')
    .select([
      'agency_id',
      'kind',
      'first_response_due_at',
      'first_responded_at',
      (query.byAssignee ? RESPONDER : sql<string | null>`NULL`).as('responder'),
    ])
    .where('agency_id', 'in', [...query.agencyIds])
    .where('first_response_due_at', '>=', query.from)
    .where('first_response_due_at', '<', query.to)
    .as('due');

  const rows = await db
    .selectFrom(due)
    .select([
      'agency_id',
      kind.as('kind_key'),
      assignee.as('assignee_key'),
      start.as('period_start'),
      sql<number>`COUNT(*)`.as('due'),
      sql<number>`SUM(CASE WHEN first_responded_at IS NOT NULL AND first_responded_at <= first_response_due_at THEN 1 ELSE 0 END)`.as(
        'in_time',
      ),
    ])
    .groupBy(groups)
    .execute();

  return rows
    .map((r) => {
      const due = Number(r.due);
      const answeredInTime = Number(r.in_time);
      return {
        agencyId: r.agency_id,
        kind: (r.kind_key ?? null) as CaseKind | null,
        assigneeId: r.assignee_key ?? null,
        periodStart: r.period_start === null ? null : Number(r.period_start),
        due,
        answeredInTime,
        rate: answeredInTime / due,
      };
    })
    .sort(
      (a, b) =>
        a.agencyId.localeCompare(b.agencyId) ||
        (a.periodStart ?? 0) - (b.periodStart ?? 0) ||
        (a.kind ?? '').localeCompare(b.kind ?? '') ||
        (a.assigneeId ?? '').localeCompare(b.assigneeId ?? ''),
    );
}

/** Open cases per assignee (null: unassigned), with the overdue and due-today among them. */
export async function workload(db: Db, agencyIds: readonly string[], now: number): Promise<WorkloadRow[]> {
  if (agencyIds.length === 0) return [];
  const endOfDay = Math.floor((now + OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - OFFSET_MS;
  const rows = await db
    .selectFrom('cases')
    .select([
      'agency_id',
      'assignee_id',
      sql<number>`COUNT(*)`.as('open'),
      sql<number>`SUM(CASE WHEN resolution_due_at < ${now} THEN 1 ELSE 0 END)`.as('overdue'),
      sql<number>`SUM(CASE WHEN resolution_due_at >= ${now} AND resolution_due_at < ${endOfDay} THEN 1 ELSE 0 END)`.as('due_today'),
      sql<number>`SUM(CASE WHEN status = 'reopened' THEN 1 ELSE 0 END)`.as('reopened'),
    ])
    .where('agency_id', 'in', [...agencyIds])
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy(['agency_id', 'assignee_id'])
    .execute();
  return rows
    .map((r) => ({
      agencyId: r.agency_id,
      assigneeId: r.assignee_id,
      open: Number(r.open),
      overdue: Number(r.overdue),
      dueToday: Number(r.due_today),
      reopened: Number(r.reopened),
    }))
    .sort((a, b) => a.agencyId.localeCompare(b.agencyId) || (a.assigneeId ?? '').localeCompare(b.assigneeId ?? ''));
}

export type VolumeRow = { agencyId: string; day: number; kind: CaseKind; channel: string; count: number };

/** Requests filed per local (Bahrain) day, kind and channel, created in [from, to). */
export async function volumeByDay(db: Db, agencyIds: readonly string[], from: number, to: number): Promise<VolumeRow[]> {
  if (agencyIds.length === 0 || to <= from) return [];
  const day = sql<number>`(((created_at + ${sql.lit(OFFSET_MS)}) / ${sql.lit(DAY_MS)}) * ${sql.lit(DAY_MS)} - ${sql.lit(OFFSET_MS)})`;
  const rows = await db
    .selectFrom('cases')
    .select(['agency_id', 'kind', 'channel', day.as('day'), sql<number>`COUNT(*)`.as('n')])
    .where('agency_id', 'in', [...agencyIds])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy(['agency_id', 'kind', 'channel', day])
    .execute();
  return rows
    .map((r) => ({ agencyId: r.agency_id, day: Number(r.day), kind: r.kind as CaseKind, channel: r.channel, count: Number(r.n) }))
    .sort((a, b) => a.agencyId.localeCompare(b.agencyId) || a.day - b.day || a.kind.localeCompare(b.kind) || a.channel.localeCompare(b.channel));
}
