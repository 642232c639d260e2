// The WHERE clause of each view and filter. The cache only holds cases of agencies the user
// may see, so "visible" needs no clause of its own.
import type { CaseFilter, ViewId } from '../../../../shared/desk-api';
import { BAHRAIN_CALENDAR, DAY_MS, MINUTE_MS } from '../../../../shared/working-time';

export type Clause = { sql: string[]; params: unknown[] };

export type ViewContext = { selfId: string; now: number };

/** End of the local (Asia/Bahrain) day that contains `now`. */
export function endOfLocalDay(now: number): number {
  const offset = BAHRAIN_CALENDAR.utcOffsetMinutes * MINUTE_MS;
  return Math.floor((now + offset) / DAY_MS) * DAY_MS + DAY_MS - offset;
}

export function viewClause(view: ViewId, ctx: ViewContext): Clause {
  switch (view) {
    case 'inbox':
      return { sql: ['is_open = 1'], params: [] };
    case 'mine':
      return { sql: ['assignee_id = ?', 'is_open = 1'], params: [ctx.selfId] };
    case 'unassigned':
      return { sql: ['assignee_id IS NULL', 'is_open = 1'], params: [] };
    case 'team':
      return { sql: ['is_open = 1', 'assignee_id IS NOT NULL', 'assignee_id != ?'], params: [ctx.selfId] };
    case 'overdue':
      return { sql: ['is_open = 1', 'resolution_due_at < ?'], params: [ctx.now] };
    case 'due_today':
      return {
        sql: ['is_open = 1', 'resolution_due_at >= ?', 'resolution_due_at < ?'],
        params: [ctx.now, endOfLocalDay(ctx.now)],
      };
    case 'reopened':
      return { sql: ["status = 'reopened'"], params: [] };
    case 'escalated':
      return { sql: ['escalated = 1', 'is_open = 1'], params: [] };
    case 'awaiting_citizen':
      return { sql: ["status = 'awaiting_citizen'"], params: [] };
    case 'answered':
      return { sql: ["status = 'answered'"], params: [] };
    case 'closed':
      return { sql: ["status = 'closed'"], params: [] };
    case 'all':
      return { sql: [], params: [] };
  }
}

export function filterClause(filter: CaseFilter): Clause {
  const clause: Clause = { sql: [], params: [] };
  if (filter.kind !== undefined) {
    clause.sql.push('kind = ?');
    clause.params.push(filter.kind);
  }
  if (filter.status !== undefined) {
    clause.sql.push('status = ?');
    clause.params.push(filter.status);
  }
  if (filter.priority !== undefined) {
    clause.sql.push('priority = ?');
    clause.params.push(filter.priority);
  }
  if (filter.assigneeId !== undefined) {
    clause.sql.push('assignee_id = ?');
    clause.params.push(filter.assigneeId);
  }
  if (filter.agencyId !== undefined) {
    clause.sql.push('agency_id = ?');
    clause.params.push(filter.agencyId);
  }
  if (filter.massGroupId !== undefined) {
    clause.sql.push('mass_group_id = ?');
    clause.params.push(filter.massGroupId);
  }
  if (filter.tag !== undefined) {
    clause.sql.push('instr(tags_key, ?) > 0');
    clause.params.push(`|${filter.tag}|`);
  }
  return clause;
}

export function combine(...clauses: Clause[]): Clause {
  return { sql: clauses.flatMap((c) => c.sql), params: clauses.flatMap((c) => c.params) };
}

export function whereSql(clause: Clause, prefix = ''): string {
  if (clause.sql.length === 0) return '';
  return ' WHERE ' + clause.sql.map((s) => prefix + s).join(' AND ');
}
