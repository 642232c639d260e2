// The case model written once: how a new case is built (its outcome, its SLA due times in
// working time from the agency's policy), what a transfer does to those due times, and which
// per-case command a bulk mutation stands for. The server's planner and the desk's prediction
// both call these, so what the desk shows before the ack is what the server then stores.
import type { Case, CaseKind, SlaPolicy } from './domain';
import { formatCaseRef } from './domain';
import type { CaseCommand, NewMessage } from './lifecycle';
import type { MutationArgs, MutationName } from './mutations';
import { BAHRAIN_CALENDAR, addWorkingMinutes, workingMinutesPerDay } from './working-time';

const WORKING_DAY = workingMinutesPerDay(BAHRAIN_CALENDAR);

/** Public-sector norms, used when an agency has no policy for a kind. */
export function defaultSlaPolicy(agencyId: string, kind: CaseKind): SlaPolicy {
  return {
    agencyId,
    kind,
    acknowledgeMinutes: 2 * WORKING_DAY,
    firstResponseMinutes: 5 * WORKING_DAY,
    resolutionMinutes: (kind === 'complaint' ? 20 : kind === 'suggestion' ? 30 : 5) * WORKING_DAY,
    onTransfer: 'restart',
  };
}

/** The agency's policy for a kind among `policies` (the desk's reference data, or the server's rows). */
export function policyFor(policies: readonly SlaPolicy[], agencyId: string, kind: CaseKind): SlaPolicy | undefined {
  return policies.find((p) => p.agencyId === agencyId && p.kind === kind);
}

export type DueTimes = { firstResponseDueAt: number; resolutionDueAt: number };

export function slaDueTimes(policy: SlaPolicy, startMs: number): DueTimes {
  return {
    firstResponseDueAt: addWorkingMinutes(startMs, policy.firstResponseMinutes),
    resolutionDueAt: addWorkingMinutes(startMs, policy.resolutionMinutes),
  };
}

/**
 * The due times of a case arriving at `toAgencyId` by transfer: the receiving agency's policy
 * decides whether the clock restarts (no policy: the norms, which restart it); null keeps them.
 */
export function dueTimesAfterTransfer(policy: SlaPolicy | undefined, toAgencyId: string, kind: CaseKind, now: number): DueTimes | null {
  if (policy !== undefined && policy.onTransfer !== 'restart') return null;
  return slaDueTimes(policy ?? defaultSlaPolicy(toAgencyId, kind), now);
}

/** The calendar year in Bahrain, which numbers the references. */
export function refYear(now: number): number {
  return new Date(now + BAHRAIN_CALENDAR.utcOffsetMinutes * 60_000).getUTCFullYear();
}

export type NewCaseInput = MutationArgs<'case.create'>;

export type NewCaseContext = {
  /** the reference number the server draws; the desk shows a placeholder until the ack */
  refSeq: number;
  now: number;
  /** the agency's policy for the kind, if it has one */
  policy: SlaPolicy | undefined;
  actorId: string;
};

/** A new case and the thread event that records its filing. */
export function buildNewCase(input: NewCaseInput, ctx: NewCaseContext): { case: Case; messages: NewMessage[] } {
  const policy = ctx.policy ?? defaultSlaPolicy(input.agencyId, input.kind);
  const c: Case = {
    id: input.caseId,
    ref: formatCaseRef(refYear(ctx.now), ctx.refSeq),
    kind: input.kind,
    agencyId: input.agencyId,
    category: input.category,
    channel: input.channel,
    citizen: input.citizen,
    subject: input.subject,
    body: input.body,
    language: input.language,
    status: 'new',
    priority: input.priority,
    assigneeId: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    acknowledgedAt: null,
    ...slaDueTimes(policy, ctx.now),
    firstRespondedAt: null,
    answeredAt: null,
    closedAt: null,
    reopenCount: 0,
    rating: null,
    // a suggestion is studied before anyone decides on it
    outcome: input.kind === 'suggestion' ? 'under_study' : null,
    tags: [],
    escalated: false,
    transferredFrom: null,
    // the server groups it as it files it (server/mass/grouping.ts)
    massGroupId: null,
    version: 1,
  };
  const messages: NewMessage[] = [{ kind: 'event', author: ctx.actorId, body: 'created', meta: { channel: input.channel } }];
  return { case: c, messages };
}

export type BulkMutationName = Extract<MutationName, `bulk.${string}`>;

/**
 * The command a bulk mutation applies to the case at `index` of its (deduplicated) list.
 * `replyBody` renders a bulk reply's template for that case (the server from its rows, the
 * desk from its reference data); null when the template is unknown to the caller.
 */
export function bulkCaseCommand(
  name: BulkMutationName,
  args: MutationArgs<BulkMutationName>,
  c: Case,
  index: number,
  replyBody: (c: Case) => string | null,
): CaseCommand | null {
  switch (name) {
    case 'bulk.assign': {
      const { assigneeIds } = args as MutationArgs<'bulk.assign'>;
      // round-robin over the chosen people: each gets the same number of cases, ±1
      return { type: 'assign', assigneeId: assigneeIds[index % assigneeIds.length] ?? null };
    }
    case 'bulk.cover': {
      // a leave cover names each case's assignee; a case listed twice keeps its first one
      const { caseIds, assigneeIds } = args as MutationArgs<'bulk.cover'>;
      return { type: 'assign', assigneeId: assigneeIds[caseIds.indexOf(c.id)] ?? null };
    }
    case 'bulk.setStatus':
      return { type: (args as MutationArgs<'bulk.setStatus'>).action };
    case 'bulk.setPriority':
      return { type: 'setPriority', priority: (args as MutationArgs<'bulk.setPriority'>).priority };
    case 'bulk.tag': {
      const { add, remove } = args as MutationArgs<'bulk.tag'>;
      return { type: 'tag', add, remove };
    }
    case 'bulk.reply': {
      const body = replyBody(c);
      return body === null ? null : { type: 'reply', body, final: (args as MutationArgs<'bulk.reply'>).final };
    }
    case 'bulk.groupReply': {
      const body = replyBody(c);
      return body === null ? null : { type: 'groupReply', body, final: (args as MutationArgs<'bulk.groupReply'>).final };
    }
  }
}

/** A bulk mutation's case ids without repeats, in their first order (the index `bulkCaseCommand` takes). */
export function bulkCaseIds(args: MutationArgs<BulkMutationName>): string[] {
  return [...new Set(args.caseIds)];
}
