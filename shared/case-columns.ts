// A Case as table columns, written once for both databases that store cases: the server's
// store (server/store/schema.ts, rows.ts; SQLite or PostgreSQL) and the desk's cache
// (main/core/cache/case-columns.ts, which adds the columns its views and search derive).
// Times are epoch ms, booleans 0/1, lists JSON text, so both engines hold the same values.
//
// Adding a Case field, the checklist:
//   1. shared/domain.ts: the field in caseSchema.
//   2. here: its column in CaseColumns, CASE_FIELD_COLUMNS, caseToColumns and columnsToCase
//      (the `satisfies` below and the compiler point at whichever is missing).
//   3. a server migration (server/store/migrations/) adding the column, with its test.
//   4. a desk cache migration (main/core/cache/migrations/) adding it; the cache is rebuilt
//      from the server when its schema is old, so no data migration is needed there.
//   5. if a list row shows it: CASE_ROW_COLUMNS and listRowToCaseRow in the desk's case-columns.ts.
import type { Case, CaseKind, CaseStatus, Channel, Language, Message, MessageKind, Priority, SuggestionOutcome } from './domain';

export type CaseColumns = {
  id: string;
  ref: string;
  kind: string;
  agency_id: string;
  category: string;
  channel: string;
  citizen_name: string;
  citizen_cpr: string | null;
  citizen_phone: string | null;
  citizen_email: string | null;
  citizen_language: string;
  subject: string;
  body: string;
  language: string;
  status: string;
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
  /** JSON array of tags */
  tags: string;
  escalated: number;
  transferred_from: string | null;
  mass_group_id: string | null;
  version: number;
};

export const CASE_FIELD_COLUMNS = [
  'id', 'ref', 'kind', 'agency_id', 'category', 'channel', 'citizen_name', 'citizen_cpr',
  'citizen_phone', 'citizen_email', 'citizen_language', 'subject', 'body', 'language', 'status',
  'priority', 'assignee_id', 'created_at', 'updated_at', 'acknowledged_at', 'first_response_due_at',
  'resolution_due_at', 'first_responded_at', 'answered_at', 'closed_at', 'reopen_count', 'rating',
  'outcome', 'tags', 'escalated', 'transferred_from', 'mass_group_id', 'version',
] as const satisfies readonly (keyof CaseColumns)[];

export function caseToColumns(c: Case): CaseColumns {
  return {
    id: c.id,
    ref: c.ref,
    kind: c.kind,
    agency_id: c.agencyId,
    category: c.category,
    channel: c.channel,
    citizen_name: c.citizen.name,
    citizen_cpr: c.citizen.cpr ?? null,
    citizen_phone: c.citizen.phone ?? null,
    citizen_email: c.citizen.email ?? null,
    citizen_language: c.citizen.language,
    subject: c.subject,
    body: c.body,
    language: c.language,
    status: c.status,
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
    escalated: c.escalated ? 1 : 0,
    transferred_from: c.transferredFrom,
    mass_group_id: c.massGroupId,
    version: c.version,
  };
}

/** A tags column read back; anything but a JSON array of strings reads as no tags. */
export function parseTagsColumn(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The Case a row holds. The enum columns are cast, not checked: the server trusts rows it
 * wrote; the desk, for which its file is a trust boundary, parses the result with caseSchema.
 */
export function columnsToCase(r: CaseColumns): Case {
  const citizen: Case['citizen'] = { name: r.citizen_name, language: r.citizen_language as Language };
  if (r.citizen_cpr !== null) citizen.cpr = r.citizen_cpr;
  if (r.citizen_phone !== null) citizen.phone = r.citizen_phone;
  if (r.citizen_email !== null) citizen.email = r.citizen_email;
  return {
    id: r.id,
    ref: r.ref,
    kind: r.kind as CaseKind,
    agencyId: r.agency_id,
    category: r.category,
    channel: r.channel as Channel,
    citizen,
    subject: r.subject,
    body: r.body,
    language: r.language as Language,
    status: r.status as CaseStatus,
    priority: r.priority as Priority,
    assigneeId: r.assignee_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    acknowledgedAt: r.acknowledged_at,
    firstResponseDueAt: r.first_response_due_at,
    resolutionDueAt: r.resolution_due_at,
    firstRespondedAt: r.first_responded_at,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
    reopenCount: r.reopen_count,
    rating: r.rating,
    outcome: r.outcome as SuggestionOutcome | null,
    tags: parseTagsColumn(r.tags),
    escalated: r.escalated === 1,
    transferredFrom: r.transferred_from,
    massGroupId: r.mass_group_id,
    version: r.version,
  };
}

/** A thread message as table columns (server store and desk cache; the desk adds pending_mutation_id). */
export type MessageColumns = {
  id: string;
  case_id: string;
  author: string;
  kind: string;
  body: string;
  /** JSON object or null */
  meta: string | null;
  created_at: number;
};

export function messageToColumns(m: Message): MessageColumns {
  return {
    id: m.id,
    case_id: m.caseId,
    author: m.author,
    kind: m.kind,
    body: m.body,
    meta: m.meta === null ? null : JSON.stringify(m.meta),
    created_at: m.createdAt,
  };
}

/** The Message a row holds; like columnsToCase, cast (the desk parses it with messageSchema). */
export function columnsToMessage(r: MessageColumns): Message {
  return {
    id: r.id,
    caseId: r.case_id,
    author: r.author,
    kind: r.kind as MessageKind,
    body: r.body,
    meta: r.meta === null ? null : (JSON.parse(r.meta) as Record<string, string>),
    createdAt: r.created_at,
  };
}
