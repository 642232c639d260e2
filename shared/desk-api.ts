// The DeskApi: the one contract between the renderer and the desk core. The Electron preload
// bridge, the main-process relay, the browser host's WebSocket bridge and the renderer's
// client are all derived from `deskMethods` and `deskEvents`; no method is written out twice.
import { z } from 'zod';
import {
  agencyIdSchema,
  agencySchema,
  caseKindSchema,
  caseSchema,
  caseStatusSchema,
  idSchema,
  languageSchema,
  messageSchema,
  prioritySchema,
  slaPolicySchema,
  staffSchema,
  tagSchema,
  templateSchema,
} from './domain';
import { errorCodeSchema } from './errors';
import { mutationNameSchema } from './mutations';
import { presenceStateSchema, serverRequests } from './protocol';
import type { Handlers, MethodArgs, MethodMap, MethodParsedArgs, MethodResult, RpcClient } from './rpc';

export const VIEW_IDS = [
  'inbox',
  'mine',
  'unassigned',
  'team',
  'overdue',
  'due_today',
  'reopened',
  'escalated',
  'awaiting_citizen',
  'answered',
  'closed',
  'all',
] as const;
export const viewIdSchema = z.enum(VIEW_IDS);
export type ViewId = z.infer<typeof viewIdSchema>;

/** Narrows a view further; combinable with search. */
export const caseFilterSchema = z
  .object({
    kind: caseKindSchema.optional(),
    status: caseStatusSchema.optional(),
    priority: prioritySchema.optional(),
    assigneeId: idSchema.optional(),
    tag: tagSchema.optional(),
    agencyId: agencyIdSchema.optional(),
    /** the cases of one mass-complaint group (the supervisor's mass-complaints screen) */
    massGroupId: idSchema.optional(),
  })
  .strict();
export type CaseFilter = z.infer<typeof caseFilterSchema>;

