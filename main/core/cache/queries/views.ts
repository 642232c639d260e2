// View pages (keyset, never OFFSET) and per-view counts.
import type { CaseFilter, CaseRow, ViewId } from '../../../../shared/desk-api';
import { VIEW_IDS } from '../../../../shared/desk-api';
import type { StatementCache } from '../statement-cache';
import { CASE_ROW_COLUMNS, listRowToCaseRow } from '../case-columns';
import type { ListTableRow } from '../case-columns';
import { decodeCursor, encodeCursor } from '../cursor';
import { combine, filterClause, viewClause, whereSql } from './view-clauses';
import type { ViewContext } from './view-clauses';

export type PageRequest = { view: ViewId; filter: CaseFilter; after: string | null; limit: number };
export type Page = { rows: CaseRow[]; nextCursor: string | null };

/**
 * Overdue and due-today select on a due date but list by recency. When few cases match, read
 * them by due date and sort them; when many do (a backlog), walk the recency index and skip
 * the rest. Counting up to this bound (covering index) decides, in well under a millisecond.
 */
const FEW_DUE = 2_000;

export function createViewQueries(statement: StatementCache, isPending: (caseId: string) => boolean) {
  function dueIndex(view: ViewId, ctx: ViewContext): string {
    if (view !== 'overdue' && view !== 'due_today') return '';
    const clause = viewClause(view, ctx);
    const row = statement(
      `SELECT count(*) AS n FROM (SELECT 1 FROM cases INDEXED BY cases_due${whereSql(clause)} LIMIT ${FEW_DUE})`,
    ).get(...clause.params) as { n: number };
    return row.n < FEW_DUE ? ' INDEXED BY cases_due' : ' INDEXED BY cases_open';
  }

  return {
    page(request: PageRequest, ctx: ViewContext): Page {
      const index = dueIndex(request.view, ctx);
      const clause = combine(viewClause(request.view, ctx), filterClause(request.filter));
      if (request.after !== null) {
        const after = decodeCursor(request.after);
        clause.sql.push('(updated_at, id) < (?, ?)');
        clause.params.push(after.updatedAt, after.id);
      }
      const sql = `SELECT ${CASE_ROW_COLUMNS} FROM cases${index}${whereSql(clause)} ORDER BY updated_at DESC, id DESC LIMIT ?`;
      const rows = statement(sql).all(...clause.params, request.limit) as ListTableRow[];
      const last = rows.at(-1);
      return {
        rows: rows.map((r) => listRowToCaseRow(r, isPending(r.id))),
        nextCursor:
          rows.length < request.limit || last === undefined
            ? null
            : encodeCursor({ updatedAt: last.updated_at, id: last.id }),
      };
    },

    counts(ctx: ViewContext): Record<ViewId, number> {
      const counts = {} as Record<ViewId, number>;
      for (const view of VIEW_IDS) {
        if (view === 'team') continue;
        const clause = viewClause(view, ctx);
        const row = statement(`SELECT count(*) AS n FROM cases${whereSql(clause)}`).get(...clause.params) as { n: number };
        counts[view] = row.n;
      }
      // team = open − mine − unassigned: each of those is a covering-index count, while
      // counting "assigned to anyone but me" directly reads every open row (70 ms at 100k)
      counts.team = counts.inbox - counts.mine - counts.unassigned;
      return counts;
    },

    /** Open cases per assignee, for the assign picker's workload figures. */
    workload(): Record<string, number> {
      const rows = statement(
        'SELECT assignee_id, count(*) AS n FROM cases WHERE assignee_id IS NOT NULL AND is_open = 1 GROUP BY assignee_id',
      ).all() as { assignee_id: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.assignee_id, r.n]));
    },
  };
}

export type ViewQueries = ReturnType<typeof createViewQueries>;
