// The dashboard's case lists and the agency's year (issue 12 item 4), as the server answers
// them through `stats.breachSoon`, `stats.queues` and `stats.year` (shared/protocol.ts).
// Declared here, beside nothing else, so the protocol map only gains three entries.
import { z } from 'zod';
import {
  CASE_KINDS,
  agencyIdSchema,
  caseKindSchema,
  caseStatusSchema,
  epochMsSchema,
  idSchema,
  prioritySchema,
} from './domain';
import type { CaseKind, SuggestionOutcome } from './domain';
import { BAHRAIN_CALENDAR, MINUTE_MS } from './working-time';

/** "Will breach within the next N working hours": the choices the dashboard offers. */
export const BREACH_HOURS = [4, 8, 24] as const;
export type BreachHours = (typeof BREACH_HOURS)[number];
/** the most cases one list returns; `total` says how many there are in all */
export const DASHBOARD_LIST_MAX = 500;

const agencyIds = z.array(agencyIdSchema).min(1).max(100).optional();

/** A case as the dashboard's lists show it: no citizen, only what a supervisor triages by. */
export const dashboardCaseSchema = z.object({
  caseId: idSchema,
  ref: z.string(),
  agencyId: agencyIdSchema,
  kind: caseKindSchema,
  subject: z.string(),
  status: caseStatusSchema,
  priority: prioritySchema,
  assigneeId: idSchema.nullable(),
  reopenCount: z.number().int().nonnegative(),
  escalated: z.boolean(),
  firstResponseDueAt: epochMsSchema,
  resolutionDueAt: epochMsSchema,
  firstRespondedAt: epochMsSchema.nullable(),
});
export type DashboardCase = z.infer<typeof dashboardCaseSchema>;

export const BREACH_DEADLINES = ['first_response', 'resolution'] as const;
export type BreachDeadline = (typeof BREACH_DEADLINES)[number];

export const breachSoonRequestSchema = z.object({
  agencyIds,
  hours: z.union([z.literal(4), z.literal(8), z.literal(24)]),
});
export type BreachSoonRequest = z.infer<typeof breachSoonRequestSchema>;

export const breachSoonResultSchema = z.object({
  asOf: epochMsSchema,
  /** asOf plus `hours` working hours (shared/working-time.ts) */
  horizon: epochMsSchema,
  total: z.number().int().nonnegative(),
  /** soonest first; at most DASHBOARD_LIST_MAX */
  rows: z.array(dashboardCaseSchema.extend({ deadline: z.enum(BREACH_DEADLINES), dueAt: epochMsSchema })),
});
export type BreachSoonResult = z.infer<typeof breachSoonResultSchema>;
export type BreachSoonRow = BreachSoonResult['rows'][number];

/**
 * Which deadline of an open case falls in [now, horizon), if any: the first response while none
 * has been sent, else the resolution. A deadline already past is a breach, not a risk.
 */
export function breachWithin(
  c: Pick<DashboardCase, 'firstRespondedAt' | 'firstResponseDueAt' | 'resolutionDueAt'>,
  now: number,
  horizon: number,
): { deadline: BreachDeadline; dueAt: number } | null {
  const inWindow = (at: number) => at >= now && at < horizon;
  if (c.firstRespondedAt === null && inWindow(c.firstResponseDueAt)) return { deadline: 'first_response', dueAt: c.firstResponseDueAt };
  if (inWindow(c.resolutionDueAt)) return { deadline: 'resolution', dueAt: c.resolutionDueAt };
  return null;
}

export const queuesRequestSchema = z.object({ agencyIds });
export type QueuesRequest = z.infer<typeof queuesRequestSchema>;

const queueSchema = z.object({ total: z.number().int().nonnegative(), rows: z.array(dashboardCaseSchema) });
/** Open cases now reopened by the citizen, and open cases escalated to the supervisors; oldest due first. */
export const queuesResultSchema = z.object({ asOf: epochMsSchema, reopened: queueSchema, escalated: queueSchema });
export type QueuesResult = z.infer<typeof queuesResultSchema>;

export const yearRequestSchema = z.object({ agencyIds, year: z.number().int().min(2000).max(2100) });
export type YearRequest = z.infer<typeof yearRequestSchema>;

const count = z.number().int().nonnegative();

/**
 * One agency's year in the shape of the national report:
 * - requests by kind: filed in the local (Asia/Bahrain) calendar year;
 * - commitment: requests whose first response fell due in the year (up to now) and were
 *   answered by then, over all of those (the rate of `stats.commitment`);
 * - reopened share: of the requests filed in the year, those the citizen reopened at least once;
 * - suggestions by outcome: filed in the year, by their outcome now (`none`: not set yet).
 *   The national report counts a suggestion as ADOPTED when it is accepted or implemented
 *   (an implemented one was accepted first): adopted = accepted + implemented.
 */
export const yearRowSchema = z.object({
  agencyId: agencyIdSchema,
  requests: z.record(caseKindSchema, count),
  total: count,
  due: count,
  answeredInTime: count,
  reopened: count,
  /** `none`: no outcome set yet */
  suggestions: z.record(z.enum(['none', 'under_study', 'accepted', 'implemented', 'declined']), count),
  adopted: count,
});
export type YearRow = z.infer<typeof yearRowSchema>;

export const yearResultSchema = z.object({ year: z.number().int(), from: epochMsSchema, to: epochMsSchema, rows: z.array(yearRowSchema) });
export type YearResult = z.infer<typeof yearResultSchema>;

/** The outcomes the national report counts as adopted (see yearRowSchema). */
export const ADOPTED_OUTCOMES: readonly SuggestionOutcome[] = ['accepted', 'implemented'];

export function emptyYearRow(agencyId: string): YearRow {
  return {
    agencyId,
    requests: Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>,
    total: 0,
    due: 0,
    answeredInTime: 0,
    reopened: 0,
    suggestions: { none: 0, under_study: 0, accepted: 0, implemented: 0, declined: 0 },
    adopted: 0,
  };
}

/** The first instant of a local (Asia/Bahrain) calendar year. */
export function localYearStart(year: number): number {
  return Date.UTC(year, 0, 1) - BAHRAIN_CALENDAR.utcOffsetMinutes * MINUTE_MS;
}