/** What a list row needs: enough to draw it, nothing more. */
export const caseRowSchema = z.object({
  id: idSchema,
  ref: z.string(),
  kind: caseKindSchema,
  agencyId: agencyIdSchema,
  status: caseStatusSchema,
  priority: prioritySchema,
  assigneeId: idSchema.nullable(),
  subject: z.string(),
  citizenName: z.string(),
  language: languageSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  firstResponseDueAt: z.number(),
  resolutionDueAt: z.number(),
  escalated: z.boolean(),
  reopenCount: z.number(),
  tags: z.array(z.string()),
  /** a mutation of this desk on this case is still waiting for the server */
  pending: z.boolean(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const pendingMutationSchema = z.object({
  id: z.string(),
  name: mutationNameSchema,
  caseIds: z.array(idSchema),
  createdAt: z.number(),
  /** sent at least once; an unsent mutation can still be undone */
  sent: z.boolean(),
  attempts: z.number().int(),
  /**
   * when it is (or was) first sent: messages to the citizen, transfers and status steps wait
   * the whole undo window ("Sending in N s"); `outbox.flush` sends at once
   */
  sendAt: z.number().optional(),
  /** set when it can be undone after it was sent (by an inverse mutation), until this time */
  undoableUntil: z.number().optional(),
});
export type PendingMutation = z.infer<typeof pendingMutationSchema>;

export const undoResultSchema = z.discriminatedUnion('undone', [
  z.object({
    undone: z.literal(true),
    /** dropped: it had not left the desk; compensated: its inverse was sent */
    how: z.enum(['dropped', 'compensated']).optional(),
  }),
  z.object({
    undone: z.literal(false),
    /** one of the undo codes of shared/errors.ts (in_flight, window_passed…) */
    code: errorCodeSchema,
    /** the refusal in English, for logs; the UI words it from `code` */
    reason: z.string(),
    /** the details the message names (a case reference, a number of seconds…) */
    params: z.record(z.string(), z.string()).optional(),
  }),
]);
export type UndoResult = z.infer<typeof undoResultSchema>;
export type UndoRefusal = Extract<UndoResult, { undone: false }>;

export const SYNC_STATES = ['offline', 'connecting', 'syncing', 'online'] as const;
/** what an agency not at the server's head is doing */
export const AGENCY_SYNC_PHASES = ['waiting', 'bootstrapping', 'pulling', 'retrying'] as const;
/** why it is behind (null: it is simply being synced) */
export const AGENCY_LAG_REASONS = ['timeout', 'refused', 'offline', 'error', 'mismatch'] as const;
export const agencyLagSchema = z.object({
  agencyId: z.string(),
  phase: z.enum(AGENCY_SYNC_PHASES),
  reason: z.enum(AGENCY_LAG_REASONS).nullable(),
  /** cases of this agency in the cache, and the server's count (0: not known yet) */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** the next try, when one waits */
  retryAt: z.number().nullable(),
});
export type AgencyLag = z.infer<typeof agencyLagSchema>;
export const syncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  /** bootstrap or catch-up progress, when one is under way */
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  outboxSize: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  lastSyncedAt: z.number().nullable(),
  /**
   * Full-text search is still being built after a first bootstrap (null or absent: complete).
   * Meanwhile cases.search answers exact lookups only (reference, CPR, phone) and says
   * `indexing: true`. total is 0 while the bootstrap is still bringing cases.
   */
  searchIndexing: z.object({ done: z.number(), total: z.number() }).nullable().optional(),
  /** when the next waiting mutation of the outbox is sent (null or absent: none waits) */
  nextSendAt: z.number().nullable().optional(),
  /**
   * How complete the cache is for the user's scope (null or absent: not known yet). `state`
   * is 'online' ("Up to date") only when every agency in scope is `current`.
   */
  coverage: z
    .object({
      /** agencies in the user's scope */
      agencies: z.number().int().nonnegative(),
      /** agencies whose every page is in the cache (lookups find all their cases) */
      complete: z.number().int().nonnegative(),
      /** agencies at the server's head as last heard */
      current: z.number().int().nonnegative(),
      /** cases in the cache for the scope, and the server's count */
      cases: z.number().int().nonnegative(),
      casesTotal: z.number().int().nonnegative(),
      /** false until the server's count of every agency is known (casesTotal is then too low) */
      casesKnown: z.boolean(),
      /** agencies whose text search is complete (null: search is complete everywhere) */
      searchAgencies: z.number().int().nonnegative().nullable(),
    })
    .nullable()
    .optional(),
  /** the agencies not at the server's head, and why (at most the scope's agencies) */
  behind: z.array(agencyLagSchema).optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const viewerSchema = z.object({
  staffId: idSchema,
  displayName: z.string(),
  state: presenceStateSchema,
});
export type Viewer = z.infer<typeof viewerSchema>;

const empty = z.object({}).strict();
const pageLimit = z.number().int().min(1).max(500).default(100);

/**
 * The DeskApi methods: `'domain.verb'` → its argument and result schemas. The receiving side
 * parses args with `args`; the renderer's client parses replies with `result`.
 */
export const deskMethods = {
  'session.current': {
    args: empty,
    result: z.object({
      staff: staffSchema.nullable(),
      serverUrl: z.string().nullable(),
      defaultServerUrl: z.string(),
    }),
  },
  'session.login': {
    args: z.object({
      serverUrl: z.string().url().optional(),
      username: z.string().trim().min(1).max(80),
      password: z.string().min(1).max(200),
    }),
    result: z.object({ staff: staffSchema, serverUrl: z.string() }),
  },
  'session.logout': { args: empty, result: z.null() },
  /** the language the UI shows now: what the desk says outside the window (OS notifications) follows it */
  'ui.language': { args: z.object({ language: languageSchema }), result: z.null() },
  'reference.get': {
    args: empty,
    result: z.object({
      self: staffSchema,
      agencies: z.array(agencySchema),
      staff: z.array(staffSchema),
      templates: z.array(templateSchema),
      slaPolicies: z.array(slaPolicySchema),
      /** open cases per staff id, for the assign picker */
      workload: z.record(z.string(), z.number()),
    }),
  },
  'views.counts': {
    args: empty,
    result: z.record(viewIdSchema, z.number().int().nonnegative()),
  },
  'cases.page': {
    args: z.object({
      view: viewIdSchema,
      filter: caseFilterSchema.default({}),
      /** opaque cursor from the previous page; null for the first */
      after: z.string().max(200).nullable().default(null),
      limit: pageLimit,
    }),
    result: z.object({ rows: z.array(caseRowSchema), nextCursor: z.string().nullable() }),
  },
  'cases.search': {
    args: z.object({
      query: z.string().max(200),
      view: viewIdSchema.default('all'),
      filter: caseFilterSchema.default({}),
      limit: pageLimit,
    }),
    result: z.object({
      rows: z.array(caseRowSchema),
      /** the search index is still being built: rows hold exact lookups only (see SyncStatus) */
      indexing: z.boolean().optional(),
      /** the query is a CPR or phone number the server could not be asked about (offline) */
      citizenLookup: z.literal('offline').optional(),
    }),
  },
  'cases.get': {
    args: z.object({ caseId: idSchema }),
    result: z.object({
      case: caseSchema,
      messages: z.array(messageSchema),
      pending: z.array(pendingMutationSchema),
      viewers: z.array(viewerSchema),
    }).nullable(),
  },
  'cases.mutate': {
    args: z.object({ name: mutationNameSchema, args: z.unknown() }),
    result: z.object({ mutationId: z.string(), caseIds: z.array(idSchema) }),
  },
  'presence.set': {
    args: z.object({ caseId: idSchema, state: presenceStateSchema.nullable() }),
    result: z.null(),
  },
  'sync.status': { args: empty, result: syncStatusSchema },
  /** "Retry now": reconnects at once if offline and retries every agency that waits */
  'sync.retry': { args: empty, result: z.null() },
  'outbox.list': { args: empty, result: z.array(pendingMutationSchema) },
  'outbox.undo': {
    args: z.object({ mutationId: z.string().min(1).max(64) }),
    result: undoResultSchema,
  },
  /** "Send now": a mutation held for the undo window is sent at once; false if not waiting */
  'outbox.flush': {
    args: z.object({ mutationId: z.string().min(1).max(64) }),
    result: z.object({ flushed: z.boolean() }),
  },
  // Online only: these ask the case server each time (nothing of it is cached), so offline
  // they fail with code `offline` rather than answer from stale data.
  /** supervisors and admins: the response-commitment rate (the server's `stats.commitment`) */
  'stats.commitment': serverRequests['stats.commitment'],
  /** supervisors and admins: open / overdue / due-today per assignee (`stats.workload`) */
  'stats.workload': serverRequests['stats.workload'],
  /** supervisors and admins: requests filed per day, kind and channel (`stats.volume`) */
  'stats.volume': serverRequests['stats.volume'],
  /** supervisors and admins: open cases due within N working hours (`stats.breachSoon`) */
  'stats.breachSoon': serverRequests['stats.breachSoon'],
  /** supervisors and admins: the reopened and escalated queues (`stats.queues`) */
  'stats.queues': serverRequests['stats.queues'],
  /** supervisors and admins: the agency's year as the national report counts it (`stats.year`) */
  'stats.year': serverRequests['stats.year'],
  /** this desk is away or back (`presence.setAway`); the desk sends it again after a reconnect */
  'presence.setAway': serverRequests['presence.setAway'],
  /** supervisors and admins: who is online or on leave, each agency's auto-assignment (`supervision.state`) */
  'supervision.state': serverRequests['supervision.state'],
  /** supervisors (their agency) and admins: set or end a leave (`supervision.setLeave`); online only */
  'supervision.setLeave': serverRequests['supervision.setLeave'],
  /** supervisors (their agency) and admins: the agency's auto-assignment (`supervision.setAutoAssign`); online only */
  'supervision.setAutoAssign': serverRequests['supervision.setAutoAssign'],
  /** the unmasked citizen of a case; the server audits every call (`case.citizenDetails`) */
  'cases.citizenDetails': serverRequests['case.citizenDetails'],
  /** the reply templates this desk may use and manage, as the reference data holds them */
  'templates.list': { args: empty, result: z.array(templateSchema) },
  /** supervisors (their agency) and admins: create or update a pair (`templates.save`); online only */
  'templates.save': serverRequests['templates.save'],
  /** supervisors (their agency) and admins: archive a pair (`templates.archive`); online only */
  'templates.archive': serverRequests['templates.archive'],
  /** supervisors and admins: the mass-complaint groups (`massGroups.list`); online only */
  'massGroups.list': serverRequests['massGroups.list'],
} as const satisfies MethodMap;

export type DeskMethod = keyof typeof deskMethods;
export const DESK_METHODS = Object.keys(deskMethods) as DeskMethod[];
export type DeskArgs<M extends DeskMethod> = MethodArgs<typeof deskMethods, M>;
export type DeskParsedArgs<M extends DeskMethod> = MethodParsedArgs<typeof deskMethods, M>;
export type DeskResult<M extends DeskMethod> = MethodResult<typeof deskMethods, M>;

/** Events the core pushes to the renderer. */
export const deskEvents = {
  /** cases changed (by sync or by this desk); lists and counts showing them should refresh */
  'cases.changed': z.object({ caseIds: z.array(idSchema), all: z.boolean() }),
  'sync.status': syncStatusSchema,
  'presence.changed': z.object({ caseId: idSchema, viewers: z.array(viewerSchema) }),
  'mutation.rejected': z.object({
    mutationId: z.string(),
    name: mutationNameSchema,
    caseIds: z.array(idSchema),
    code: errorCodeSchema,
    message: z.string(),
    params: z.record(z.string(), z.string()),
  }),
  'mutation.applied': z.object({
    mutationId: z.string(),
    name: mutationNameSchema,
    /** it can still be undone (by an inverse mutation) until this time */
    undoableUntil: z.number().optional(),
  }),
  'session.changed': z.object({ staff: staffSchema.nullable() }),
  /** templates, staff or policies arrived anew from the server: `reference.get` again */
  'reference.changed': z.object({}),
  /** a case was newly assigned to this desk's user by someone else */
  'case.assignedToMe': z.object({
    caseId: idSchema,
    ref: z.string(),
    subject: z.string(),
    /** the UI language the desk was last told (`ui.language`): the OS notification is worded in it */
    language: languageSchema,
  }),
} as const;

export type DeskEvent = keyof typeof deskEvents;
export const DESK_EVENTS = Object.keys(deskEvents) as DeskEvent[];
export type DeskEventPayload<E extends DeskEvent> = z.output<(typeof deskEvents)[E]>;

export function isDeskMethod(name: unknown): name is DeskMethod {
  return typeof name === 'string' && Object.hasOwn(deskMethods, name);
}

export function isDeskEvent(name: unknown): name is DeskEvent {
  return typeof name === 'string' && Object.hasOwn(deskEvents, name);
}

/** The handlers a host implements: one per method, receiving parsed arguments. */
export type DeskHandlers = Handlers<typeof deskMethods>;

/** The typed API the renderer calls. */
export type DeskApi = RpcClient<typeof deskMethods>;
