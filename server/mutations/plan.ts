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
import { masterReplyEdits, recordMaster } from '../mass/master-reply';

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
      return planCreateFor(ctx, args as MutationArgs<'case.create'>);
    case 'bulk.assign':
    case 'bulk.setStatus':
    case 'bulk.setPriority':
    case 'bulk.tag':
    case 'bulk.reply':
    case 'bulk.groupReply':
    case 'bulk.cover':
      return planBulk(ctx, name, args as MutationArgs<BulkMutationName>);
    default: {
      const edit = await planSingle(ctx, name, args as MutationArgs<CaseMutationName>);
      return [edit, ...(await planMasterReply(ctx, name, args as MutationArgs<CaseMutationName>, edit))];
    }
  }
}

/**
 * A mass-complaint group's master answered for good: the same answer goes to every open member
 * (server/mass/master-reply.ts). A reply from a template is rendered for each member's
 * citizen; a typed one is sent as it was written.
 */
async function planMasterReply(ctx: PlanContext, name: CaseMutationName, args: MutationArgs<CaseMutationName>, edit: CaseEdit): Promise<CaseEdit[]> {
  if (name !== 'case.reply' || edit.after.massGroupId === null) return [];
  const reply = args as MutationArgs<'case.reply'>;
  if (!reply.final) return [];
  const render = reply.templateId === undefined ? null : await bulkReplyRenderer(ctx, { templateId: reply.templateId });
  return masterReplyEdits(ctx, edit, (member) => (render === null ? reply.body : render(member)));
}

async function planCreateFor(ctx: PlanContext, args: MutationArgs<'case.create'>): Promise<CaseEdit[]> {
  if (!canSeeAgency(ctx.actor, args.agencyId)) {
    throw new MutationRefused('forbidden', `you may not file a case for ${args.agencyId}`, { agencyId: args.agencyId });
  }
  // an id already taken by a case the actor may not see is answered as any unknown case is,
  // so a create cannot probe another agency's case ids
  const taken = await loadCasesForUpdate(ctx.tx, ctx.dialect, [args.caseId]);
  const existing = taken.get(args.caseId);
  if (existing !== undefined) authoriseCase(ctx.actor, existing, args.caseId);
  const edits = await planCreate(ctx.tx, ctx.dialect, args, ctx.actor.id, ctx.now);
  await assignOnArrival(ctx.tx, ctx.dialect, edits[0], ctx.online ?? new Set(), ctx.now);
  return edits;
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
  if (name === 'case.setMassMaster') await recordMaster(ctx.tx, edit.after);
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
  if (name === 'bulk.reply' || name === 'bulk.groupReply') replyBody = await bulkReplyRenderer(ctx, args as MutationArgs<'bulk.reply'>);
  if (name === 'bulk.groupReply') checkOneGroup(cases);
  if (name === 'bulk.assign' || name === 'bulk.cover') {
    assignees = await loadAssignees(ctx.tx, [...new Set((args as MutationArgs<'bulk.assign' | 'bulk.cover'>).assigneeIds)]);
  }
  const edits = cases.map((c, index) => {
    const command = bulkCaseCommand(name, args, c, index, replyBody);
    if (command === null) throw new MutationRefused('internal', `${c.ref}: no command for ${name}`);
    if (command.type === 'assign' && command.assigneeId !== null) checkAssignee(command.assigneeId, assignees.get(command.assigneeId), c);
    return decideEdit(c, command, ctx.actor.id, ctx.now, { caseId: c.id, ref: c.ref });
  });
  if (name === 'bulk.reply' || name === 'bulk.groupReply') await countTemplateUse(ctx.tx, (args as MutationArgs<'bulk.reply'>).templateId, edits.length);
  return edits;
}

/** A group reply answers the cases of one mass-complaint group, nothing else. */
function checkOneGroup(cases: readonly Case[]): void {
  const groupId = cases[0]?.massGroupId ?? null;
  const stray = cases.find((c) => c.massGroupId === null || c.massGroupId !== groupId);
  if (stray !== undefined) {
    throw new MutationRefused('not_in_mass_group', `${stray.ref}: not a case of this group of complaints`, { caseId: stray.id, ref: stray.ref });
  }
}

/** Renders a bulk reply's template per case; refuses a template the actor may not use on a case. */
async function bulkReplyRenderer(ctx: PlanContext, args: Pick<MutationArgs<'bulk.reply'>, 'templateId'>): Promise<(c: Case) => string> {
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
