// Case ⇄ cases-table row. The row keeps every Case field as a column (lists read columns,
// not JSON), mapped by shared/case-columns.ts exactly as the server's store maps them, and a
// few derived ones the views and search index use.
import type { Case } from '../../../shared/domain';
import { caseSchema, isOpenStatus, maskCpr, maskPhone } from '../../../shared/domain';
import type { CaseColumns } from '../../../shared/case-columns';
import { CASE_FIELD_COLUMNS, caseToColumns, columnsToCase, parseTagsColumn } from '../../../shared/case-columns';
import type { CaseRow } from '../../../shared/desk-api';
import { normalizeForSearch } from '../../../shared/arabic';

/** The case's own columns (shared/case-columns.ts, as on the server) and those derived for views and search. */
export type CaseTableRow = CaseColumns & {
  ref_number: number;
  citizen_phone_digits: string | null;
  is_open: number;
  tags_key: string;
  search_text: string;
};

const DERIVED_COLUMNS = ['ref_number', 'citizen_phone_digits', 'is_open', 'tags_key', 'search_text'] as const satisfies readonly (keyof CaseTableRow)[];

export const CASE_COLUMNS = [...CASE_FIELD_COLUMNS, ...DERIVED_COLUMNS] as const;

/** The columns a list row needs (keeps page reads narrow). */
export const CASE_ROW_COLUMNS =
  'id, ref, kind, agency_id, status, priority, assignee_id, subject, citizen_name, language, ' +
  'created_at, updated_at, first_response_due_at, resolution_due_at, escalated, reopen_count, tags';

export function refNumber(ref: string): number {
  const digits = /(\d+)$/.exec(ref);
  return digits === null ? 0 : Number(digits[1]);
}

export function phoneDigits(phone: string | undefined): string | null {
  if (phone === undefined) return null;
  return phone.replace(/\D/g, '');
}

/** The case's own searchable text, folded; the thread is added when the index row is built. */
export function caseSearchText(c: Case): string {
  return normalizeForSearch(
    // the numbers' last four digits only, as the cache holds them (a caller reads those out)
    [c.ref, c.citizen.name, c.citizen.cpr === undefined ? '' : maskCpr(c.citizen.cpr), c.citizen.phone === undefined ? '' : maskPhone(c.citizen.phone), c.subject, c.body].join('\n'),
  );
}

export function caseToTableRow(c: Case): CaseTableRow {
  return {
    ...caseToColumns(c),
    ref_number: refNumber(c.ref),
    // never in full, whatever arrives: the server masks them, an optimistic create has them typed
    citizen_cpr: c.citizen.cpr === undefined ? null : maskCpr(c.citizen.cpr),
    citizen_phone: c.citizen.phone === undefined ? null : maskPhone(c.citizen.phone),
    citizen_phone_digits: null,
    is_open: isOpenStatus(c.status) ? 1 : 0,
    tags_key: c.tags.length === 0 ? '' : `|${c.tags.join('|')}|`,
    search_text: caseSearchText(c),
  };
}

/** Reads a full row back into a Case (parsed: the file is a trust boundary). */
export function tableRowToCase(row: CaseTableRow): Case {
  return caseSchema.parse(columnsToCase(row));
}

export type ListTableRow = Pick<
  CaseTableRow,
  | 'id' | 'ref' | 'kind' | 'agency_id' | 'status' | 'priority' | 'assignee_id' | 'subject'
  | 'citizen_name' | 'language' | 'created_at' | 'updated_at' | 'first_response_due_at'
  | 'resolution_due_at' | 'escalated' | 'reopen_count' | 'tags'
>;

/** Rows come from our own writes of parsed cases, so list reads skip a second zod pass (hot path). */
export function listRowToCaseRow(row: ListTableRow, pending: boolean): CaseRow {
  return {
    id: row.id,
    ref: row.ref,
    kind: row.kind as CaseRow['kind'],
    agencyId: row.agency_id,
    status: row.status as CaseRow['status'],
    priority: row.priority as CaseRow['priority'],
    assigneeId: row.assignee_id,
    subject: row.subject,
    citizenName: row.citizen_name,
    language: row.language as CaseRow['language'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
    escalated: row.escalated === 1,
    reopenCount: row.reopen_count,
    tags: parseTagsColumn(row.tags),
    pending,
  };
}
