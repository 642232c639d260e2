// The Socket.IO protocol between desks and the case server, declared once as two maps in the
// shape of `deskMethods`: `serverRequests` (`{args, result}` per request) and `serverEvents`
// (`{payload}` per push). Socket.IO's typed events, the server's handler wrapper
// (server/sockets/io.ts) and the desk's request client (main/core/sync/socket-request.ts) are
// derived from them, and their schemas are what each side parses with (type hints are not
// validation).
import { z } from 'zod';
import {
  agencyIdSchema,
  agencySchema,
  caseKindSchema,
  caseSchema,
  channelSchema,
  citizenSchema,
  epochMsSchema,
  idSchema,
  messageSchema,
  slaPolicySchema,
  staffSchema,
  templateSchema,
  text,
} from './domain';
import {
  breachSoonRequestSchema,
  breachSoonResultSchema,
  queuesRequestSchema,
  queuesResultSchema,
  yearRequestSchema,
  yearResultSchema,
} from './dashboard';
import { wireErrorSchema } from './errors';
import { mutationEnvelopeSchema } from './mutations';
import {
  agentStateSchema,
  autoAssignModeSchema,
  setAutoAssignRequestSchema,
  setLeaveRequestSchema,
  supervisionRequestSchema,
  supervisionStateSchema,
} from './supervision';
import { massGroupsRequestSchema, massGroupsResultSchema } from './mass';
import type { MethodArgs, MethodMap, MethodParsedArgs, MethodResult, Reply } from './rpc';

export const PROTOCOL_VERSION = 1;
/** Socket.IO rejects frames above this; the server also enforces it per event. */
export const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;
export const HEAD_INTERVAL_MS = 10_000;
export const PRESENCE_TTL_MS = 30_000;
export const BOOTSTRAP_PAGE_MAX = 2_000;
/** a bootstrap sends open cases and those closed within this window; desks purge older ones */
export const CLOSED_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
export const PULL_PAGE_MAX = 5_000;

/** One entry of an agency's change feed. */
export const changeSchema = z.discriminatedUnion('type', [
  z.object({ seq: z.number().int().positive(), type: z.literal('case'), case: caseSchema }),
  z.object({ seq: z.number().int().positive(), type: z.literal('message'), message: messageSchema }),
  /** the case left this agency (transfer); desks of this agency drop it from their queues */
  z.object({
    seq: z.number().int().positive(),
    type: z.literal('case.removed'),
    caseId: idSchema,
    toAgencyId: agencyIdSchema,
  }),
]);
export type Change = z.infer<typeof changeSchema>;

export const changesEventSchema = z.object({
  agencyId: agencyIdSchema,
  fromSeq: z.number().int().positive(),
  toSeq: z.number().int().positive(),
  changes: z.array(changeSchema),
});
export type ChangesEvent = z.infer<typeof changesEventSchema>;

export const headEventSchema = z.object({ agencyId: agencyIdSchema, seq: z.number().int().nonnegative() });
export type HeadEvent = z.infer<typeof headEventSchema>;

export const resyncEventSchema = z.object({ agencyId: agencyIdSchema, reason: z.string() });
export type ResyncEvent = z.infer<typeof resyncEventSchema>;

export const PRESENCE_STATES = ['viewing', 'replying'] as const;
export const presenceStateSchema = z.enum(PRESENCE_STATES);
export type PresenceState = z.infer<typeof presenceStateSchema>;

export const presenceEventSchema = z.object({
  caseId: idSchema,
  staffId: idSchema,
  displayName: z.string(),
  /** null: this person left the case */
  state: presenceStateSchema.nullable(),
  expiresAt: z.number().int(),
});
export type PresenceEvent = z.infer<typeof presenceEventSchema>;

// ---- client → server requests and their acks ----

export const bootstrapRequestSchema = z.object({
  agencyId: agencyIdSchema,
  /** opaque cursor from the previous page; null for the first page */
  cursor: text().max(200).nullable(),
  limit: z.number().int().min(1).max(BOOTSTRAP_PAGE_MAX),
});
export type BootstrapRequest = z.infer<typeof bootstrapRequestSchema>;

