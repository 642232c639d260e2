// Applying what the server sent to the cache: a bootstrap page or a batch of feed changes,
// each in ONE transaction, so a list never shows half a batch.
import type { Message } from '../../../shared/domain';
import type { Case } from '../../../shared/domain';
import type { Change } from '../../../shared/protocol';
import type { DeskEventPayload } from '../../../shared/desk-api';
import type { Cache } from '../cache/index';
import type { OptimisticState } from '../outbox/optimistic';
import type { OutboxStore } from '../outbox/outbox-store';

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

export function applyChanges(deps: ApplyDeps, agencyId: string, changes: readonly Change[], toSeq: number): AppliedBatch {
  const { cache, optimistic, store, selfId } = deps;
  return cache.transaction(() => {
    const touched = new Set<string>();
    const threads = new Set<string>();
    const toIndex = new Set<string>();
    const assignedToMe: AppliedBatch['assignedToMe'] = [];
    for (const change of changes) {
      switch (change.type) {
        case 'case': {
          const c = change.case;
          const ownWork = store.isPending(c.id);
          const outcome = optimistic.applyServerCase(c, toIndex);
          if (!outcome.applied) break;
          touched.add(c.id);
          threads.delete(c.id);
          if (!ownWork && c.assigneeId === selfId && outcome.previousAssigneeId !== selfId) {
            assignedToMe.push({ caseId: c.id, ref: c.ref, subject: c.subject });
          }
          break;
        }
        case 'message':
          cache.cases.insertMessage(change.message);
          touched.add(change.message.caseId);
          threads.add(change.message.caseId);
          break;
        case 'case.removed': {
          // a transfer: the desk keeps a read-only record (the ack of its own transfer may
          // have filed it already, with the server's copy)
          const current = cache.cases.readCase(change.caseId);
          if (current !== null) cache.cases.moveAway({ ...current, agencyId: change.toAgencyId });
          touched.add(change.caseId);
          threads.delete(change.caseId);
          break;
        }
      }
    }
    for (const caseId of threads) toIndex.add(caseId);
    // a case that left (case.removed) after it was written in this batch has no row to index
    cache.cases.reindexCases(toIndex);
    cache.reference.setLastSeq(agencyId, toSeq);
    return { touched: [...touched], assignedToMe };
  });
}

/** Forgets an agency's cases before it is bootstrapped again (the server asked to resync). */
export function dropAgency(deps: ApplyDeps, agencyId: string): string[] {
  return deps.cache.transaction(() => {
    const ids = deps.cache.cases.caseIdsOfAgency(agencyId);
    for (const id of ids) deps.cache.cases.deleteCase(id);
    deps.cache.reference.forgetAgency(agencyId);
    return ids;
  });
}
