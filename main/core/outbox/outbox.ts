// The outbox flow of DESIGN.md: write the mutation to the outbox file, apply its prediction
// to the cache, send it (in order, one at a time, same id on every resend) and settle it on
// the server's ack: applied → drop it; rejected → roll back and tell the user why. Three
// named parts: recording.ts (parse, predict, record, settle), send-queue.ts (what goes when)
// and undo-flow.ts (drop or compensate); this file wires them together.
import type { DeskEventPayload, PendingMutation, UndoResult } from '../../../shared/desk-api';
import type { MutationEnvelope, MutationName } from '../../../shared/mutations';
import type { MutateResult } from '../../../shared/protocol';
import type { Cache } from '../cache/index';
import type { CoreLogger } from '../logger';
import type { OutboxStore, StoredMutation } from './outbox-store';
import type { OptimisticState } from './optimistic';
import type { PredictContext } from './predict';
import { recordMutation, settleMutation } from './recording';
import { createSendQueue } from './send-queue';
import type { SendAnswer } from './send-queue';
import { createUndoFlow } from './undo-flow';
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
  const undo = createUndoFlow({
    cache: o.cache,
    store: o.store,
    undoWindowMs: o.undoWindowMs,
    drop: (m) => settleMutation(o, m, []),
    sendInverse: (name, args) => record(name, args, true).mutationId,
  });

  function toPending(m: StoredMutation): PendingMutation {
    const until = undo.undoableUntil(m);
    return {
      id: m.id, name: m.name, caseIds: m.caseIds, createdAt: m.createdAt, sent: m.sent, attempts: m.attempts,
      sendAt: m.sendAfter,
      ...(until === undefined ? {} : { undoableUntil: until }),
    };
  }

  /** The server answered: settle the mutation and tell the desk. */
  function settled(m: StoredMutation, answer: SendAnswer): void {
    if (answer.kind === 'applied') {
      undo.applied(m.id);
      settleMutation(o, m, answer.result.cases);
      const until = undo.undoableUntil(m);
      o.applied({ mutationId: m.id, name: m.name, ...(until === undefined ? {} : { undoableUntil: until }) });
      return;
    }
    undo.refused(m.id);
    o.logger.info({ mutationId: m.id, code: answer.error.code }, 'mutation rejected by the server');
    settleMutation(o, m, []);
    o.rejected({ mutationId: m.id, name: m.name, caseIds: m.caseIds, code: answer.error.code, message: answer.error.message, params: answer.error.params ?? {} });
  }

  const queue = createSendQueue({ store: o.store, transport: o.transport, sizeChanged: o.sizeChanged, logger: o.logger, settled });

  function record(name: MutationName, rawArgs: unknown, compensation: boolean): { mutationId: string; caseIds: string[] } {
    const recorded = recordMutation(o, name, rawArgs, compensation, () => queue.flush());
    if (!compensation) undo.recorded(recorded);
    return { mutationId: recorded.mutation.id, caseIds: recorded.mutation.caseIds };
  }

  return {
    mutate: (name, rawArgs) => record(name, rawArgs, false),
    undo: (mutationId) => undo.undo(mutationId),
    sendNow: (mutationId) => queue.sendNow(mutationId),
    nextSendAt: () => queue.nextSendAt(),
    list: () => o.store.list().map(toPending),
    flush: () => queue.flush(),
    close: () => queue.close(),
  };
}
