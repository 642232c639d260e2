// Undo of the outbox: a mutation not yet sent is dropped; one the server has applied is
// compensated by its inverse (undo-journal.ts, undo-rules.ts) while its window is open; one in
// flight waits for its answer. Inverses are themselves not undoable.
import type { UndoResult } from '../../../shared/desk-api';
import type { Case } from '../../../shared/domain';
import type { MutationName } from '../../../shared/mutations';
import type { Cache } from '../cache/index';
import type { OutboxStore, StoredMutation } from './outbox-store';
import type { Recorded } from './recording';
import { createUndoJournal } from './undo-journal';
import { isCompensable } from './undo-rules';

export type UndoFlow = {
  /** a mutation the user made (not an inverse) was recorded */
  recorded(recorded: Recorded): void;
  /** the server applied it: from now on it is undone by its inverse */
  applied(mutationId: string): void;
  /** the server refused it: nothing to undo */
  refused(mutationId: string): void;
  /** until when the user can undo it, if at all */
  undoableUntil(m: { id: string; name: MutationName; createdAt: number }): number | undefined;
  undo(mutationId: string): UndoResult;
};

type UndoOptions = {
  cache: Cache;
  store: OutboxStore;
  undoWindowMs: number;
  /** drops an unsent mutation from the outbox and the cache */
  drop(m: StoredMutation): void;
  /** records and queues an inverse at once; returns its id */
  sendInverse(name: MutationName, args: unknown): string;
};

export function createUndoFlow(o: UndoOptions): UndoFlow {
  const journal = createUndoJournal(o.cache, o.undoWindowMs);
  /** inverses sent by an undo: not themselves undoable */
  const inverses = new Set<string>();

  return {
    recorded({ mutation, predictions }) {
      if (!isCompensable(mutation.name)) return;
      const before = new Map<string, Case | null>(mutation.caseIds.map((caseId) => [caseId, predictions.get(caseId)?.before ?? null]));
      journal.remember(mutation.id, mutation.name, mutation.args, mutation.createdAt, before);
    },
    applied(mutationId) {
      journal.applied(mutationId);
      inverses.delete(mutationId);
    },
    refused(mutationId) {
      journal.forget(mutationId);
      inverses.delete(mutationId);
    },
    undoableUntil: (m) => (isCompensable(m.name) && !inverses.has(m.id) ? m.createdAt + o.undoWindowMs : undefined),
    undo(mutationId) {
      const m = o.store.get(mutationId);
      if (m !== null) {
        if (m.sent) {
          return { undone: false, code: 'in_flight', reason: 'it has been sent and the server has not answered yet; try again when it has' };
        }
        journal.forget(m.id);
        o.drop(m);
        return { undone: true, how: 'dropped' };
      }
      const plan = journal.compensate(mutationId, Date.now());
      if (!plan.ok) {
        const { code, reason, params } = plan;
        return { undone: false, code, reason, ...(params === undefined ? {} : { params }) };
      }
      for (const inverse of plan.mutations) inverses.add(o.sendInverse(inverse.name, inverse.args));
      return { undone: true, how: 'compensated' };
    },
  };
}
