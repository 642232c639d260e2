// Row shapes of the case server's tables, as Kysely sees them. Times are epoch ms in BIGINT
// columns; booleans are 0/1 integers and JSON is text, so SQLite and PostgreSQL store the same
// values and every query reads the same on both.
import type { Generated } from 'kysely';
import type { CaseColumns, MessageColumns } from '../../shared/case-columns';

export type AgencyTable = {
  id: string;
  name_ar: string;
  name_en: string;
  active: number;
};

export type StaffTable = {
  id: string;
  username: string;
  display_name: string;
  /** the name in Arabic (0006); null for accounts made without one */
  display_name_ar: string | null;
  role: string;
  agency_id: string | null;
  /** JSON array of languages */
  languages: string;
  capacity: number;
  active: number;
  password_hash: string;
  /** handed to the user's desks at login (protocol.ts loginResponseSchema); null until the first one */
  cache_secret: string | null;
};

export type SessionTable = {
  /** sha256 of the bearer token: a stolen database does not hand out live sessions */
  token_hash: string;
  staff_id: string;
  created_at: number;
  expires_at: number;
};

/** the case columns are declared once, for the desk's cache too (shared/case-columns.ts) */
export type CaseTable = CaseColumns;

export type MessageTable = MessageColumns;

export type TemplateTable = {
  id: string;
  agency_id: string | null;
  code: string;
  title: string;
  language: string;
  body: string;
  /** JSON array of case kinds */
  kinds: string;
  usage_count: number;
  /** 0/1: archived pairs leave the desks' reference data; their rows stay for pending bulk replies */
  archived: Generated<number>;
};

export type SlaPolicyTable = {
  agency_id: string;
  kind: string;
  acknowledge_minutes: number;
  first_response_minutes: number;
  resolution_minutes: number;
  on_transfer: string;
};

export type AgencySeqTable = {
  agency_id: string;
  seq: number;
};

export type ChangeTable = {
  agency_id: string;
  seq: number;
  /** JSON of the Change without its seq */
  payload: string;
  created_at: number;
};

export type MutationTable = {
  id: string;
  staff_id: string;
  name: string;
  /** JSON of the MutateResult; empty while the mutation's transaction is open */
  result: string;
  created_at: number;
};

export type AuditTable = {
  id: string;
  staff_id: string;
  at: number;
  /** 'desk' (a socket), 'intake:<channel>', 'cli' */
  client: string;
  action: string;
  case_id: string | null;
  detail: string | null;
};

export type RefCounterTable = {
  year: number;
  seq: number;
};

export type IntakeKeyTable = {
  channel: string;
  key: string;
  body_hash: string;
  case_id: string;
  ref: string;
  created_at: number;
};

/** one leave period per person (migration 0006) */
export type StaffLeaveTable = {
  staff_id: string;
  agency_id: string;
  from_at: number;
  to_at: number;
  set_by: string;
  set_at: number;
};

/** how an agency assigns arriving cases; no row: off */
export type AutoAssignmentTable = {
  agency_id: string;
  mode: string;
  last_staff_id: string | null;
  set_by: string;
  set_at: number;
};

/** a group of near-identical complaints (migration 0008, shared/mass.ts) */
export type MassGroupTable = {
  id: string;
  agency_id: string;
  subject: string;
  excerpt: string;
  language: string;
  member_count: number;
  first_filed_at: number;
  last_filed_at: number;
  master_case_id: string | null;
};

/** a recent complaint's word set (pruned after the grouping window) */
export type MassSignatureTable = {
  case_id: string;
  agency_id: string;
  words: string;
  filed_at: number;
};

/** a recent complaint's MinHash keys, the index candidates are found by */
export type MassKeyTable = {
  agency_id: string;
  key: string;
  filed_at: number;
  case_id: string;
};

export type Database = {
  agencies: AgencyTable;
  staff: StaffTable;
  sessions: SessionTable;
  cases: CaseTable;
  messages: MessageTable;
  templates: TemplateTable;
  sla_policies: SlaPolicyTable;
  agency_seq: AgencySeqTable;
  changes: ChangeTable;
  mutations: MutationTable;
  audit: AuditTable;
  ref_counters: RefCounterTable;
  intake_keys: IntakeKeyTable;
  staff_leave: StaffLeaveTable;
  auto_assignment: AutoAssignmentTable;
  mass_groups: MassGroupTable;
  mass_signatures: MassSignatureTable;
  mass_keys: MassKeyTable;
};

