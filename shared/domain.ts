// The domain of DESIGN.md as zod schemas; the TypeScript types are inferred from them so a
// field is declared once. Times are epoch milliseconds (UTC): they sort and compare as
// integers in both SQLite and PostgreSQL, and the keyset pagination relies on that.
import { z } from 'zod';

/**
 * NUL and unpaired UTF-16 surrogates are no one's typed text: PostgreSQL refuses NUL in a text
 * value (it was a 500 there while SQLite stored it) and a lone surrogate has no UTF-8 form.
 * Every text field of every contract is a `text()`, so both stores get the same strings.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this pattern is for
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE_TEXT.test(value);
}

/** A string with neither NUL nor a lone surrogate; chain trim/min/max as on z.string(). */
export function text() {
  return z.string().refine(isStorableText, 'text may not contain NUL or unpaired surrogate characters');
}

export const LANGUAGES = ['ar', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const agencyIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'an agency id is a short lower-case slug');
export const idSchema = text().min(1).max(64);
export const epochMsSchema = z.number().int().nonnegative();

export const agencySchema = z.object({
  id: agencyIdSchema,
  nameAr: text().min(1),
  nameEn: text().min(1),
  active: z.boolean(),
});
export type Agency = z.infer<typeof agencySchema>;

export const ROLES = ['agent', 'callcentre', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const staffSchema = z.object({
  id: idSchema,
  username: text().min(1).max(80),
  displayName: text().min(1).max(120),
  /** the name as the Arabic UI shows it; absent for accounts made without one (the UI falls back to displayName) */
  displayNameAr: text().min(1).max(120).optional(),
  role: roleSchema,
  /** null for call-centre staff and admins, who see every agency */
  agencyId: agencyIdSchema.nullable(),
  languages: z.array(languageSchema),
  /** how many open cases this person is expected to carry */
  capacity: z.number().int().nonnegative(),
  active: z.boolean(),
});
export type Staff = z.infer<typeof staffSchema>;

export const CASE_KINDS = ['complaint', 'suggestion', 'enquiry'] as const;
export const caseKindSchema = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof caseKindSchema>;

export const CASE_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'awaiting_citizen',
  'answered',
  'closed',
  'reopened',
] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;
/** statuses in which the agency still owes the citizen something */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'new',
  'assigned',
  'in_progress',
  'awaiting_citizen',
  'reopened',
];

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const CHANNELS = ['app', 'web', 'callcentre', 'walkin'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const SUGGESTION_OUTCOMES = ['under_study', 'accepted', 'implemented', 'declined'] as const;
export const outcomeSchema = z.enum(SUGGESTION_OUTCOMES);
export type SuggestionOutcome = z.infer<typeof outcomeSchema>;

/** Bahraini personal number (CPR): nine digits. */
export const cprSchema = text().regex(/^\d{9}$/, 'a CPR is nine digits');
export const phoneSchema = text().regex(/^\+?\d{7,15}$/, 'a phone number is 7 to 15 digits');

/**
 * ID and phone numbers leave the case server masked (DESIGN.md): all but the last four digits
 * are stars. Only the audited `case.citizenDetails` hands them out in full, and exact lookup by
 * number is the audited `case.lookupCitizen`; a desk's cache holds the masked forms only.
 */
export const maskedCprSchema = text().regex(/^\*{5}\d{4}$/, 'a masked CPR is five stars and four digits');
export const maskedPhoneSchema = text().regex(/^\+?\*{3,11}\d{4}$/, 'a masked phone number ends in four digits');
const VISIBLE_DIGITS = 4;

/** `*****1234`; a masked value stays as it is */
export function maskCpr(cpr: string): string {
  return `${'*'.repeat(Math.max(0, cpr.length - VISIBLE_DIGITS))}${cpr.slice(-VISIBLE_DIGITS)}`;
}

/** `+*******0000`: the leading + kept, every digit but the last four a star */
export function maskPhone(phone: string): string {
  const head = phone.slice(0, -VISIBLE_DIGITS).replace(/\d/g, '*');
  return `${head}${phone.slice(-VISIBLE_DIGITS)}`;
}

export function maskCitizen<C extends { cpr?: string | undefined; phone?: string | undefined }>(citizen: C): C {
  return {
    ...citizen,
    ...(citizen.cpr === undefined ? {} : { cpr: maskCpr(citizen.cpr) }),
    ...(citizen.phone === undefined ? {} : { phone: maskPhone(citizen.phone) }),
  };
}

export function maskCase<T extends { citizen: { cpr?: string | undefined; phone?: string | undefined } }>(c: T): T {
  return { ...c, citizen: maskCitizen(c.citizen) };
}

/**
 * The digits a search query stands for when it is a whole CPR (9 digits) or phone number (8
 * local digits, or 11 to 15 with the country code); else null. Numbers still being typed (7
 * digits, 10) are not looked up: each lookup is audited.
 */
export function citizenNumberOf(query: string): string | null {
  const compact = query.trim().replace(/[\s-]/g, '');
  if (!/^\+?\d{8,15}$/.test(compact)) return null;
  const digits = compact.replace(/\D/g, '');
  return digits.length === 10 ? null : digits;
}

export const citizenSchema = z.object({
  name: text().trim().min(1).max(200),
  cpr: cprSchema.optional(),
  phone: phoneSchema.optional(),
  email: text().email().max(200).optional(),
  language: languageSchema,
});
export type Citizen = z.infer<typeof citizenSchema>;

/** A citizen as cases carry them: numbers masked by the server (full ones still parse, from a fixture or an older server). */
export const citizenOnRecordSchema = citizenSchema.extend({
  cpr: z.union([cprSchema, maskedCprSchema]).optional(),
  phone: z.union([phoneSchema, maskedPhoneSchema]).optional(),
});

export const tagSchema = text().trim().min(1).max(40);

export const caseSchema = z.object({
  id: idSchema,
  /** human reference, e.g. TW-2026-00012345 */
  ref: text().regex(/^TW-\d{4}-\d{8}$/),
  kind: caseKindSchema,
  agencyId: agencyIdSchema,
  category: text().max(80),
  channel: channelSchema,
  citizen: citizenOnRecordSchema,
  subject: text().min(1).max(300),
  body: text().max(20_000),
  language: languageSchema,
  status: caseStatusSchema,
  priority: prioritySchema,
  assigneeId: idSchema.nullable(),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
  /** set when the owning agency has acknowledged receipt (on intake or after a transfer) */
  acknowledgedAt: epochMsSchema.nullable(),
  firstResponseDueAt: epochMsSchema,
  resolutionDueAt: epochMsSchema,
  firstRespondedAt: epochMsSchema.nullable(),
  answeredAt: epochMsSchema.nullable(),
  closedAt: epochMsSchema.nullable(),
  reopenCount: z.number().int().nonnegative(),
  rating: z.number().int().min(1).max(5).nullable(),
  outcome: outcomeSchema.nullable(),
  tags: z.array(tagSchema).max(20),
  escalated: z.boolean(),
  /** the agency this case was transferred from, if any */
  transferredFrom: agencyIdSchema.nullable(),
  /** the mass-complaint group this complaint belongs to (shared/mass.ts); null for most cases */
  massGroupId: idSchema.nullable(),
  version: z.number().int().positive(),
});
export type Case = z.infer<typeof caseSchema>;

export const MESSAGE_KINDS = ['citizen', 'reply', 'note', 'event'] as const;
export const messageKindSchema = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof messageKindSchema>;

export const messageSchema = z.object({
  id: idSchema,
  caseId: idSchema,
  /** 'citizen', 'system' or a staff id */
  author: text().min(1).max(64),
  kind: messageKindSchema,
  /** for kind 'event' a machine code (see EVENT_CODES), rendered by the client in its language */
  body: text().max(20_000),
  /** event parameters, e.g. {to: staffId} for an assignment */
  meta: z.record(text(), text()).nullable(),
  createdAt: epochMsSchema,
});
export type Message = z.infer<typeof messageSchema>;

export const templateSchema = z.object({
  id: idSchema,
  /** null for national templates that every agency may use */
  agencyId: agencyIdSchema.nullable(),
  /** short code for type-ahead; the Arabic and English halves of a pair share it */
  code: text().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  title: text().min(1).max(120),
  language: languageSchema,
  body: text().min(1).max(10_000),
  kinds: z.array(caseKindSchema).min(1),
  usageCount: z.number().int().nonnegative(),
});
export type Template = z.infer<typeof templateSchema>;

export const slaPolicySchema = z.object({
  agencyId: agencyIdSchema,
  kind: caseKindSchema,
  /** working minutes */
  acknowledgeMinutes: z.number().int().positive(),
  firstResponseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
  /** on transfer, whether the receiving agency's clock restarts or continues the source's */
  onTransfer: z.enum(['restart', 'continue']),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const TRANSFER_REASONS = [
  'wrong_agency',
  'shared_responsibility',
  'specialised_unit',
  'citizen_request',
] as const;
export const transferReasonSchema = z.enum(TRANSFER_REASONS);
export type TransferReason = z.infer<typeof transferReasonSchema>;

/** what an event message's body may say; the renderer has a label for each in both languages */
export const EVENT_CODES = [
  'created',
  'assigned',
  'unassigned',
  'started',
  'asked_citizen',
  'answered',
  'closed',
  'reopened',
  'transferred_in',
  'transferred_out',
  'acknowledged',
  'priority_changed',
  'tagged',
  'untagged',
  'outcome_set',
  'rated',
  'escalated',
  /** a supervisor made this case the master of its mass-complaint group */
  'mass_master_set',
] as const;
export type EventCode = (typeof EVENT_CODES)[number];

export const CASE_REF_PATTERN = /^TW-\d{4}-\d{8}$/;

/** A case reference for a yearly sequence number: TW-2026-00012345. */
export function formatCaseRef(year: number, sequence: number): string {
  return `TW-${year}-${String(sequence).padStart(8, '0')}`;
}

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
