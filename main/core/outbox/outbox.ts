// The outbox flow of DESIGN.md: write the mutation to the outbox file, apply its prediction
// to the cache, send it (in order, one at a time, same id on every resend) and settle it on
// the server's ack: applied → drop it; rejected → roll back and tell the user why.
import { ulid } from 'ulid';
import type { DeskEventPayload, PendingMutation, UndoResult } from '../../../shared/desk-api';
import type { Case } from '../../../shared/domain';
import type { MutationArgs, MutationEnvelope, MutationName } from '../../../shared/mutations';
import { isBulkMutation, parseMutationArgs } from '../../../shared/mutations';
import type { MutateResult } from '../../../shared/protocol';
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';
import type { OutboxStore, StoredMutation } from './outbox-store';
import type { OptimisticState } from './optimistic';
import { mutationCaseIds, predictCreatedCase, predictOne } from './predict';
import type { PredictContext } from './predict';
import { createUndoJournal } from './undo-journal';
import { heldForUndoWindow, isCompensable } from './undo-rules';
import { CodedError, describeZodIssues } from '../../../shared/errors';
import type { WireError } from '../../../shared/errors';

export type SendOutcome =
  | { kind: 'applied'; result: MutateResult }
  | { kind: 'rejected'; error: WireError }
  /** not delivered (offline, timeout): stays in the outbox and goes again on reconnect */
  | { kind: 'unsent'; reason: string };

export type MutationTransport = {
  isConnected(): boolean;
  send(envelope: MutationEnvelope): Promise<SendOutcome>;
};

/** Rejections that say "later", not "no": the mutation stays and is sent again. */
const RETRY_LATER = new Set(['rate_limited']);
const RETRY_DELAY_MS = 2_000;

export type OutboxOptions = {
  cache: Cache;
  store: OutboxStore;
  optimistic: OptimisticState;
  transport: MutationTransport;
  actorId: string;
  /** how long a compensable mutation waits before its first send (undo-rules.ts) */
  holdMs: number;
  /** how long the user can undo; mutations without an inverse are held this long */
  undoWindowMs: number;
  predictContext: (actorId: string, now: number) => PredictContext;
  casesChanged: (caseIds: string[]) => void;
  /** whether this desk sees the agency's cases (a transfer's ack returns the case elsewhere) */
  seesAgency: (agencyId: string) => boolean;
  applied: (payload: DeskEventPayload<'mutation.applied'>) => void;
  rejected: (payload: DeskEventPayload<'mutation.rejected'>) => void;
  sizeChanged: () => void;
  logger: CoreLogger;
};

export type Outbox = {
  mutate(name: MutationName, rawArgs: unknown): { mutationId: string; caseIds: string[] };
  undo(mutationId: string): UndoResult;
  /** sends a held mutation now (and any earlier one on the same cases): "Send now" */
  sendNow(mutationId: string): boolean;
  /** when the next waiting mutation goes, if one waits */
  nextSendAt(): number | null;
  list(): PendingMutation[];
  /** sends what is waiting, if connected; call on every (re)connect */
  flush(): void;
  close(): void;
};

