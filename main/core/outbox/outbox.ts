// The outbox flow of DESIGN.md: write the mutation to the outbox file, apply its prediction
// to the cache, send it (in order, one at a time, same id on every resend) and settle it on
// the server's ack: applied → drop it; rejected → roll back and tell the user why.
import { ulid } from 'ulid';
import { DeskError } from '../../../shared/desk-api';
import type { DeskEventPayload, PendingMutation } from '../../../shared/desk-api';
import type { Case } from '../../../shared/domain';
import type { MutationArgs, MutationEnvelope, MutationName } from '../../../shared/mutations';
import { isBulkMutation, parseMutationArgs } from '../../../shared/mutations';
import type { MutateResult, ProtocolError } from '../../../shared/protocol';
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';
import type { OutboxStore, StoredMutation } from './outbox-store';
import type { OptimisticState } from './optimistic';
import { mutationCaseIds, predictCreatedCase, predictOne } from './predict';
import type { PredictContext } from './predict';

export type SendOutcome =
  | { kind: 'applied'; result: MutateResult }
  | { kind: 'rejected'; error: ProtocolError }
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
  /** how long a new mutation waits before its first send, so that undo can catch it */
  holdMs: number;
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
  undo(mutationId: string): boolean;
  list(): PendingMutation[];
  /** sends what is waiting, if connected; call on every (re)connect */
  flush(): void;
  close(): void;
};

function toPending(m: StoredMutation): PendingMutation {
  return { id: m.id, name: m.name, caseIds: m.caseIds, createdAt: m.createdAt, sent: m.sent, attempts: m.attempts };
}

export function createOutbox(o: OutboxOptions): Outbox {
  let flushing = false;
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
        throw new DeskError({ code: 'conflict', message: 'a case with this id already exists', params: { caseId: a.caseId } });
      }
      const created = predictCreatedCase(a, ctx.now);
      predictions.set(a.caseId, { before: null, next: created, messages: { ok: true, next: created, messages: [] } });
      return predictions;
    }
    for (const caseId of caseIds) {
      const current = o.cache.cases.readCase(caseId);
      if (current === null) {
        if (isBulkMutation(name)) continue; // not cached here: the server decides alone
        throw new DeskError({ code: 'not_found', message: 'this case is not in the desk cache', params: { caseId } });
      }
      const expected = (args as { expectedVersion?: number }).expectedVersion;
      if (expected !== undefined && expected !== current.version) {
        throw new DeskError({
          code: 'conflict',
          message: 'the case changed since it was opened',
          params: { caseId, expectedVersion: String(expected), version: String(current.version) },
        });
      }
      const prediction = predictOne(name, args, current, ctx);
      if (!prediction.ok) {
        throw new DeskError({ code: prediction.code, message: prediction.message, params: { ...prediction.params, caseId } });
      }
      predictions.set(caseId, { before: current, next: prediction.next, messages: prediction });
    }
    return predictions;
  }

  function mutate(name: MutationName, rawArgs: unknown) {
    const parsed = parseMutationArgs(name, rawArgs);
    if (!parsed.success) {
      const detail = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new DeskError({ code: 'invalid_args', message: `${name}: ${detail}` });
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
      sendAfter: now + o.holdMs,
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
    o.casesChanged([...predictions.keys()]);
    o.sizeChanged();
    schedule(o.holdMs);
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

  async function sendAll(): Promise<void> {
    while (!closed && o.transport.isConnected()) {
      const next = o.store.list()[0];
      if (next === undefined) return;
      const wait = next.sendAfter - Date.now();
      if (wait > 0) {
        schedule(wait);
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
        settle(next, outcome.result.cases);
        o.applied({ mutationId: next.id, name: next.name });
      } else {
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
    if (flushing || closed) return;
    flushing = true;
    sendAll()
      .catch((error: unknown) => o.logger.error({ err: error }, 'outbox flush failed'))
      .finally(() => {
        flushing = false;
      });
  }

  return {
    mutate,
    undo(mutationId) {
      const m = o.store.get(mutationId);
      if (m === null || m.sent) return false;
      settle(m, []);
      return true;
    },
    list: () => o.store.list().map(toPending),
    flush,
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
