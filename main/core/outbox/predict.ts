// What a mutation is predicted to do to each case it touches: the same lifecycle `decide`
// the server runs, so the optimistic state is what the server will most likely say.
import type { Case, Template } from '../../../shared/domain';
import type { CaseCommand, NewMessage, Refusal } from '../../../shared/lifecycle';
import { applyPatch, decide } from '../../../shared/lifecycle';
import type { CaseMutationName, MutationArgs, MutationName } from '../../../shared/mutations';
import { isBulkMutation, toCaseCommand } from '../../../shared/mutations';
import { formatCaseRef } from '../../../shared/domain';
import { pickTemplate, renderTemplate } from '../../../shared/templates';
import type { Agency, Staff } from '../../../shared/domain';

export type PredictContext = {
  actorId: string;
  now: number;
  templates: readonly Template[];
  agencies: readonly Agency[];
  staff: readonly Staff[];
};

/** The case ids a mutation touches, from its parsed arguments. */
export function mutationCaseIds(name: MutationName, args: unknown): string[] {
  if (isBulkMutation(name)) return [...(args as { caseIds: string[] }).caseIds];
  return [(args as { caseId: string }).caseId];
}

function bulkCommand(
  name: Extract<MutationName, `bulk.${string}`>,
  args: unknown,
  c: Case,
  index: number,
  ctx: PredictContext,
): CaseCommand | null {
  switch (name) {
    case 'bulk.assign': {
      const a = args as MutationArgs<'bulk.assign'>;
      return { type: 'assign', assigneeId: a.assigneeIds[index % a.assigneeIds.length] };
    }
    case 'bulk.cover':
      return { type: 'assign', assigneeId: (args as MutationArgs<'bulk.cover'>).assigneeIds[index] ?? null };
    case 'bulk.setStatus':
      return { type: (args as MutationArgs<'bulk.setStatus'>).action };
    case 'bulk.setPriority':
      return { type: 'setPriority', priority: (args as MutationArgs<'bulk.setPriority'>).priority };
    case 'bulk.tag': {
      const a = args as MutationArgs<'bulk.tag'>;
      return { type: 'tag', add: a.add, remove: a.remove };
    }
    case 'bulk.reply': {
      const a = args as MutationArgs<'bulk.reply'>;
      const chosen = ctx.templates.find((t) => t.id === a.templateId);
      if (chosen === undefined) return null;
      const template = pickTemplate(ctx.templates, chosen.code, c.citizen.language) ?? chosen;
      const body = renderTemplate(template.body, {
        case: c,
        agency: ctx.agencies.find((x) => x.id === c.agencyId) ?? null,
        staff: ctx.staff.find((s) => s.id === ctx.actorId) ?? null,
        language: template.language,
        formatDate: (ms, language) => new Date(ms).toLocaleDateString(language === 'ar' ? 'ar-BH' : 'en-GB'),
      });
      return { type: 'reply', body, final: a.final };
    }
  }
  return null;
}

/** The command a mutation applies to one of its cases, or null when the desk cannot predict it. */
export function commandFor(name: MutationName, args: unknown, c: Case, ctx: PredictContext): CaseCommand | null {
  if (name === 'case.create') return null;
  if (isBulkMutation(name)) {
    const index = (args as { caseIds: string[] }).caseIds.indexOf(c.id);
    return bulkCommand(name, args, c, index, ctx);
  }
  return toCaseCommand(name, args as MutationArgs<CaseMutationName>, ctx.actorId);
}

/** The case a pending case.create stands for, until the server's version arrives. */
export function predictCreatedCase(args: MutationArgs<'case.create'>, now: number): Case {
  const day = 86_400_000;
  return {
    id: args.caseId,
    // the server numbers references; this placeholder is replaced when its version arrives
    ref: formatCaseRef(new Date(now).getUTCFullYear(), 0),
    kind: args.kind,
    agencyId: args.agencyId,
    category: args.category,
    channel: args.channel,
    citizen: args.citizen,
    subject: args.subject,
    body: args.body,
    language: args.language,
    status: 'new',
    priority: args.priority,
    assigneeId: null,
    createdAt: now,
    updatedAt: now,
    acknowledgedAt: null,
    firstResponseDueAt: now + 3 * day,
    resolutionDueAt: now + 7 * day,
    firstRespondedAt: null,
    answeredAt: null,
    closedAt: null,
    reopenCount: 0,
    rating: null,
    outcome: null,
    tags: [],
    escalated: false,
    transferredFrom: null,
    version: 1,
  };
}

export type Prediction = { ok: true; next: Case; messages: NewMessage[] } | Refusal;

/** One mutation on one case. A command the desk cannot predict leaves the case as it is. */
export function predictOne(name: MutationName, args: unknown, c: Case, ctx: PredictContext): Prediction {
  const command = commandFor(name, args, c, ctx);
  if (command === null) return { ok: true, next: c, messages: [] };
  const decision = decide(c, command, { now: ctx.now, actorId: ctx.actorId });
  if (!decision.ok) return decision;
  return { ok: true, next: applyPatch(c, decision.patch), messages: decision.messages };
}
