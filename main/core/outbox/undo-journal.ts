// What an applied, compensable mutation changed, kept for the undo window so `outbox.undo`
// can send its inverse. In memory only: a desk restarted within the window can no longer
// undo what it sent before (it says so), which is the rare case not worth a file.
import type { Case } from '../../../shared/domain';
import type { MutationName } from '../../../shared/mutations';
import type { Cache } from '../cache/index';
import { NOT_REVERSIBLE, planCompensation } from './undo-rules';
import type { Compensation, NoCompensation } from './undo-rules';

type Entry = {
  name: MutationName;
  args: unknown;
  createdAt: number;
  /** each touched case as the desk showed it when the user acted; null: not cached */
  before: Map<string, Case | null>;
};

export type UndoJournal = {
  /** the user acted: remember the cases as they were */
  remember(mutationId: string, name: MutationName, args: unknown, createdAt: number, before: Map<string, Case | null>): void;
  /** the server applied it: undo now means compensation, or, without an inverse, "sent" */
  applied(mutationId: string): void;
  /** dropped or rejected: nothing to compensate */
  forget(mutationId: string): void;
  /** the inverse mutations of an applied mutation, or why there are none */
  compensate(mutationId: string, now: number): { ok: true; mutations: Compensation[] } | NoCompensation;
};

export function createUndoJournal(cache: Cache, undoWindowMs: number): UndoJournal {
  const waiting = new Map<string, Entry>();
  const applied = new Map<string, Entry>();
  /**
   * applied mutations without an inverse, and when: an undo pressed as one of them is taken
   * (the toast still offers it) says it was sent rather than that it is unknown. Kept an
   * undo window, so these ids cost no more memory than the entries above.
   */
  const sentForGood = new Map<string, number>();
  const seconds = String(Math.round(undoWindowMs / 1000));

  function prune(now: number): void {
    for (const [id, entry] of applied) if (now > entry.createdAt + undoWindowMs) applied.delete(id);
    for (const [id, at] of sentForGood) if (now > at + undoWindowMs) sentForGood.delete(id);
  }

  /** the version the server last gave the case: its base while predictions lie on top */
  function serverVersion(caseId: string): number | null {
    const base = cache.cases.readBase(caseId);
    if (base !== undefined) return base?.version ?? null;
    return cache.cases.readVersion(caseId)?.version ?? null;
  }

  return {
    remember(mutationId, name, args, createdAt, before) {
      waiting.set(mutationId, { name, args, createdAt, before });
    },
    applied(mutationId) {
      const now = Date.now();
      const entry = waiting.get(mutationId);
      waiting.delete(mutationId);
      if (entry !== undefined) applied.set(mutationId, entry);
      else sentForGood.set(mutationId, now);
      prune(now);
    },
    forget(mutationId) {
      waiting.delete(mutationId);
      applied.delete(mutationId);
      sentForGood.delete(mutationId);
    },
    compensate(mutationId, now) {
      const entry = applied.get(mutationId);
      if (entry === undefined) {
        if (sentForGood.has(mutationId)) return { ok: false, code: 'not_reversible', reason: NOT_REVERSIBLE };
        return {
          ok: false,
          code: 'gone',
          reason: 'this action can no longer be undone (already undone, past the undo window, or sent before the desk restarted)',
        };
      }
      if (now > entry.createdAt + undoWindowMs) {
        applied.delete(mutationId);
        return { ok: false, code: 'window_passed', reason: `the undo window of ${seconds} s has passed`, params: { seconds } };
      }
      const before = new Map<string, Case>();
      for (const [caseId, c] of entry.before) {
        if (c === null) {
          return { ok: false, code: 'before_unknown', reason: 'some of the cases were not in this desk when it acted, so how they were is not known' };
        }
        const current = serverVersion(caseId);
        if (current === null) return { ok: false, code: 'case_left', reason: 'a case has left this desk since (transferred or removed)' };
        // our mutation moved the case one version on; anything beyond is someone else's
        // change (or a later one of ours) that an inverse computed from before would overwrite
        if (current > c.version + 1) {
          return {
            ok: false,
            code: 'changed_since',
            reason: `case ${c.ref} was changed by someone else since; undoing would overwrite that change`,
            params: { ref: c.ref },
          };
        }
        before.set(caseId, c);
      }
      const plan = planCompensation(entry.name, entry.args, before);
      if (plan.ok) applied.delete(mutationId);
      return plan;
    },
  };
}