export function createOutbox(o: OutboxOptions): Outbox {
  const journal = createUndoJournal(o.cache, o.undoWindowMs);
  /** inverses sent by an undo: not themselves undoable */
  const inverses = new Set<string>();
  const undoableUntil = (m: { id: string; name: MutationName; createdAt: number }) =>
    isCompensable(m.name) && !inverses.has(m.id) ? m.createdAt + o.undoWindowMs : undefined;
  function toPending(m: StoredMutation): PendingMutation {
    const until = undoableUntil(m);
    return {
      id: m.id, name: m.name, caseIds: m.caseIds, createdAt: m.createdAt, sent: m.sent, attempts: m.attempts,
      sendAt: m.sendAfter,
      ...(until === undefined ? {} : { undoableUntil: until }),
    };
  }

  let flushing = false;
  let flushAgain = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  function schedule(delayMs: number): void {
    if (closed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      flush();
    }, Math.max(0, delayMs));
  }

  /** Predicts the mutation on every cached case it touches; a refusal stops it whole. */
  function predict(name: MutationName, args: unknown, caseIds: string[], ctx: PredictContext) {
    const predictions = new Map<string, { before: Case | null; next: Case; messages: ReturnType<typeof predictOne> }>();
    if (name === 'case.create') {
      const a = args as MutationArgs<'case.create'>;
      if (o.cache.cases.readVersion(a.caseId) !== null) {
        throw new CodedError('conflict', 'a case with this id already exists', { caseId: a.caseId });
      }
      const created = predictCreatedCase(a, ctx);
      predictions.set(a.caseId, { before: null, next: created.case, messages: { ok: true, next: created.case, messages: created.messages } });
      return predictions;
    }
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
      predictions.set(caseId, { before: current, next: prediction.next, messages: prediction });
    }
    return predictions;
  }

  function mutate(name: MutationName, rawArgs: unknown, compensation = false) {
    const parsed = parseMutationArgs(name, rawArgs);
    if (!parsed.success) {
      const detail = describeZodIssues(parsed.error.issues);
      throw new CodedError('invalid_args', `${name}: ${detail}`);
    }
    const args: unknown = parsed.data;
    const now = Date.now();
    const caseIds = mutationCaseIds(name, args);
    const predictions = predict(name, args, caseIds, o.predictContext(o.actorId, now));
    const mutation: StoredMutation = {
      id: ulid(),
      name,
      args,
      caseIds,
      actorId: o.actorId,
      createdAt: now,
      // an inverse goes at once; see undo-rules.ts for which mutations wait the whole window
      sendAfter: now + (compensation ? 0 : heldForUndoWindow(name) ? o.undoWindowMs : o.holdMs),
      sent: false,
      attempts: 0,
    };
    o.store.add(mutation);
    try {
      o.cache.transaction(() => {
        for (const [caseId, p] of predictions) {
          o.optimistic.keepBase(caseId, p.before);
          o.optimistic.replay(caseId);
          if (!p.messages.ok) continue;
          for (const message of p.messages.messages) {
            o.cache.cases.insertMessage({ id: ulid(), caseId, createdAt: now, ...message }, mutation.id);
          }
          if (p.messages.messages.length > 0) o.cache.cases.reindex(caseId);
        }
      });
    } catch (error) {
      o.store.remove(mutation.id);
      throw error;
    }
    if (!compensation && isCompensable(name)) {
      const before = new Map<string, Case | null>(caseIds.map((caseId) => [caseId, predictions.get(caseId)?.before ?? null]));
      journal.remember(mutation.id, name, args, now, before);
    }
    o.casesChanged([...predictions.keys()]);
    o.sizeChanged();
    flush();
    return { mutationId: mutation.id, caseIds };
  }

  /** Drops a mutation from the outbox and the cache, replaying what else is pending. */
  function settle(m: StoredMutation, serverCases: readonly Case[]): void {
    o.store.remove(m.id);
    o.cache.transaction(() => {
      o.cache.cases.deletePendingMessages(m.id);
      for (const c of serverCases) {
        if (o.seesAgency(c.agencyId)) o.optimistic.applyServerCase(c);
        else o.cache.cases.moveAway(c);
      }
      for (const caseId of m.caseIds) o.optimistic.replay(caseId);
    });
    o.casesChanged([...new Set([...m.caseIds, ...serverCases.map((c) => c.id)])]);
    o.sizeChanged();
  }

  /**
   * The next mutation due: the oldest whose time has come and that no earlier waiting
   * mutation shares a case with (a case's mutations go in the order they were made; a reply
   * held for the undo window does not hold up a take on another case).
   */
  function nextDue(now: number): { due: StoredMutation | null; wakeAt: number | null } {
    const busy = new Set<string>();
    let wakeAt: number | null = null;
    for (const m of o.store.list()) {
      if (!m.caseIds.some((id) => busy.has(id))) {
        if (m.sendAfter <= now) return { due: m, wakeAt: null };
        wakeAt = wakeAt === null ? m.sendAfter : Math.min(wakeAt, m.sendAfter);
      }
      for (const id of m.caseIds) busy.add(id);
    }
    return { due: null, wakeAt };
  }

  async function sendAll(): Promise<void> {
    while (!closed && o.transport.isConnected()) {
      const { due: next, wakeAt } = nextDue(Date.now());
      if (next === null) {
        if (wakeAt !== null) schedule(wakeAt - Date.now());
        return;
      }
      o.store.markSent(next.id);
      o.sizeChanged();
      const outcome = await o.transport.send({ id: next.id, name: next.name, args: next.args });
      if (closed) return;
      if (outcome.kind === 'unsent') {
        o.logger.info({ mutationId: next.id, reason: outcome.reason }, 'mutation not delivered; will resend');
        // still connected (the ack timed out): try again later; otherwise the reconnect flushes
        if (o.transport.isConnected()) schedule(RETRY_DELAY_MS);
        return;
      }
      if (outcome.kind === 'rejected' && RETRY_LATER.has(outcome.error.code)) {
        schedule(RETRY_DELAY_MS);
        return;
      }
      if (outcome.kind === 'applied') {
        journal.applied(next.id);
        settle(next, outcome.result.cases);
        const until = undoableUntil(next);
        inverses.delete(next.id);
        o.applied({ mutationId: next.id, name: next.name, ...(until === undefined ? {} : { undoableUntil: until }) });
      } else {
        journal.forget(next.id);
        inverses.delete(next.id);
        o.logger.info({ mutationId: next.id, code: outcome.error.code }, 'mutation rejected by the server');
        settle(next, []);
        o.rejected({
          mutationId: next.id,
          name: next.name,
          caseIds: next.caseIds,
          code: outcome.error.code,
          message: outcome.error.message,
          params: outcome.error.params ?? {},
        });
      }
    }
  }

  function flush(): void {
    if (closed) return;
    if (flushing) {
      // the running pass may have looked before this call's reason (a connect, Send now)
      flushAgain = true;
      return;
    }
    flushing = true;
    flushAgain = false;
    sendAll()
      .catch((error: unknown) => o.logger.error({ err: error }, 'outbox flush failed'))
      .finally(() => {
        flushing = false;
        if (flushAgain) flush();
      });
  }

  return {
    mutate: (name, rawArgs) => mutate(name, rawArgs),
    undo(mutationId) {
      const m = o.store.get(mutationId);
      if (m !== null) {
        if (m.sent) {
          return { undone: false, code: 'in_flight', reason: 'it has been sent and the server has not answered yet; try again when it has' };
        }
        journal.forget(m.id);
        settle(m, []);
        return { undone: true, how: 'dropped' };
      }
      const plan = journal.compensate(mutationId, Date.now());
      if (!plan.ok) {
        const { code, reason, params } = plan;
        return { undone: false, code, reason, ...(params === undefined ? {} : { params }) };
      }
      for (const inverse of plan.mutations) inverses.add(mutate(inverse.name, inverse.args, true).mutationId);
      return { undone: true, how: 'compensated' };
    },
    sendNow(mutationId) {
      const m = o.store.get(mutationId);
      if (m === null || m.sent) return false;
      const now = Date.now();
      for (const earlier of o.store.list()) {
        if (earlier.id === m.id) break;
        if (earlier.sendAfter > now && earlier.caseIds.some((id) => m.caseIds.includes(id))) o.store.setSendAfter(earlier.id, now);
      }
      o.store.setSendAfter(m.id, now);
      o.sizeChanged();
      flush();
      return true;
    },
    nextSendAt() {
      let at: number | null = null;
      for (const m of o.store.list()) if (!m.sent) at = at === null ? m.sendAfter : Math.min(at, m.sendAfter);
      return at;
    },
    list: () => o.store.list().map(toPending),
    flush,
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
