// What an applied, compensable mutation changed, kept for the undo window so `outbox.undo`
// can send its inverse. In memory only: a desk restarted within the window can no longer
// undo what it sent before (it says so), which is the rare case not worth a file.
import type { Case } from '../../../shared/domain';
import type { MutationName } from '../../../shared/mutations';
import type { Cache } from '../cache/index';
import { planCompensation } from './undo-rules';
import type { Compensation } from './undo-rules';

export type UndoOutcome = { undone: boolean; how?: 'dropped' | 'compensated'; reason?: string };

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
  /** the server applied it: undo now means compensation */
  applied(mutationId: string): void;
  /** dropped or rejected: nothing to compensate */
  forget(mutationId: string): void;
  /** the inverse mutations of an applied mutation, or why there are none */
  compensate(mutationId: string, now: number): { ok: true; mutations: Compensation[] } | { ok: false; reason: string };
};

export function createUndoJournal(cache: Cache, undoWindowMs: number): UndoJournal {
  const waiting = new Map<string, Entry>();
  const applied = new Map<string, Entry>();
  const windowText = `${Math.round(undoWindowMs / 1000)} s`;

  function prune(now: number): void {
    for (const [id, entry] of applied) if (now > entry.createdAt + undoWindowMs) applied.delete(id);
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
      const entry = waiting.get(mutationId);
      waiting.delete(mutationId);
      if (entry !== undefined) applied.set(mutationId, entry);
      prune(Date.now());
    },
    forget(mutationId) {
      waiting.delete(mutationId);
      applied.delete(mutationId);
    },
    compensate(mutationId, now) {
      const entry = applied.get(mutationId);
      if (entry === undefined) {
        return { ok: false, reason: 'this action can no longer be undone (already undone, past the undo window, or sent before the desk restarted)' };
      }
      if (now > entry.createdAt + undoWindowMs) {
        applied.delete(mutationId);
        return { ok: false, reason: `the undo window of ${windowText} has passed` };
      }
      const before = new Map<string, Case>();
      for (const [caseId, c] of entry.before) {
        if (c === null) return { ok: false, reason: 'some of the cases were not in this desk when it acted, so how they were is not known' };
        const current = serverVersion(caseId);
        if (current === null) return { ok: false, reason: 'a case has left this desk since (transferred or removed)' };
        // our mutation moved the case one version on; anything beyond is someone else's
        // change (or a later one of ours) that an inverse computed from before would overwrite
        if (current > c.version + 1) {
          return { ok: false, reason: `case ${c.ref} was changed by someone else since; undoing would overwrite that change` };
        }
        before.set(caseId, c);
      }
      const plan = planCompensation(entry.name, entry.args, before);
      if (plan.ok) applied.delete(mutationId);
      return plan;
    },
  };
}
