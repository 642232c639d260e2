// The one mutation handler: `mutate {id, name, args}` → one transaction (idempotency claim,
// authorise, decide, apply, feed, audit, stored result) → broadcast after commit.
import type { Logger } from 'pino';
import type { Staff } from '../../shared/domain';
import { parseMutationArgs } from '../../shared/mutations';
import type { MutationArgs } from '../../shared/mutations';
import type { OnlineStaff } from '../supervision/auto-assign';
import { describeZodIssues } from '../../shared/errors';
import type { Ack, ChangesEvent, MutateResult } from '../../shared/protocol';
import { serverRequests } from '../../shared/protocol';
import type { Store } from '../store/db';
import { authoriseAction } from './authorise';
import { claimMutation, storeResult } from './claim';
import { commitEdits } from './commit';
import { MutationRefused } from './errors';
import { planMutation } from './plan';

/** bulk mutations this large are worth a line in the debug log when their writes start */
const BULK_LOG_THRESHOLD = 1_000;

export type MutationOutcome = { ack: Ack<MutateResult>; events: ChangesEvent[] };

/**
 * Applies a mutation envelope from `actor`. Never throws for bad input: the outcome carries an
 * error ack. The caller broadcasts `events` (empty unless something was committed).
 */
export async function applyMutation(
  store: Store,
  actor: Staff,
  envelope: unknown,
  client: string,
  now = Date.now(),
  logger?: Logger,
  online?: OnlineStaff,
): Promise<MutationOutcome> {
  const parsedEnvelope = serverRequests.mutate.args.safeParse(envelope);
  if (!parsedEnvelope.success) {
    return refused(new MutationRefused('invalid_args', describeZodIssues(parsedEnvelope.error.issues)));
  }
  const { id, name } = parsedEnvelope.data;
  const parsedArgs = parseMutationArgs(name, parsedEnvelope.data.args);
  if (!parsedArgs.success) {
    return refused(new MutationRefused('invalid_args', describeZodIssues(parsedArgs.error.issues), { name }));
  }
  try {
    authoriseAction(actor, name);
    // a new case may be auto-assigned to someone online: asked before the transaction
    const onlineIds = name === 'case.create' && online !== undefined ? await online((parsedArgs.data as MutationArgs<'case.create'>).agencyId) : new Set<string>();
    return await store.transaction(async (tx) => {
      const stored = await claimMutation(tx, id, actor.id, name, now);
      if (stored !== null) {
        const result = JSON.parse(stored) as MutateResult;
        return { ack: { ok: true, value: { ...result, replayed: true } }, events: [] } satisfies MutationOutcome;
      }
      const edits = await planMutation({ tx, dialect: store.dialect, now, actor, online: onlineIds }, name, parsedArgs.data);
      if (edits.length >= BULK_LOG_THRESHOLD) logger?.debug({ mutationId: id, name, cases: edits.length }, 'writing a bulk mutation');
      const result: MutateResult = {
        mutationId: id,
        cases: name.startsWith('bulk.') ? [] : edits.map((e) => e.after),
        replayed: false,
      };
      // stored before the edits are written: the feed's lock (taken in commitEdits) is then
      // held only for the feed rows and the commit
      await storeResult(tx, id, result);
      const events = await commitEdits(tx, store.dialect, edits, { staffId: actor.id, client, action: name, detail: JSON.stringify({ mutationId: id }) }, now);
      return { ack: { ok: true, value: result }, events } satisfies MutationOutcome;
    });
  } catch (error) {
    if (error instanceof MutationRefused) return refused(error);
    throw error;
  }
}

function refused(error: MutationRefused): MutationOutcome {
  return { ack: { ok: false, error: error.toWire() }, events: [] };
}
