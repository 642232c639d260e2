// Runs the shared lifecycle's decision for one case and turns it into a case edit, or throws
// the refusal so the whole transaction rolls back.
import type { Case, Message } from '../../shared/domain';
import { applyPatch, decide } from '../../shared/lifecycle';
import type { CaseCommand, NewMessage } from '../../shared/lifecycle';
import type { CaseEdit } from './commit';
import { MutationRefused } from './errors';
import { nextId } from '../ids';

export function toMessages(caseId: string, messages: readonly NewMessage[], now: number): Message[] {
  return messages.map((m) => ({ id: nextId(now), caseId, author: m.author, kind: m.kind, body: m.body, meta: m.meta, createdAt: now }));
}

export type DecidedEdit = CaseEdit & { before: Case; transferredTo?: string };

export function decideEdit(c: Case, command: CaseCommand, actorId: string, now: number, refusalParams: Record<string, string> = {}): DecidedEdit {
  const decision = decide(c, command, { now, actorId });
  if (!decision.ok) {
    // in a bulk mutation the message names the first case that refused
    const message = refusalParams.ref === undefined ? decision.message : `${refusalParams.ref}: ${decision.message}`;
    throw new MutationRefused(decision.code, message, { ...decision.params, ...refusalParams });
  }
  const edit: DecidedEdit = {
    before: c,
    after: applyPatch(c, decision.patch),
    messages: toMessages(c.id, decision.messages, now),
  };
  if (decision.transferredTo !== undefined) edit.transferredTo = decision.transferredTo;
  return edit;
}
