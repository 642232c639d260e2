// Writes many edited cases with one UPDATE per few hundred rows instead of one per case: a
// bulk mutation over 10,000 cases is otherwise 10,000 round trips on PostgreSQL and 10,000
// statement preparations on SQLite (measured: most of a bulk assign's time). The rows travel
// as a VALUES list joined on id; both dialects name its columns column1, column2…, and every
// value is CAST so PostgreSQL knows its type. Column names are this file's constants, never input.
import { CompiledQuery } from 'kysely';
import type { Case } from '../../shared/domain';
import type { Dialect, Tx } from './db';
import { caseToRow } from './rows';
import type { CaseTable } from './schema';

type Column = Exclude<keyof CaseTable, 'id'>;

const COLUMN_TYPES: Record<Column, 'text' | 'bigint' | 'integer'> = {
  ref: 'text',
  kind: 'text',
  agency_id: 'text',
  category: 'text',
  channel: 'text',
  citizen_name: 'text',
  citizen_cpr: 'text',
  citizen_phone: 'text',
  citizen_email: 'text',
  citizen_language: 'text',
  subject: 'text',
  body: 'text',
  language: 'text',
  status: 'text',
  priority: 'text',
  assignee_id: 'text',
  created_at: 'bigint',
  updated_at: 'bigint',
  acknowledged_at: 'bigint',
  first_response_due_at: 'bigint',
  resolution_due_at: 'bigint',
  first_responded_at: 'bigint',
  answered_at: 'bigint',
  closed_at: 'bigint',
  reopen_count: 'integer',
  rating: 'integer',
  outcome: 'text',
  tags: 'text',
  escalated: 'integer',
  transferred_from: 'text',
  mass_group_id: 'text',
  version: 'integer',
};
const COLUMNS = Object.keys(COLUMN_TYPES) as Column[];
// 33 values a row: 500 rows stay under SQLite's 32,766 bound variables
const ROWS_PER_STATEMENT = 500;

/** Writes each edit's `after`; only the columns some edit of a statement changes are set. */
export async function updateCases(tx: Tx, dialect: Dialect, edits: readonly { before: Case; after: Case }[]): Promise<void> {
  // the statement's text is built by hand: composing it from Kysely's sql fragments costs
  // ~16,000 nodes per statement, which was most of the time of a bulk write
  const placeholder = dialect === 'postgres' ? (n: number) => `$${n}` : () => '?';
  for (let i = 0; i < edits.length; i += ROWS_PER_STATEMENT) {
    const part = edits.slice(i, i + ROWS_PER_STATEMENT).map((e) => ({ before: caseToRow(e.before), after: caseToRow(e.after) }));
    // fewer values to bind and compare: a bulk assign changes 4 of the 31 columns
    const columns = COLUMNS.filter((c) => part.some((row) => row.before[c] !== row.after[c]));
    if (columns.length === 0) continue;
    const parameters: unknown[] = [];
    const tuples = part.map(({ after }) => {
      parameters.push(after.id);
      const cells = [`CAST(${placeholder(parameters.length)} AS text)`];
      for (const c of columns) {
        parameters.push(after[c]);
        cells.push(`CAST(${placeholder(parameters.length)} AS ${COLUMN_TYPES[c]})`);
      }
      return `(${cells.join(', ')})`;
    });
    const assignments = columns.map((c, k) => `"${c}" = v.column${k + 2}`).join(', ');
    const text = `UPDATE cases SET ${assignments} FROM (VALUES ${tuples.join(', ')}) AS v WHERE cases.id = v.column1`;
    await tx.executeQuery(CompiledQuery.raw(text, parameters));
  }
}
