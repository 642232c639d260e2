// Optimistic state and rebase. While this desk has mutations waiting on a case, the server's
// version of it is kept in case_base and the cases row shows base + pending predictions.
// A server change replaces the base and the predictions are replayed on it; an ack or a
// rejection drops a mutation and replays what is left (a rejection thereby rolls back).
import type { Case } from '../../../shared/domain';
import type { MutationArgs } from '../../../shared/mutations';
import type { Cache } from '../cache/index';
import type { OutboxStore, StoredMutation } from './outbox-store';
import { predictCreatedCase, predictOne } from './predict';
import type { PredictContext } from './predict';

export type ServerCaseOutcome = {
  applied: boolean;
  /** the assignee the server last said the case had (undefined: the case was not cached) */
  previousAssigneeId: string | null | undefined;
};

export type OptimisticState = {
  /**
   * `toIndex`: collect the case here instead of rebuilding its search row at once, so a batch
   * rebuilds all of its rows in one sorted pass (cache.cases.reindexCases).
   */
  applyServerCase(c: Case, toIndex?: Set<string>): ServerCaseOutcome;
  /**
   * Recomputes what the case shows from its base and its pending mutations; `toIndex` as in
   * applyServerCase (the caller then rebuilds the collected rows in one pass).
   */
  replay(caseId: string, toIndex?: Set<string>): void;
  /** Keeps the server version of the case before a first prediction is laid on it. */
  keepBase(caseId: string, current: Case | null): void;
};

/** Whether `next` differs from `shown` only in what every prediction moves (version, update time). */
function alreadyShown(shown: Case, next: Case): boolean {
  for (const key of Object.keys(next) as (keyof Case)[]) {
    if (key === 'version' || key === 'updatedAt') continue;
    const was = shown[key];
    const will = next[key];
    if (was === will) continue;
    if (typeof was !== 'object' || typeof will !== 'object' || was === null || will === null) return false;
    if (JSON.stringify(was) !== JSON.stringify(will)) return false;
  }
  return true;
}

export function createOptimisticState(
  cache: Cache,
  store: OutboxStore,
  contextFor: (m: StoredMutation) => PredictContext,
): OptimisticState {
  /** `knownBase`: the base the caller has just written or read (saves reading and parsing it again) */
  function replay(caseId: string, toIndex?: Set<string>, knownBase?: Case | null): void {
    const base = knownBase === undefined ? cache.cases.readBase(caseId) : knownBase;
    if (base === undefined) return;
    const pending = store.forCase(caseId);
    let shown: Case | null = base;
    for (const m of pending) {
      if (m.name === 'case.create') {
        shown ??= predictCreatedCase(m.args as MutationArgs<'case.create'>, contextFor(m)).case;
        continue;
      }
      if (shown === null) continue;
      const prediction = predictOne(m.name, m.args, shown, contextFor(m));
      // a prediction that no longer holds on the new base is left for the server to decide; one
      // the new base already shows (the server's change for this very mutation, arrived before
      // its ack) is not laid again, so the ack finds the case as the server has it
      if (prediction.ok && !alreadyShown(shown, prediction.next)) shown = prediction.next;
    }
    if (shown === null) {
      cache.cases.deleteCase(caseId);
      return;
    }
    cache.cases.writeCase(shown);
    if (toIndex === undefined) cache.cases.reindex(caseId);
    else toIndex.add(caseId);
    if (pending.length === 0) cache.cases.deleteBase(caseId);
  }

  return {
    replay: (caseId, toIndex) => replay(caseId, toIndex),
    keepBase(caseId, current) {
      if (cache.cases.readBase(caseId) === undefined) cache.cases.writeBase(caseId, current);
    },
    applyServerCase(c, toIndex) {
      const base = cache.cases.readBase(c.id);
      if (base !== undefined || store.isPending(c.id)) {
        // compare with the server's last version, not with the prediction shown (whose
        // version number the server's next version may share)
        const newer = base === undefined || base === null || c.version > base.version;
        if (newer) cache.cases.writeBase(c.id, c);
        replay(c.id, toIndex, newer ? c : (base ?? null));
        return { applied: newer, previousAssigneeId: base === undefined || base === null ? undefined : base.assigneeId };
      }
      const current = cache.cases.readVersion(c.id);
      if (current !== null && c.version <= current.version) {
        return { applied: false, previousAssigneeId: current.assigneeId };
      }
      cache.cases.writeCase(c);
      if (toIndex === undefined) cache.cases.reindex(c.id);
      else toIndex.add(c.id);
      return { applied: true, previousAssigneeId: current?.assigneeId };
    },
  };
}
