// What each mutation does, as case edits, decided inside the caller's transaction. Every
// check that can refuse runs before anything is written, and a refusal throws, so a bulk
// mutation is all or nothing.
import type { Agency, Case, Staff } from '../../shared/domain';
import type { CaseCommand } from '../../shared/lifecycle';
import type { CaseMutationName, MutationArgs, MutationName } from '../../shared/mutations';
import { toCaseCommand } from '../../shared/mutations';
import { canSeeAgency } from '../auth/visibility';
import { loadCasesForUpdate } from '../store/cases';
import type { Dialect, Tx } from '../store/db';
import { findAgency, findSlaPolicy, findTemplate, listAgencies, templatesWithCode } from '../store/reference';
import { authoriseAssign, authoriseCase, checkAssigneeAgency, loadAssignees } from './authorise';
import type { CaseEdit } from './commit';
import { planCreate } from './create';
import { decideEdit } from './decide';
import type { DecidedEdit } from './decide';
import { MutationRefused } from './errors';
import { defaultSlaPolicy, slaDueTimes } from './sla';
import { renderReply } from './template-reply';
import { assignOnArrival } from '../supervision/auto-assign';

export type PlanContext = {
  tx: Tx;
  dialect: Dialect;
  now: number;
  actor: Staff;
  /** who has a desk connected in the new case's agency (auto-assignment); empty: nobody */
  online?: ReadonlySet<string>;
};

type AnyArgs = MutationArgs<MutationName>;

export async function planMutation(ctx: PlanContext, name: MutationName, args: AnyArgs): Promise<CaseEdit[]> {
  switch (name) {
    case 'case.create': {
      const a = args as MutationArgs<'case.create'>;
      if (!canSeeAgency(ctx.actor, a.agencyId)) {
        throw new MutationRefused('forbidden', `you may not file a case for ${a.agencyId}`, { agencyId: a.agencyId });
      }
      const edit = await planCreate(ctx.tx, a, ctx.actor.id, ctx.now);
      await assignOnArrival(ctx.tx, ctx.dialect, edit, ctx.online ?? new Set(), ctx.now);
      return [edit];
    }
    case 'bulk.assign':
    case 'bulk.setStatus':
    case 'bulk.setPriority':
    case 'bulk.tag':
    case 'bulk.reply':
    case 'bulk.cover':
      return planBulk(ctx, name, args);
    default:
      return [await planSingle(ctx, name, args as MutationArgs<CaseMutationName>)];
  }
}

async function loadOne(ctx: PlanContext, caseId: string): Promise<Case> {
  const found = await loadCasesForUpdate(ctx.tx, ctx.dialect, [caseId]);
  return authoriseCase(ctx.actor, found.get(caseId), caseId);
}

async function planSingle(ctx: PlanContext, name: CaseMutationName, args: MutationArgs<CaseMutationName>): Promise<CaseEdit> {
  const c = await loadOne(ctx, args.caseId);
  if ('expectedVersion' in args && args.expectedVersion !== undefined && args.expectedVersion !== c.version) {
    throw new MutationRefused('conflict', 'the case changed since you opened it', {
      caseId: c.id,
      expectedVersion: String(args.expectedVersion),
      version: String(c.version),
    });
  }
  const command = toCaseCommand(name, args, ctx.actor.id);
  if (command.type === 'assign') {
    authoriseAssign(ctx.actor, c, command.assigneeId);
    if (command.assigneeId !== null) {
      const assignees = await loadAssignees(ctx.tx, [command.assigneeId]);
      const assignee = assignees.get(command.assigneeId);
      if (assignee !== undefined) checkAssigneeAgency(assignee, c);
    }
  }
  const edit = decideEdit(c, command, ctx.actor.id, ctx.now);
  if (edit.transferredTo !== undefined) await applyTransferPolicy(ctx, edit);
  if (name === 'case.reply') {
    const templateId = (args as MutationArgs<'case.reply'>).templateId;
    if (templateId !== undefined) await countTemplateUse(ctx.tx, templateId, 1);
  }
  return edit;
}

/** The receiving agency's policy decides whether the SLA clock restarts on transfer. */
async function applyTransferPolicy(ctx: PlanContext, edit: DecidedEdit): Promise<void> {
  const to = edit.transferredTo ?? '';
  const agency = await findAgency(ctx.tx, to);
  if (agency?.active !== true) throw new MutationRefused('not_found', `no active agency ${to}`, { agencyId: to });
  const policy = await findSlaPolicy(ctx.tx, to, edit.after.kind);
  if (policy === undefined || policy.onTransfer === 'restart') {
    Object.assign(edit.after, slaDueTimes(policy ?? defaultSlaPolicy(to, edit.after.kind), ctx.now));
  }
}

