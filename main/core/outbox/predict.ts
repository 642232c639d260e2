// What a mutation is predicted to do to each case it touches: the same lifecycle `decide`,
// the same per-case commands and the same new-case builder the server runs (shared/), so the
// optimistic state is what the server will most likely say.
import type { BulkMutationName } from '../../../shared/case-model';
import { bulkCaseCommand, bulkCaseIds, buildNewCase, dueTimesAfterTransfer, policyFor } from '../../../shared/case-model';
import type { Agency, Case, SlaPolicy, Staff, Template } from '../../../shared/domain';
import type { CaseCommand, NewMessage, Refusal } from '../../../shared/lifecycle';
import { applyPatch, decide } from '../../../shared/lifecycle';
import type { CaseMutationName, MutationArgs, MutationName } from '../../../shared/mutations';
import { isBulkMutation, toCaseCommand } from '../../../shared/mutations';
import { renderReply } from '../../../shared/templates';

export type PredictContext = {
  actorId: string;
  now: number;
  templates: readonly Template[];
  agencies: readonly Agency[];
  staff: readonly Staff[];
  /** the SLA policies of the agencies this desk sees (reference data) */
  slaPolicies: readonly SlaPolicy[];
};

/** The case ids a mutation touches, from its parsed arguments. */
export function mutationCaseIds(name: MutationName, args: unknown): string[] {
  if (isBulkMutation(name)) return [...(args as { caseIds: string[] }).caseIds];
  return [(args as { caseId: string }).caseId];
}

/** A bulk reply's text for one case, from the templates in reference data (null: not known here). */
function replyBodyFrom(ctx: PredictContext, templateId: string): (c: Case) => string | null {
  const chosen = ctx.templates.find((t) => t.id === templateId);
  if (chosen === undefined) return () => null;
  const pair = ctx.templates.filter((t) => t.code === chosen.code && t.agencyId === chosen.agencyId);
  const staff = ctx.staff.find((s) => s.id === ctx.actorId) ?? null;
  return (c) => renderReply(pair, chosen, c, ctx.agencies.find((a) => a.id === c.agencyId) ?? null, staff);
}

/**
 * Where each case stands in a bulk mutation's (deduplicated) list, worked out once per
 * arguments object: a bulk assignment gives case i to agent i mod n, and looking each case up
 * in the list made predicting 10,000 cases take 10,000² steps.
 */
const bulkPositions = new WeakMap<object, Map<string, number>>();

function bulkPosition(args: MutationArgs<BulkMutationName>, caseId: string): number {
  let positions = bulkPositions.get(args);
  if (positions === undefined) {
    positions = new Map(bulkCaseIds(args).map((id, i) => [id, i]));
    bulkPositions.set(args, positions);
  }
  return positions.get(caseId) ?? -1;
}

/** The command a mutation applies to one of its cases, or null when the desk cannot predict it. */
export function commandFor(name: MutationName, args: unknown, c: Case, ctx: PredictContext): CaseCommand | null {
  if (name === 'case.create') return null;
  if (isBulkMutation(name)) {
    const bulkArgs = args as MutationArgs<BulkMutationName>;
    const replyBody = name === 'bulk.reply' || name === 'bulk.groupReply' ? replyBodyFrom(ctx, (args as MutationArgs<'bulk.reply'>).templateId) : () => null;
    return bulkCaseCommand(name, bulkArgs, c, bulkPosition(bulkArgs, c.id), replyBody);
  }
  return toCaseCommand(name, args as MutationArgs<CaseMutationName>, ctx.actorId);
}

/** The case a pending case.create stands for, until the server's version (with its reference) arrives. */
export function predictCreatedCase(args: MutationArgs<'case.create'>, ctx: PredictContext): { case: Case; messages: NewMessage[] } {
  // reference number 0 is a placeholder: the server numbers references
  return buildNewCase(args, { refSeq: 0, now: ctx.now, policy: policyFor(ctx.slaPolicies, args.agencyId, args.kind), actorId: ctx.actorId });
}

export type Prediction = { ok: true; next: Case; messages: NewMessage[] } | Refusal;

/** One mutation on one case. A command the desk cannot predict leaves the case as it is. */
export function predictOne(name: MutationName, args: unknown, c: Case, ctx: PredictContext): Prediction {
  const command = commandFor(name, args, c, ctx);
  if (command === null) return { ok: true, next: c, messages: [] };
  const decision = decide(c, command, { now: ctx.now, actorId: ctx.actorId });
  if (!decision.ok) return decision;
  let next = applyPatch(c, decision.patch);
  if (decision.transferredTo !== undefined) {
    const to = decision.transferredTo;
    const due = dueTimesAfterTransfer(policyFor(ctx.slaPolicies, to, c.kind), to, c.kind, ctx.now);
    if (due !== null) next = { ...next, ...due };
  }
  return { ok: true, next, messages: decision.messages };
}
