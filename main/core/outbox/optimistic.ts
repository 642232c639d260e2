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

/** Equal as JSON values (a case's fields: strings, numbers, null, the citizen, the tags). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Whether `next` differs from `shown` only in what every prediction moves (version, update time). */
function alreadyShown(shown: Case, next: Case): boolean {
  for (const key of Object.keys(next) as (keyof Case)[]) {
    if (key !== 'version' && key !== 'updatedAt' && !sameValue(shown[key], next[key])) return false;
  }
  return true;
}

export function createOptimisticState(
  cache: Cache,
  store: OutboxStore,
  contextFor: (m: StoredMutation) => PredictContext,
): OptimisticState {
  /**
   * `knownBase`: the base the caller has at hand (saves reading and parsing it again);
   * `baseIsNew`: it is a server version not written yet. When the base already shows every
   * pending prediction (the server's changes for this desk's own mutations, arrived before the
   * acks), the case is shown as the base and no base is kept: whatever the acks say, the case
   * stays as the server has it, and the acks have nothing left to rewrite.
   */
  function replay(caseId: string, toIndex?: Set<string>, knownBase?: Case | null, baseIsNew = false): void {
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
      // the new base already shows is not laid again
      if (prediction.ok && !alreadyShown(shown, prediction.next)) shown = prediction.next;
    }
    if (shown === null) {
      cache.cases.deleteCase(caseId);
      return;
    }
    cache.cases.writeCase(shown);
    if (toIndex === undefined) cache.cases.reindex(caseId);
    else toIndex.add(caseId);
    if (pending.length === 0 || shown === base) cache.cases.deleteBase(caseId);
    else if (baseIsNew) cache.cases.writeBase(caseId, base);
  }

  /** Whether the server's version is newer than the one this desk last had from it. */
  function newerThanKnown(c: Case, base: { version: number } | null | undefined): boolean {
    if (base === null) return true; // created on this desk: any server version is newer
    if (base !== undefined) return c.version > base.version;
    // no base kept because the case shows the server's version (see replay)
    const current = cache.cases.readVersion(c.id);
    return current === null || c.version > current.version;
  }

  return {
    replay: (caseId, toIndex) => replay(caseId, toIndex),
    keepBase(caseId, current) {
      if (cache.cases.readBase(caseId) === undefined) cache.cases.writeBase(caseId, current);
    },
    applyServerCase(c, toIndex) {
      const base = cache.cases.readBaseVersion(c.id);
      if (base !== undefined || store.isPending(c.id)) {
        // compare with the server's last version, not with the prediction shown (whose
        // version number the server's next version may share)
        const newer = newerThanKnown(c, base);
        if (newer) replay(c.id, toIndex, c, true);
        else replay(c.id, toIndex);
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
