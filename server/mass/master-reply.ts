// A mass-complaint group's master answers for the whole group: when the master case gets its
// final public reply, every open member of its group gets the same answer in the same
// transaction (all of it commits with the master's reply, or none of it does), with the
// member taken by the replying staff member when nobody had it yet (shared/lifecycle.ts,
// `groupReply`). Each member's reply names the master's reference, and the audit says it came
// from the master. A member that cannot take a reply (it changed meanwhile in a way the
// lifecycle refuses) is left for a person to answer rather than blocking everyone else's.
import type { Case, Staff } from '../../shared/domain';
import { applyPatch, decide } from '../../shared/lifecycle';
import { writeAudit } from '../mutations/claim';
import type { CaseEdit } from '../mutations/commit';
import { toMessages } from '../mutations/decide';
import { loadCasesForUpdate } from '../store/cases';
import type { Dialect, Tx } from '../store/db';
import { groupMasteredBy, openMemberIds, setGroupMaster } from '../store/mass';

export type FanOutContext = { tx: Tx; dialect: Dialect; now: number; actor: Staff };

/** After `case.setMassMaster`: the group now names this case as its master. */
export async function recordMaster(tx: Tx, master: Case): Promise<void> {
  if (master.massGroupId !== null) await setGroupMaster(tx, master.massGroupId, master.id);
}

/**
 * The members' edits for the master's final reply in `edit` (none when the case is no
 * group's master). `replyFor` gives the text each member gets: the master's own text, or the
 * same template rendered for that member's citizen.
 */
export async function masterReplyEdits(ctx: FanOutContext, edit: CaseEdit, replyFor: (member: Case) => string): Promise<CaseEdit[]> {
  const master = edit.after;
  const groupId = master.massGroupId;
  if (groupId === null || !(await groupMasteredBy(ctx.tx, master.id, groupId))) return [];
  const ids = await openMemberIds(ctx.tx, groupId, master.id);
  if (ids.length === 0) return [];
  const members = await loadCasesForUpdate(ctx.tx, ctx.dialect, ids);
  const edits: CaseEdit[] = [];
  for (const member of members.values()) {
    const decision = decide(member, { type: 'groupReply', body: replyFor(member), final: true }, { now: ctx.now, actorId: ctx.actor.id });
    if (!decision.ok) continue;
    const messages = toMessages(member.id, decision.messages, ctx.now).map((m) => (m.kind === 'reply' ? { ...m, meta: { masterRef: master.ref } } : m));
    edits.push({ before: member, after: applyPatch(member, decision.patch), messages });
  }
  await auditFromMaster(ctx, master, edits);
  return edits;
}

async function auditFromMaster(ctx: FanOutContext, master: Case, edits: readonly CaseEdit[]): Promise<void> {
  const detail = JSON.stringify({ masterCaseId: master.id, masterRef: master.ref, groupId: master.massGroupId });
  await writeAudit(ctx.tx, ctx.dialect, { staffId: ctx.actor.id, client: 'server', action: 'mass.masterReply', detail }, edits.map((e) => e.after.id), ctx.now);
}
