// Case ⇄ cases-table row. The row keeps every Case field as a column (lists read columns,
// not JSON) and a few derived ones the views and search index use.
import type { Case } from '../../../shared/domain';
import { caseSchema, isOpenStatus, maskCpr, maskPhone } from '../../../shared/domain';
import type { CaseRow } from '../../../shared/desk-api';
import { normalizeForSearch } from '../../../shared/arabic';

export type CaseTableRow = {
  id: string;
  ref: string;
  ref_number: number;
  kind: string;
  agency_id: string;
  category: string;
  channel: string;
  citizen_name: string;
  citizen_cpr: string | null;
  citizen_phone: string | null;
  citizen_phone_digits: string | null;
  citizen_email: string | null;
  citizen_language: string;
  subject: string;
  body: string;
  language: string;
  status: string;
  is_open: number;
  priority: string;
  assignee_id: string | null;
  created_at: number;
  updated_at: number;
  acknowledged_at: number | null;
  first_response_due_at: number;
  resolution_due_at: number;
  first_responded_at: number | null;
  answered_at: number | null;
  closed_at: number | null;
  reopen_count: number;
  rating: number | null;
  outcome: string | null;
  tags: string;
  tags_key: string;
  escalated: number;
  transferred_from: string | null;
  version: number;
  search_text: string;
};

export const CASE_COLUMNS = [
  'id', 'ref', 'ref_number', 'kind', 'agency_id', 'category', 'channel', 'citizen_name',
  'citizen_cpr', 'citizen_phone', 'citizen_phone_digits', 'citizen_email', 'citizen_language',
  'subject', 'body', 'language', 'status', 'is_open', 'priority', 'assignee_id', 'created_at',
  'updated_at', 'acknowledged_at', 'first_response_due_at', 'resolution_due_at',
  'first_responded_at', 'answered_at', 'closed_at', 'reopen_count', 'rating', 'outcome', 'tags',
  'tags_key', 'escalated', 'transferred_from', 'version', 'search_text',
] as const satisfies readonly (keyof CaseTableRow)[];

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
    id: c.id,
    ref: c.ref,
    ref_number: refNumber(c.ref),
    kind: c.kind,
    agency_id: c.agencyId,
    category: c.category,
    channel: c.channel,
    citizen_name: c.citizen.name,
    // never in full, whatever arrives: the server masks them, an optimistic create has them typed
    citizen_cpr: c.citizen.cpr === undefined ? null : maskCpr(c.citizen.cpr),
    citizen_phone: c.citizen.phone === undefined ? null : maskPhone(c.citizen.phone),
    citizen_phone_digits: null,
    citizen_email: c.citizen.email ?? null,
    citizen_language: c.citizen.language,
    subject: c.subject,
    body: c.body,
    language: c.language,
    status: c.status,
    is_open: isOpenStatus(c.status) ? 1 : 0,
    priority: c.priority,
    assignee_id: c.assigneeId,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    acknowledged_at: c.acknowledgedAt,
    first_response_due_at: c.firstResponseDueAt,
    resolution_due_at: c.resolutionDueAt,
    first_responded_at: c.firstRespondedAt,
    answered_at: c.answeredAt,
    closed_at: c.closedAt,
    reopen_count: c.reopenCount,
    rating: c.rating,
    outcome: c.outcome,
    tags: JSON.stringify(c.tags),
    tags_key: c.tags.length === 0 ? '' : `|${c.tags.join('|')}|`,
    escalated: c.escalated ? 1 : 0,
    transferred_from: c.transferredFrom,
    version: c.version,
    search_text: caseSearchText(c),
  };
}

function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** Reads a full row back into a Case (parsed: the file is a trust boundary). */
export function tableRowToCase(row: CaseTableRow): Case {
  return caseSchema.parse({
    id: row.id,
    ref: row.ref,
    kind: row.kind,
    agencyId: row.agency_id,
    category: row.category,
    channel: row.channel,
    citizen: {
      name: row.citizen_name,
      ...(row.citizen_cpr === null ? {} : { cpr: row.citizen_cpr }),
      ...(row.citizen_phone === null ? {} : { phone: row.citizen_phone }),
      ...(row.citizen_email === null ? {} : { email: row.citizen_email }),
      language: row.citizen_language,
    },
    subject: row.subject,
    body: row.body,
    language: row.language,
    status: row.status,
    priority: row.priority,
    assigneeId: row.assignee_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    acknowledgedAt: row.acknowledged_at,
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
    firstRespondedAt: row.first_responded_at,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
    reopenCount: row.reopen_count,
    rating: row.rating,
    outcome: row.outcome,
    tags: parseTags(row.tags),
    escalated: row.escalated === 1,
    transferredFrom: row.transferred_from,
    version: row.version,
  });
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
    tags: parseTags(row.tags),
    pending,
  };
}
