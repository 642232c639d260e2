// What each mutation does, as case edits, decided inside the caller's transaction. Every
// check that can refuse runs before anything is written, and a refusal throws, so a bulk
// mutation is all or nothing. Which command a mutation applies to each case comes from
// shared/ (mutations.ts, case-model.ts): the desk predicts from the same functions.
import type { Agency, Case, Staff } from '../../shared/domain';
import type { BulkMutationName } from '../../shared/case-model';
import { bulkCaseCommand, bulkCaseIds, dueTimesAfterTransfer } from '../../shared/case-model';
import type { CaseMutationName, MutationArgs, MutationName } from '../../shared/mutations';
import { toCaseCommand } from '../../shared/mutations';
import { renderReply } from '../../shared/templates';
import { canSeeAgency } from '../auth/visibility';
import { loadCasesForUpdate } from '../store/cases';
import type { Dialect, Tx } from '../store/db';
import { findAgency, findSlaPolicy, findTemplate, listAgencies, templatesWithCode } from '../store/reference';
import { countTemplateUse, templateAgency } from '../store/templates';
import { authoriseAssign, authoriseCase, checkAssignee, loadAssignees } from './authorise';
import type { CaseEdit } from './commit';
import { planCreate } from './create';
import { decideEdit } from './decide';
import type { DecidedEdit } from './decide';
import { MutationRefused } from './errors';
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
    case 'case.create':
      return [await planCreateFor(ctx, args as MutationArgs<'case.create'>)];
    case 'bulk.assign':
    case 'bulk.setStatus':
    case 'bulk.setPriority':
    case 'bulk.tag':
    case 'bulk.reply':
    case 'bulk.cover':
      return planBulk(ctx, name, args as MutationArgs<BulkMutationName>);
    default:
      return [await planSingle(ctx, name, args as MutationArgs<CaseMutationName>)];
  }
}

async function planCreateFor(ctx: PlanContext, args: MutationArgs<'case.create'>): Promise<CaseEdit> {
  if (!canSeeAgency(ctx.actor, args.agencyId)) {
    throw new MutationRefused('forbidden', `you may not file a case for ${args.agencyId}`, { agencyId: args.agencyId });
  }
  // an id already taken by a case the actor may not see is answered as any unknown case is,
  // so a create cannot probe another agency's case ids
  const taken = await loadCasesForUpdate(ctx.tx, ctx.dialect, [args.caseId]);
  const existing = taken.get(args.caseId);
  if (existing !== undefined) authoriseCase(ctx.actor, existing, args.caseId);
  const edit = await planCreate(ctx.tx, args, ctx.actor.id, ctx.now);
  await assignOnArrival(ctx.tx, ctx.dialect, edit, ctx.online ?? new Set(), ctx.now);
  return edit;
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
      checkAssignee(command.assigneeId, assignees.get(command.assigneeId), c);
    }
  }
  const templateId = name === 'case.reply' ? (args as MutationArgs<'case.reply'>).templateId : undefined;
  if (templateId !== undefined) await checkReplyTemplate(ctx.tx, templateId, c);
  const edit = decideEdit(c, command, ctx.actor.id, ctx.now);
  if (edit.transferredTo !== undefined) await applyTransferPolicy(ctx, edit);
  if (templateId !== undefined) await countTemplateUse(ctx.tx, templateId, 1);
  return edit;
}

/** A reply may name a national template or one of the case's agency; any other is unknown. */
async function checkReplyTemplate(tx: Tx, templateId: string, c: Case): Promise<void> {
  const agencyId = await templateAgency(tx, templateId);
  if (agencyId === undefined || (agencyId !== null && agencyId !== c.agencyId)) {
    throw new MutationRefused('not_found', `no template ${templateId}`, { templateId });
  }
}

/** The receiving agency's policy decides whether the SLA clock restarts on transfer. */
async function applyTransferPolicy(ctx: PlanContext, edit: DecidedEdit): Promise<void> {
  const to = edit.transferredTo ?? '';
  const agency = await findAgency(ctx.tx, to);
  if (agency?.active !== true) throw new MutationRefused('not_found', `no active agency ${to}`, { agencyId: to });
  const due = dueTimesAfterTransfer(await findSlaPolicy(ctx.tx, to, edit.after.kind), to, edit.after.kind, ctx.now);
  if (due !== null) Object.assign(edit.after, due);
}

async function planBulk(ctx: PlanContext, name: BulkMutationName, args: MutationArgs<BulkMutationName>): Promise<CaseEdit[]> {
  const ids = bulkCaseIds(args);
  const found = await loadCasesForUpdate(ctx.tx, ctx.dialect, ids);
  const cases = ids.map((id) => authoriseCase(ctx.actor, found.get(id), id));
  let replyBody: (c: Case) => string | null = () => null;
  let assignees = new Map<string, Staff>();
  if (name === 'bulk.reply') replyBody = await bulkReplyRenderer(ctx, args as MutationArgs<'bulk.reply'>);
  if (name === 'bulk.assign' || name === 'bulk.cover') {
    assignees = await loadAssignees(ctx.tx, [...new Set((args as MutationArgs<'bulk.assign' | 'bulk.cover'>).assigneeIds)]);
  }
  const edits = cases.map((c, index) => {
    const command = bulkCaseCommand(name, args, c, index, replyBody);
    if (command === null) throw new MutationRefused('internal', `${c.ref}: no command for ${name}`);
    if (command.type === 'assign' && command.assigneeId !== null) checkAssignee(command.assigneeId, assignees.get(command.assigneeId), c);
    return decideEdit(c, command, ctx.actor.id, ctx.now, { caseId: c.id, ref: c.ref });
  });
  if (name === 'bulk.reply') await countTemplateUse(ctx.tx, (args as MutationArgs<'bulk.reply'>).templateId, edits.length);
  return edits;
}

/** Renders a bulk reply's template per case; refuses a template the actor may not use on a case. */
async function bulkReplyRenderer(ctx: PlanContext, args: MutationArgs<'bulk.reply'>): Promise<(c: Case) => string> {
  const template = await findTemplate(ctx.tx, args.templateId);
  if (template === undefined || (template.agencyId !== null && !canSeeAgency(ctx.actor, template.agencyId))) {
    throw new MutationRefused('not_found', `no template ${args.templateId}`, { templateId: args.templateId });
  }
  const pair = await templatesWithCode(ctx.tx, template.code, template.agencyId);
  const agencies = new Map<string, Agency>((await listAgencies(ctx.tx)).map((a) => [a.id, a]));
  return (c) => {
    if (template.agencyId !== null && template.agencyId !== c.agencyId) {
      throw new MutationRefused('invalid_args', `${c.ref}: the template belongs to another agency`, { caseId: c.id, ref: c.ref });
    }
    return renderReply(pair, template, c, agencies.get(c.agencyId) ?? null, ctx.actor);
  };
}
