// Conversions between domain objects (shared/domain.ts) and table rows. Rows read back are
// trusted (the server wrote them), so these map fields rather than re-parse with zod.
import type { Insertable, Selectable } from 'kysely';
import type {
  Agency,
  Case,
  CaseKind,
  CaseStatus,
  Channel,
  Language,
  Message,
  MessageKind,
  Priority,
  Role,
  SlaPolicy,
  Staff,
  SuggestionOutcome,
  Template,
} from '../../shared/domain';
import type {
  AgencyTable,
  CaseTable,
  MessageTable,
  SlaPolicyTable,
  StaffTable,
  TemplateTable,
} from './schema';

export function caseToRow(c: Case): CaseTable {
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
    version: c.version,
  };
}

export function rowToCase(r: Selectable<CaseTable>): Case {
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
    tags: JSON.parse(r.tags) as string[],
    escalated: r.escalated === 1,
    transferredFrom: r.transferred_from,
    version: r.version,
  };
}

export function messageToRow(m: Message): MessageTable {
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

export function rowToMessage(r: Selectable<MessageTable>): Message {
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

export function rowToAgency(r: Selectable<AgencyTable>): Agency {
  return { id: r.id, nameAr: r.name_ar, nameEn: r.name_en, active: r.active === 1 };
}

export function rowToStaff(r: Omit<Selectable<StaffTable>, 'password_hash' | 'cache_secret'>): Staff {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    ...(r.display_name_ar === null ? {} : { displayNameAr: r.display_name_ar }),
    role: r.role as Role,
    agencyId: r.agency_id,
    languages: JSON.parse(r.languages) as Language[],
    capacity: r.capacity,
    active: r.active === 1,
  };
}

export function templateToRow(t: Template): Insertable<TemplateTable> {
  return {
    id: t.id,
    agency_id: t.agencyId,
    code: t.code,
    title: t.title,
    language: t.language,
    body: t.body,
    kinds: JSON.stringify(t.kinds),
    usage_count: t.usageCount,
  };
}

export function rowToTemplate(r: Selectable<TemplateTable>): Template {
  return {
    id: r.id,
    agencyId: r.agency_id,
    code: r.code,
    title: r.title,
    language: r.language as Language,
    body: r.body,
    kinds: JSON.parse(r.kinds) as CaseKind[],
    usageCount: r.usage_count,
  };
}

export function slaPolicyToRow(p: SlaPolicy): SlaPolicyTable {
  return {
    agency_id: p.agencyId,
    kind: p.kind,
    acknowledge_minutes: p.acknowledgeMinutes,
    first_response_minutes: p.firstResponseMinutes,
    resolution_minutes: p.resolutionMinutes,
    on_transfer: p.onTransfer,
  };
}

export function rowToSlaPolicy(r: Selectable<SlaPolicyTable>): SlaPolicy {
  return {
    agencyId: r.agency_id,
    kind: r.kind as CaseKind,
    acknowledgeMinutes: r.acknowledge_minutes,
    firstResponseMinutes: r.first_response_minutes,
    resolutionMinutes: r.resolution_minutes,
    onTransfer: r.on_transfer as SlaPolicy['onTransfer'],
  };
}

export const STAFF_COLUMNS = [
  'id',
  'username',
  'display_name',
  'display_name_ar',
  'role',
  'agency_id',
  'languages',
  'capacity',
  'active',
] as const;
