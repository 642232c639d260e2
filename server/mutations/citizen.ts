// Writes that come from citizens through the intake API (app, portal): a new request, a
// message on it, a reopen, a rating. They go through the same lifecycle, feed and audit as a
// desk's mutations; the actor is 'citizen' and the client names the channel.
import { z } from 'zod';
import type { Case, Channel } from '../../shared/domain';
import { text } from '../../shared/domain';
import type { CaseCommand } from '../../shared/lifecycle';
import { mutationArgs } from '../../shared/mutations';
import type { ChangesEvent } from '../../shared/protocol';
import { findCaseByRef, loadCasesForUpdate } from '../store/cases';
import type { Store } from '../store/db';
import { commitEdits } from './commit';
import { planCreate } from './create';
import { nextId } from '../ids';
import { decideEdit } from './decide';
import { assignOnArrival } from '../supervision/auto-assign';
import type { OnlineStaff } from '../supervision/auto-assign';
import { MutationRefused } from './errors';

export const intakeRequestSchema = mutationArgs['case.create'].omit({ caseId: true, channel: true });
export type IntakeRequest = z.output<typeof intakeRequestSchema>;

export const intakeMessageSchema = z.object({ body: text().trim().min(1).max(20_000) });
export const intakeReopenSchema = z.object({ reason: text().trim().min(1).max(2_000) });
export const intakeRatingSchema = z.object({ rating: z.number().int().min(1).max(5) });

const CITIZEN = 'citizen';

/** An intake retry's key: the same key (per channel) files one case however often it is sent. */
export type IdempotencyKey = { key: string; bodyHash: string };

export type IntakeCreated = { case: { id: string; ref: string }; events: ChangesEvent[]; replayed: boolean };

export async function createFromIntake(
  store: Store,
  channel: Channel,
  request: IntakeRequest,
  idempotency: IdempotencyKey | null = null,
  now = Date.now(),
  online: OnlineStaff | null = null,
): Promise<IntakeCreated> {
  const onlineIds = online === null ? new Set<string>() : await online(request.agencyId);
  return store.transaction(async (tx) => {
    const caseId = nextId(now);
    if (idempotency !== null) {
      // claimed before the case is written: on PostgreSQL a concurrent retry with the same key
      // waits here for this transaction, then finds the stored answer
      const claim = await tx
        .insertInto('intake_keys')
        .values({ channel, key: idempotency.key, body_hash: idempotency.bodyHash, case_id: caseId, ref: '', created_at: now })
        .onConflict((oc) => oc.columns(['channel', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0n) === 0) {
        const stored = await tx
          .selectFrom('intake_keys')
          .select(['body_hash', 'case_id', 'ref'])
          .where('channel', '=', channel)
          .where('key', '=', idempotency.key)
          .executeTakeFirstOrThrow();
        if (stored.body_hash !== idempotency.bodyHash) {
          throw new MutationRefused('conflict', 'this Idempotency-Key was used for a different request');
        }
        return { case: { id: stored.case_id, ref: stored.ref }, events: [], replayed: true };
      }
    }
    const edits = await planCreate(tx, store.dialect, { ...request, caseId, channel }, CITIZEN, now);
    const edit = edits[0];
    await assignOnArrival(tx, store.dialect, edit, onlineIds, now);
    const events = await commitEdits(tx, store.dialect, edits, { staffId: CITIZEN, client: `intake:${channel}`, action: 'intake.create', detail: null }, now);
    if (idempotency !== null) {
      await tx.updateTable('intake_keys').set({ ref: edit.after.ref }).where('channel', '=', channel).where('key', '=', idempotency.key).execute();
    }
    return { case: { id: edit.after.id, ref: edit.after.ref }, events, replayed: false };
  });
}

export async function citizenCommand(
  store: Store,
  channel: Channel,
  ref: string,
  command: CaseCommand,
  now = Date.now(),
): Promise<{ case: Case; events: ChangesEvent[] }> {
  return store.transaction(async (tx) => {
    const byRef = await findCaseByRef(tx, ref);
    const locked = byRef === undefined ? undefined : (await loadCasesForUpdate(tx, store.dialect, [byRef.id])).get(byRef.id);
    if (locked === undefined) throw new MutationRefused('not_found', `no request ${ref}`, { ref });
    const edit = decideEdit(locked, command, CITIZEN, now);
    const events = await commitEdits(tx, store.dialect, [edit], { staffId: CITIZEN, client: `intake:${channel}`, action: `intake.${command.type}`, detail: null }, now);
    return { case: edit.after, events };
  });
}
