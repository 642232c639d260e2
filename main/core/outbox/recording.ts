// Recording a mutation: parse it, predict it on every cached case it touches (a refusal stops
// it whole, nothing written), write it to the outbox file, lay the prediction on the cache;
// and settling one: drop it from the outbox and the cache, replaying what else is pending.
import { ulid } from 'ulid';
import type { Case } from '../../../shared/domain';
import { CodedError, describeZodIssues } from '../../../shared/errors';
import type { NewMessage } from '../../../shared/lifecycle';
import type { MutationArgs, MutationName } from '../../../shared/mutations';
import { isBulkMutation, parseMutationArgs } from '../../../shared/mutations';
import type { StoredMutation } from './outbox-store';
import type { OutboxOptions } from './outbox';
import { mutationCaseIds, predictCreatedCase, predictOne } from './predict';
import type { PredictContext } from './predict';
import { heldForUndoWindow } from './undo-rules';

/** What a mutation is predicted to do to one case: the case before, after, and its new messages. */
export type CasePrediction = { before: Case | null; next: Case; messages: NewMessage[] };

export type Recorded = { mutation: StoredMutation; predictions: Map<string, CasePrediction> };

type RecordingOptions = Pick<OutboxOptions, 'cache' | 'store' | 'optimistic' | 'actorId' | 'holdMs' | 'undoWindowMs' | 'predictContext' | 'casesChanged' | 'seesAgency' | 'sizeChanged' | 'logger'>;

function predictCreate(o: RecordingOptions, args: MutationArgs<'case.create'>, ctx: PredictContext): Map<string, CasePrediction> {
  if (o.cache.cases.readVersion(args.caseId) !== null) {
    throw new CodedError('conflict', 'a case with this id already exists', { caseId: args.caseId });
  }
  const created = predictCreatedCase(args, ctx);
  return new Map([[args.caseId, { before: null, next: created.case, messages: created.messages }]]);
}

/** Predicts the mutation on every cached case it touches; a refusal stops it whole. */
export function predictMutation(o: RecordingOptions, name: MutationName, args: unknown, caseIds: string[], ctx: PredictContext): Map<string, CasePrediction> {
  if (name === 'case.create') return predictCreate(o, args as MutationArgs<'case.create'>, ctx);
  const predictions = new Map<string, CasePrediction>();
  for (const caseId of caseIds) {
    const current = o.cache.cases.readCase(caseId);
    if (current === null) {
      if (isBulkMutation(name)) continue; // not cached here: the server decides alone
      throw new CodedError('not_found', 'this case is not in the desk cache', { caseId });
    }
    const expected = (args as { expectedVersion?: number }).expectedVersion;
    if (expected !== undefined && expected !== current.version) {
      throw new CodedError('conflict', 'the case changed since it was opened', { caseId, expectedVersion: String(expected), version: String(current.version) });
    }
    const prediction = predictOne(name, args, current, ctx);
    if (!prediction.ok) {
      throw new CodedError(prediction.code, prediction.message, { ...prediction.params, caseId });
    }
    predictions.set(caseId, { before: current, next: prediction.next, messages: prediction.messages });
  }
  return predictions;
}

function parseArgs(name: MutationName, rawArgs: unknown): unknown {
  const parsed = parseMutationArgs(name, rawArgs);
  if (parsed.success) return parsed.data;
  throw new CodedError('invalid_args', `${name}: ${describeZodIssues(parsed.error.issues)}`);
}

/**
 * Lays the predictions on the cache in one pass: each case is written once, as predicted, and
 * its search rows are rebuilt with the others at the end. The prediction was made on what the
 * case showed (its base and the earlier pending mutations), so it is what a replay of base and
 * pending would give; replaying here cost a second prediction and a base read per case (a bulk
 * of 10,000 spent most of its time before sending on that).
 */
function layPredictions(o: RecordingOptions, mutation: StoredMutation, predictions: ReadonlyMap<string, CasePrediction>): void {
  const toIndex = new Set<string>();
  let position = 0;
  for (const [caseId, p] of predictions) {
    o.optimistic.keepBase(caseId, p.before);
    o.cache.cases.writeCase(p.next);
    // Placeholders until the server's messages arrive (they are dropped when it answers), named
    // after the mutation: a ULID each cost 16 calls for random bytes, a tenth of a bulk's time.
    p.messages.forEach((message, k) => {
      o.cache.cases.insertMessage({ id: `${mutation.id}.${position}.${k}`, caseId, createdAt: mutation.createdAt, ...message }, mutation.id);
    });
    position += 1;
    toIndex.add(caseId);
  }
  o.cache.cases.reindexCases(toIndex);
}

/**
 * Writes the mutation to the outbox file, sends it if it is due (`sendDue`), then lays its
 * prediction on the cache (one cache transaction). It goes before its prediction is written so
 * that the server's work overlaps the desk's: a bulk of 1,000 spent half a second writing its
 * predictions before anything left. If that write fails, a mutation not yet sent is taken back
 * out of the outbox (the user is told); one already sent stays, and the server's answer and
 * changes show its outcome. An inverse sent by an undo (`compensation`) goes at once; see
 * undo-rules.ts for which mutations wait the window.
 */
export function recordMutation(o: RecordingOptions, name: MutationName, rawArgs: unknown, compensation: boolean, sendDue: () => void): Recorded {
  const args = parseArgs(name, rawArgs);
  const now = Date.now();
  const caseIds = mutationCaseIds(name, args);
  const predictions = predictMutation(o, name, args, caseIds, o.predictContext(o.actorId, now));
  const mutation: StoredMutation = {
    id: ulid(),
    name,
    args,
    caseIds,
    actorId: o.actorId,
    createdAt: now,
    sendAfter: now + (compensation ? 0 : heldForUndoWindow(name) ? o.undoWindowMs : o.holdMs),
    sent: false,
    attempts: 0,
  };
  o.store.add(mutation);
  sendDue();
  try {
    o.cache.transaction(() => layPredictions(o, mutation, predictions));
  } catch (error) {
    if (o.store.get(mutation.id)?.sent !== true) {
      o.store.remove(mutation.id);
      throw error;
    }
    o.logger.error({ err: error, mutationId: mutation.id }, 'the prediction of a sent mutation could not be written; the server decides');
  }
  o.casesChanged([...predictions.keys()]);
  o.sizeChanged();
  return { mutation, predictions };
}

/** Drops a mutation from the outbox and the cache, replaying what else is pending. */
export function settleMutation(o: RecordingOptions, m: StoredMutation, serverCases: readonly Case[]): void {
  o.store.remove(m.id);
  o.cache.transaction(() => {
    // every case's rows rebuilt once, together, at the end (a bulk settles 10,000 at once)
    const toIndex = new Set(o.cache.cases.deletePendingMessages(m.id));
    const replayed = new Set<string>();
    for (const c of serverCases) {
      if (o.seesAgency(c.agencyId)) o.optimistic.applyServerCase(c, toIndex);
      else o.cache.cases.moveAway(c);
      replayed.add(c.id);
    }
    for (const caseId of m.caseIds) if (!replayed.has(caseId)) o.optimistic.replay(caseId, toIndex);
    o.cache.cases.reindexCases(toIndex);
  });
  o.casesChanged([...new Set([...m.caseIds, ...serverCases.map((c) => c.id)])]);
  o.sizeChanged();
}
