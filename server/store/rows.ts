// Conversions between domain objects (shared/domain.ts) and table rows. Rows read back are
// trusted (the server wrote them), so these map fields rather than re-parse with zod.
import type { Insertable, Selectable } from 'kysely';
import type {
  Agency,
  Case,
  CaseKind,
  Language,
  Message,
  Role,
  SlaPolicy,
  Staff,
  Template,
} from '../../shared/domain';
import { caseToColumns, columnsToCase, columnsToMessage, messageToColumns } from '../../shared/case-columns';
import type {
  AgencyTable,
  CaseTable,
  MessageTable,
  SlaPolicyTable,
  StaffTable,
  TemplateTable,
} from './schema';

/** Case ⇄ row is shared/case-columns.ts, which the desk's cache maps with too. */
export const caseToRow: (c: Case) => CaseTable = caseToColumns;
export const rowToCase: (r: Selectable<CaseTable>) => Case = columnsToCase;

export const messageToRow: (m: Message) => MessageTable = messageToColumns;
export const rowToMessage: (r: Selectable<MessageTable>) => Message = columnsToMessage;

export function rowToAgency(r: Selectable<AgencyTable>): Agency {
  return { id: r.id, nameAr: r.name_ar, nameEn: r.name_en, active: r.active === 1 };
}

export function rowToStaff(r: Omit<Selectable<StaffTable>, 'password_hash' | 'cache_secret'>): Staff {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
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
  'role',
  'agency_id',
  'languages',
  'capacity',
  'active',
] as const;
