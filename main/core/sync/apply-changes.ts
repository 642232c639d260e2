// Applying what the server sent to the cache: a bootstrap page or a batch of feed changes, in
// time slices (../slices.ts) that each leave whole cases behind (the case row, its thread and
// its search rows together), in a transaction held across slices and committed every ~300 ms
// of work, yielding to the event loop between slices,
// so a bulk change of 10,000 cases never holds the core (or another desk of the same host)
// for more than a slice. A batch's seq is written with its last slice: a desk stopped half-way
// pulls the batch again, and what it had already written is skipped (a case's version, a
// message's id), so applying twice is harmless. The desk is told once, after the last slice.
import type { Message } from '../../../shared/domain';
import type { Case } from '../../../shared/domain';
import type { Change } from '../../../shared/protocol';
import type { DeskEventPayload } from '../../../shared/desk-api';
import type { Cache } from '../cache/index';
import type { OptimisticState } from '../outbox/optimistic';
import type { OutboxStore } from '../outbox/outbox-store';
import { holdTransaction, inSlices } from '../slices';
import type { SliceOptions } from '../slices';

export type AppliedBatch = {
  touched: string[];
  /** the core adds the UI language when it tells the renderer */
  assignedToMe: Omit<DeskEventPayload<'case.assignedToMe'>, 'language'>[];
};

export type ApplyDeps = { cache: Cache; optimistic: OptimisticState; store: OutboxStore; selfId: string };

/** Messages first, then cases: each touched case's search row is rebuilt once, whole. */
export function applySnapshot(deps: ApplyDeps, cases: readonly Case[], messages: readonly Message[]): string[] {
  const { cache, optimistic } = deps;
  return cache.transaction(() => {
    const withMessages = new Set<string>();
    for (const m of messages) {
      cache.cases.insertMessage(m);
      withMessages.add(m.caseId);
    }
    const touched = new Set<string>();
    const toIndex = new Set<string>();
    for (const c of cases) {
      if (optimistic.applyServerCase(c, toIndex).applied) {
        touched.add(c.id);
        withMessages.delete(c.id);
      }
    }
    for (const caseId of withMessages) {
      toIndex.add(caseId);
      touched.add(caseId);
    }
    cache.cases.reindexCases(toIndex);
    return [...touched];
  });
}

/** One slice of a feed batch, in one transaction; its cases' search rows rebuilt once, sorted. */
function applySlice(deps: ApplyDeps, changes: readonly Change[], batch: AppliedBatch & { seen: Set<string> }): void {
  const { cache, optimistic, store, selfId } = deps;
  const toIndex = new Set<string>();
  for (const change of changes) {
    switch (change.type) {
      case 'case': {
        const c = change.case;
        const ownWork = store.isPending(c.id);
        const outcome = optimistic.applyServerCase(c, toIndex);
        if (!outcome.applied) break;
        batch.seen.add(c.id);
        if (!ownWork && c.assigneeId === selfId && outcome.previousAssigneeId !== selfId) {
          batch.assignedToMe.push({ caseId: c.id, ref: c.ref, subject: c.subject });
        }
        break;
      }
      case 'message':
        cache.cases.insertMessage(change.message);
        batch.seen.add(change.message.caseId);
        toIndex.add(change.message.caseId);
        break;
      case 'case.removed': {
        // a transfer: the desk keeps a read-only record (the ack of its own transfer may
        // have filed it already, with the server's copy)
        const current = cache.cases.readCase(change.caseId);
        if (current !== null) cache.cases.moveAway({ ...current, agencyId: change.toAgencyId });
        batch.seen.add(change.caseId);
        break;
      }
    }
  }
  // a case that left (case.removed) after it was written in this slice has no row to index
  cache.cases.reindexCases(toIndex);
}

/**
 * Applies a feed batch in slices; resolves once its last slice (which moves the agency's seq
 * to `toSeq`) has committed. Callers keep one batch at a time per agency (AgencyTurns).
 */
export async function applyChanges(
  deps: ApplyDeps,
  agencyId: string,
  changes: readonly Change[],
  toSeq: number,
  slicing: SliceOptions = {},
): Promise<AppliedBatch> {
  const { cache } = deps;
  const batch = { touched: [] as string[], assignedToMe: [] as AppliedBatch['assignedToMe'], seen: new Set<string>() };
  // one commit per ~300 ms of slices: each commit writes the index pages its slices dirtied
  // and may run a WAL checkpoint, so a commit per 20 ms slice cost more than the writes
  const held = holdTransaction(cache.db);
  let whole: boolean;
  try {
    whole = await inSlices(
      changes,
      (part, last) => {
        held.slice(() =>
          cache.transaction(() => {
            applySlice(deps, part, batch);
            if (last) cache.reference.setLastSeq(agencyId, toSeq);
          }),
        );
        held.commit();
      },
      { stopped: () => !cache.db.open, ...slicing },
    );
  } finally {
    // what the slices wrote is kept, also when the batch stopped half-way
    if (cache.db.open) held.commit(true);
  }
  // stopped (the desk closed): the seq stays where it was and the batch is pulled again
  if (!whole) return { touched: [], assignedToMe: [] };
  return { touched: [...batch.seen], assignedToMe: batch.assignedToMe };
}

/** Forgets an agency's cases before it is bootstrapped again (the server asked to resync), in slices. */
export async function dropAgency(deps: ApplyDeps, agencyId: string, slicing: SliceOptions = {}): Promise<string[]> {
  const { cache } = deps;
  const ids = cache.cases.caseIdsOfAgency(agencyId);
  await inSlices(
    ids,
    (part, last) =>
      cache.transaction(() => {
        for (const id of part) cache.cases.deleteCase(id);
        if (last) cache.reference.forgetAgency(agencyId);
      }),
    { stopped: () => !cache.db.open, ...slicing },
  );
  return ids;
}

/**
 * One batch at a time per agency: a live batch, a pull's batch and a resync's drop of the same
 * agency would otherwise interleave their slices (each checks the agency's seq when its turn
 * comes, so a batch that no longer follows on is skipped, not applied twice).
 */
export type AgencyTurns = { run<T>(agencyId: string, work: () => Promise<T>): Promise<T> };

export function createAgencyTurns(): AgencyTurns {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(agencyId, work) {
      const previous = tails.get(agencyId) ?? Promise.resolve();
      const result = previous.then(work, work);
      const tail = result.catch(() => undefined);
      tails.set(agencyId, tail);
      void tail.then(() => {
        if (tails.get(agencyId) === tail) tails.delete(agencyId);
      });
      return result;
    },
  };
}