async function countTemplateUse(tx: Tx, templateId: string, uses: number): Promise<void> {
  await tx
    .updateTable('templates')
    .set((eb) => ({ usage_count: eb('usage_count', '+', uses) }))
    .where('id', '=', templateId)
    .execute();
}

type BulkName = Extract<MutationName, `bulk.${string}`>;

async function planBulk(ctx: PlanContext, name: BulkName, args: AnyArgs): Promise<CaseEdit[]> {
  const ids = [...new Set((args as MutationArgs<BulkName>).caseIds)];
  const found = await loadCasesForUpdate(ctx.tx, ctx.dialect, ids);
  const cases = ids.map((id) => authoriseCase(ctx.actor, found.get(id), id));
  const decideEach = (commandFor: (c: Case, index: number) => CaseCommand) =>
    cases.map((c, i) => decideEdit(c, commandFor(c, i), ctx.actor.id, ctx.now, { caseId: c.id, ref: c.ref }));

  switch (name) {
    case 'bulk.assign': {
      const { assigneeIds } = args as MutationArgs<'bulk.assign'>;
      const assignees = await loadAssignees(ctx.tx, assigneeIds);
      // round-robin over the chosen people: each gets the same number of cases, ±1
      return decideEach((c, i) => {
        const assigneeId = assigneeIds[i % assigneeIds.length] ?? '';
        const assignee = assignees.get(assigneeId);
        if (assignee !== undefined) checkAssigneeAgency(assignee, c);
        return { type: 'assign', assigneeId };
      });
    }
    case 'bulk.cover': {
      // case i to assigneeIds[i]; a case listed twice keeps its first assignee
      const a = args as MutationArgs<'bulk.cover'>;
      const assigneeOf = new Map<string, string>();
      a.caseIds.forEach((id, i) => {
        if (!assigneeOf.has(id)) assigneeOf.set(id, a.assigneeIds[i] ?? '');
      });
      const assignees = await loadAssignees(ctx.tx, [...new Set(a.assigneeIds)]);
      return decideEach((c) => {
        const assigneeId = assigneeOf.get(c.id) ?? '';
        const assignee = assignees.get(assigneeId);
        if (assignee !== undefined) checkAssigneeAgency(assignee, c);
        return { type: 'assign', assigneeId };
      });
    }
    case 'bulk.setStatus': {
      const { action } = args as MutationArgs<'bulk.setStatus'>;
      return decideEach(() => ({ type: action }));
    }
    case 'bulk.setPriority': {
      const { priority } = args as MutationArgs<'bulk.setPriority'>;
      return decideEach(() => ({ type: 'setPriority', priority }));
    }
    case 'bulk.tag': {
      const { add, remove } = args as MutationArgs<'bulk.tag'>;
      return decideEach(() => ({ type: 'tag', add, remove }));
    }
    case 'bulk.reply':
      return planBulkReply(ctx, args as MutationArgs<'bulk.reply'>, cases);
  }
}

async function planBulkReply(ctx: PlanContext, args: MutationArgs<'bulk.reply'>, cases: readonly Case[]): Promise<CaseEdit[]> {
  const template = await findTemplate(ctx.tx, args.templateId);
  if (template === undefined || (template.agencyId !== null && !canSeeAgency(ctx.actor, template.agencyId))) {
    throw new MutationRefused('not_found', `no template ${args.templateId}`, { templateId: args.templateId });
  }
  const pair = await templatesWithCode(ctx.tx, template.code, template.agencyId);
  const agencies = new Map<string, Agency>((await listAgencies(ctx.tx)).map((a) => [a.id, a]));
  const edits = cases.map((c) => {
    if (template.agencyId !== null && template.agencyId !== c.agencyId) {
      throw new MutationRefused('invalid_args', `${c.ref}: the template belongs to another agency`, { caseId: c.id, ref: c.ref });
    }
    const body = renderReply(pair, template, c, agencies.get(c.agencyId) ?? null, ctx.actor);
    return decideEdit(c, { type: 'reply', body, final: args.final }, ctx.actor.id, ctx.now, { caseId: c.id, ref: c.ref });
  });
  await countTemplateUse(ctx.tx, template.id, edits.length);
  return edits;
}