export const bootstrapPageSchema = z.object({
  cases: z.array(caseSchema),
  messages: z.array(messageSchema),
  nextCursor: z.string().nullable(),
  /** the agency's seq when the first page was taken; pull after it once the last page is in */
  asOfSeq: z.number().int().nonnegative(),
  /** how many cases the snapshot holds in all, for progress */
  total: z.number().int().nonnegative(),
});
export type BootstrapPage = z.infer<typeof bootstrapPageSchema>;

export const pullRequestSchema = z.object({
  agencyId: agencyIdSchema,
  afterSeq: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(PULL_PAGE_MAX),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pullResultSchema = z.object({
  changes: z.array(changeSchema),
  /** the seq of the last change returned (afterSeq when none) */
  toSeq: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
  /** the server no longer holds changes after afterSeq: bootstrap this agency again */
  resync: z.boolean(),
});
export type PullResult = z.infer<typeof pullResultSchema>;

export const agencyCountSchema = z.object({
  agencyId: agencyIdSchema,
  /** the agency's feed head when the count was taken */
  headSeq: z.number().int().nonnegative(),
  /** cases a bootstrap would send now: open ones and those closed since `closedSince` */
  cases: z.number().int().nonnegative(),
});
export type AgencyCount = z.infer<typeof agencyCountSchema>;

/** `sync.counts`: per agency in the user's scope, its head and its case count, read together. */
export const countsResultSchema = z.object({
  closedSince: epochMsSchema,
  agencies: z.array(agencyCountSchema),
});
export type CountsResult = z.infer<typeof countsResultSchema>;

export const referenceDataSchema = z.object({
  self: staffSchema,
  agencies: z.array(agencySchema),
  staff: z.array(staffSchema),
  templates: z.array(templateSchema),
  slaPolicies: z.array(slaPolicySchema),
  /** the agencies whose cases this person may see (and so syncs) */
  visibleAgencyIds: z.array(agencyIdSchema),
});
export type ReferenceData = z.infer<typeof referenceDataSchema>;

export const mutateResultSchema = z.object({
  mutationId: z.string(),
  /** the cases as they are after the mutation (for a bulk mutation: none, the feed carries them) */
  cases: z.array(caseSchema),
  /** true when this mutation id had been applied before and the stored result is returned */
  replayed: z.boolean(),
});
export type MutateResult = z.infer<typeof mutateResultSchema>;

export const presenceRequestSchema = z.object({
  caseId: idSchema,
  state: presenceStateSchema.nullable(),
});
export type PresenceRequest = z.infer<typeof presenceRequestSchema>;

export const citizenDetailsRequestSchema = z.object({ caseId: idSchema });
export type CitizenDetailsRequest = z.infer<typeof citizenDetailsRequestSchema>;

/** A case's citizen, unmasked; the server audits every time it hands one out. */
export const citizenDetailsSchema = z.object({ caseId: idSchema, ref: z.string(), citizen: citizenSchema });

/** Exact lookup by a CPR or phone number (digits only): the cases the user may see; audited. */
export const citizenLookupRequestSchema = z.object({ number: text().regex(/^\d{7,15}$/, 'a CPR or phone number is 7 to 15 digits') });
export type CitizenLookupRequest = z.infer<typeof citizenLookupRequestSchema>;
/** newest first, at most CITIZEN_LOOKUP_LIMIT */
export const citizenLookupResultSchema = z.object({ caseIds: z.array(idSchema) });
export type CitizenLookupResult = z.infer<typeof citizenLookupResultSchema>;
export const CITIZEN_LOOKUP_LIMIT = 200;
export type CitizenDetails = z.infer<typeof citizenDetailsSchema>;

// ---- supervisor statistics ----

export const COMMITMENT_PERIODS = ['day', 'week', 'month', 'all'] as const;
export const COMMITMENT_DIMENSIONS = ['kind', 'assignee'] as const;
/** the widest span one commitment request may cover (day buckets: about a year) */
export const COMMITMENT_MAX_SPAN_MS = 5 * 366 * 86_400_000;
export const COMMITMENT_MAX_DAY_SPAN_MS = 400 * 86_400_000;

/**
 * The response-commitment rate: requests whose first response was due in [from, to) and that
 * were answered by then, over all requests due in [from, to). Only what is already due counts,
 * so `to` is capped at the server's clock. Periods are local (Asia/Bahrain) days, weeks
 * starting on Sunday, or calendar months, named by their start instant.
 */
export const commitmentRequestSchema = z
  .object({
    /** omitted: every agency the supervisor may see */
    agencyIds: z.array(agencyIdSchema).min(1).max(100).optional(),
    from: epochMsSchema,
    to: epochMsSchema,
    /** rows are always per agency; these split them further */
    by: z.array(z.enum(COMMITMENT_DIMENSIONS)).max(2).default([]),
    period: z.enum(COMMITMENT_PERIODS).default('all'),
  })
  .refine((r) => r.to > r.from, { message: 'to must be after from', path: ['to'] })
  .refine((r) => r.to - r.from <= (r.period === 'day' ? COMMITMENT_MAX_DAY_SPAN_MS : COMMITMENT_MAX_SPAN_MS), {
    message: 'the period asked for is too long',
    path: ['to'],
  });
export type CommitmentRequest = z.input<typeof commitmentRequestSchema>;

export const commitmentRowSchema = z.object({
  agencyId: agencyIdSchema,
  /** null unless split by kind */
  kind: caseKindSchema.nullable(),
  /** null unless split by assignee, or when the case has no assignee */
  assigneeId: idSchema.nullable(),
  /** start of the period; null for period 'all' */
  periodStart: epochMsSchema.nullable(),
  due: z.number().int().positive(),
  answeredInTime: z.number().int().nonnegative(),
  /** answeredInTime / due, 0..1 */
  rate: z.number().min(0).max(1),
});
export type CommitmentRow = z.infer<typeof commitmentRowSchema>;

export const commitmentResultSchema = z.object({
  from: epochMsSchema,
  /** the end actually used: the request's `to`, capped at the server's clock */
  to: epochMsSchema,
  rows: z.array(commitmentRowSchema),
});
export type CommitmentResult = z.infer<typeof commitmentResultSchema>;

export const workloadRequestSchema = z.object({ agencyIds: z.array(agencyIdSchema).min(1).max(100).optional() });
export type WorkloadRequest = z.infer<typeof workloadRequestSchema>;

export const workloadRowSchema = z.object({
  agencyId: agencyIdSchema,
  /** null: the agency's unassigned open cases */
  assigneeId: idSchema.nullable(),
  open: z.number().int().nonnegative(),
  /** open and past the resolution due time */
  overdue: z.number().int().nonnegative(),
  /** open and due for resolution before the end of today (Asia/Bahrain) */
  dueToday: z.number().int().nonnegative(),
  /** open after the citizen reopened them */
  reopened: z.number().int().nonnegative(),
});
export type WorkloadRow = z.infer<typeof workloadRowSchema>;

/** Requests filed per local (Asia/Bahrain) day, kind and channel, created in [from, to). */
export const volumeRequestSchema = z
  .object({ agencyIds: z.array(agencyIdSchema).min(1).max(100).optional(), from: epochMsSchema, to: epochMsSchema })
  .refine((r) => r.to > r.from, { message: 'to must be after from', path: ['to'] })
  .refine((r) => r.to - r.from <= COMMITMENT_MAX_DAY_SPAN_MS, { message: 'the period asked for is too long', path: ['to'] });
export type VolumeRequest = z.input<typeof volumeRequestSchema>;

export const volumeRowSchema = z.object({
  agencyId: agencyIdSchema,
  /** start of the local day */
  day: epochMsSchema,
  kind: caseKindSchema,
  channel: channelSchema,
  count: z.number().int().positive(),
});
export type VolumeRow = z.infer<typeof volumeRowSchema>;
export const volumeResultSchema = z.object({ rows: z.array(volumeRowSchema) });
export type VolumeResult = z.infer<typeof volumeResultSchema>;

export const workloadResultSchema = z.object({ asOf: epochMsSchema, rows: z.array(workloadRowSchema) });
export type WorkloadResult = z.infer<typeof workloadResultSchema>;

export const autoAssignSettingSchema = z.object({ agencyId: agencyIdSchema, mode: autoAssignModeSchema });
export type AutoAssignSetting = z.infer<typeof autoAssignSettingSchema>;

// ---- reply templates (supervisors: their agency's; admins: any agency's and the national ones) ----

/** One language's half of a template pair as an editor sends it. */
export const templateHalfSchema = z.object({
  title: text().trim().min(1).max(120),
  body: text().trim().min(1).max(10_000),
});
export type TemplateHalf = z.infer<typeof templateHalfSchema>;

/**
 * Creates or updates an Arabic/English pair, named by its agency (null: national) and code.
 * `previousCode` null creates a pair (refused when the code names one already); otherwise it
 * is the pair being edited, renamed when `code` differs. A half sent as null is archived.
 */
/** a template change's idempotency id, as a mutation's: the server applies a given id at most once */
const templateMutationId = z.string().min(10).max(64).optional();

export const templateSaveRequestSchema = z
  .object({
    mutationId: templateMutationId,
    agencyId: agencyIdSchema.nullable(),
    code: templateSchema.shape.code,
    previousCode: templateSchema.shape.code.nullable(),
    kinds: z.array(caseKindSchema).min(1).max(3).refine((kinds) => new Set(kinds).size === kinds.length, { message: 'a kind is listed twice' }),
    ar: templateHalfSchema.nullable(),
    en: templateHalfSchema.nullable(),
  })
  .refine((r) => r.ar !== null || r.en !== null, { message: 'a template needs its Arabic or its English half', path: ['ar'] });
export type TemplateSaveRequest = z.input<typeof templateSaveRequestSchema>;

export const templatePairSchema = z.object({
  agencyId: agencyIdSchema.nullable(),
  code: templateSchema.shape.code,
  /** the pair's live halves after the change (none once archived) */
  templates: z.array(templateSchema),
});
export type TemplatePair = z.infer<typeof templatePairSchema>;

export const templateArchiveRequestSchema = z.object({
  mutationId: templateMutationId,
  agencyId: agencyIdSchema.nullable(),
  code: templateSchema.shape.code,
});
export type TemplateArchiveRequest = z.infer<typeof templateArchiveRequestSchema>;

/**
 * The desk's requests to the server: `'domain.verb'` → the schema the server parses its
 * arguments with and the schema the desk parses the ack's value with. Socket.IO's typed
 * events, the server's handler wrapper and the desk's typed request client are all derived
 * from this map: adding a request is one entry here (and its handler on the server).
 */
export const serverRequests = {
  /** every write: the one mutation path (idempotent by the envelope's id) */
  mutate: { args: mutationEnvelopeSchema, result: mutateResultSchema },
  'sync.bootstrap': { args: bootstrapRequestSchema, result: bootstrapPageSchema },
  'sync.pull': { args: pullRequestSchema, result: pullResultSchema },
  'sync.reference': { args: z.object({}).strict(), result: referenceDataSchema },
  /** per agency in scope: head seq and case count, for the desk's self-check and its order */
  'sync.counts': { args: z.object({}).strict(), result: countsResultSchema },
  'presence.set': { args: presenceRequestSchema, result: z.null() },
  /** supervisors and admins: the response-commitment rate */
  'stats.commitment': { args: commitmentRequestSchema, result: commitmentResultSchema },
  /** supervisors and admins: open / overdue / due-today cases per assignee */
  'stats.workload': { args: workloadRequestSchema, result: workloadResultSchema },
  /** supervisors and admins: requests filed per day, kind and channel */
  'stats.volume': { args: volumeRequestSchema, result: volumeResultSchema },
  /** supervisors and admins: open cases whose next deadline falls within N working hours */
  'stats.breachSoon': { args: breachSoonRequestSchema, result: breachSoonResultSchema },
  /** supervisors and admins: the open reopened and escalated cases */
  'stats.queues': { args: queuesRequestSchema, result: queuesResultSchema },
  /** supervisors and admins: an agency's year in the national report's shape */
  'stats.year': { args: yearRequestSchema, result: yearResultSchema },
  /** anyone at a desk: this desk is away (or back); auto-assignment skips people away */
  'presence.setAway': { args: z.object({ away: z.boolean() }).strict(), result: z.null() },
  /** supervisors and admins: who is online or on leave, and each agency's auto-assignment */
  'supervision.state': { args: supervisionRequestSchema, result: supervisionStateSchema },
  /** supervisors (their agency) and admins: set or end a person's leave; audited */
  'supervision.setLeave': { args: setLeaveRequestSchema, result: agentStateSchema },
  /** supervisors (their agency) and admins: how arriving cases are assigned; audited */
  'supervision.setAutoAssign': { args: setAutoAssignRequestSchema, result: autoAssignSettingSchema },
  /** the unmasked citizen of a case the user may see; audited */
  'case.citizenDetails': { args: citizenDetailsRequestSchema, result: citizenDetailsSchema },
  /** the cases of a caller by CPR or phone number (numbers leave the server masked otherwise); audited */
  'case.lookupCitizen': { args: citizenLookupRequestSchema, result: citizenLookupResultSchema },
  /** supervisors (their agency) and admins: create or update a reply template pair; audited */
  'templates.save': { args: templateSaveRequestSchema, result: templatePairSchema },
  /** supervisors (their agency) and admins: archive a reply template pair; audited */
  'templates.archive': { args: templateArchiveRequestSchema, result: templatePairSchema },
  /**
   * supervisors and admins: the mass-complaint groups of their agencies. Not pushed: a group
   * changes only with a case change (a member's massGroupId, status), which the changes feed
   * already brings to every desk of the agency, so a desk asks again when its cases change
   */
  'massGroups.list': { args: massGroupsRequestSchema, result: massGroupsResultSchema },
} as const satisfies MethodMap;

/** What the server pushes to desks: event name → the schema the desk parses it with. */
export const serverEvents = {
  changes: { payload: changesEventSchema },
  head: { payload: headEventSchema },
  resync: { payload: resyncEventSchema },
  presence: { payload: presenceEventSchema },
  /** templates, staff or policies changed: fetch `sync.reference` again */
  'reference.changed': { payload: z.object({}) },
} as const satisfies Record<string, { payload: z.ZodType }>;

export type ServerRequest = keyof typeof serverRequests;
/** what a desk sends (defaults not yet applied) */
export type ServerRequestArgs<R extends ServerRequest> = MethodArgs<typeof serverRequests, R>;
/** what the server's handler receives, parsed */
export type ServerRequestParsedArgs<R extends ServerRequest> = MethodParsedArgs<typeof serverRequests, R>;
export type ServerRequestResult<R extends ServerRequest> = MethodResult<typeof serverRequests, R>;
export type ServerEvent = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEvent> = z.output<(typeof serverEvents)[E]['payload']>;

/** Every ack has this shape: the value, or an error with a code of the closed list. */
export type Ack<T> = Reply<T>;
export type AckFn<T> = (reply: Ack<T>) => void;

/** Socket.IO's client → server generic, derived from `serverRequests`. */
export type ClientToServerEvents = {
  [R in ServerRequest]: (args: ServerRequestArgs<R>, ack: AckFn<ServerRequestResult<R>>) => void;
};

/** Socket.IO's server → client generic, derived from `serverEvents`. */
export type ServerToClientEvents = {
  [E in ServerEvent]: (payload: ServerEventPayload<E>) => void;
};

export function isServerRequest(name: unknown): name is ServerRequest {
  return typeof name === 'string' && Object.hasOwn(serverRequests, name);
}

/** Room names: one per agency, one per staff member. */
export const rooms = {
  agency: (agencyId: string) => `agency:${agencyId}`,
  staff: (staffId: string) => `staff:${staffId}`,
} as const;

// ---- HTTP ----

export const loginRequestSchema = z.object({
  username: text().trim().min(1).max(80),
  password: text().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  staff: staffSchema,
  expiresAt: z.number(),
  /**
   * this user's cache secret, stable across logins: with its device key a desk derives the key of
   * this user's encrypted cache, so the cache opens only after this user has signed in there
   */
  cacheSecret: z.string().min(32),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const httpErrorSchema = z.object({ error: wireErrorSchema });
