// A new case: the server gives it its reference; everything else is shared/case-model.ts's
// `buildNewCase`, which the desk's prediction calls too. Used by the desk's `case.create`
// (call centre, walk-ins) and by the intake API (app, portal), so a complaint is grouped with
// its near-identical twins here, in the transaction that files it, whichever way it came.
import type { NewCaseInput } from '../../shared/case-model';
import { buildNewCase, refYear } from '../../shared/case-model';
import { nextRefSeq } from '../store/cases';
import type { Dialect, Tx } from '../store/db';
import { groupOnArrival } from '../mass/grouping';
import { findAgency, findSlaPolicy } from '../store/reference';
import type { CaseEdit } from './commit';
import { toMessages } from './decide';
import { MutationRefused } from './errors';

export type NewCase = NewCaseInput;

/**
 * The new case's edit first, then those of earlier cases it changed (a complaint forming a
 * mass-complaint group with an earlier one gives that one the group too).
 */
export async function planCreate(tx: Tx, dialect: Dialect, input: NewCase, actorId: string, now: number): Promise<[CaseEdit, ...CaseEdit[]]> {
  const agency = await findAgency(tx, input.agencyId);
  if (agency?.active !== true) {
    throw new MutationRefused('not_found', `no active agency ${input.agencyId}`, { agencyId: input.agencyId });
  }
  const existing = await tx.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst();
  if (existing !== undefined) {
    throw new MutationRefused('conflict', 'a case with this id already exists', { caseId: input.caseId });
  }
  const policy = await findSlaPolicy(tx, input.agencyId, input.kind);
  const refSeq = await nextRefSeq(tx, refYear(now));
  const built = buildNewCase(input, { refSeq, now, policy, actorId });
  const edit: CaseEdit = { before: null, after: built.case, messages: toMessages(built.case.id, built.messages, now) };
  const grouped = await groupOnArrival(tx, dialect, edit, now);
  return [edit, ...grouped];
}
