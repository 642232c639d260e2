// What `z` can take back, and how (DESIGN.md: "`z` undo (10 s)").
//
// The rule: a mutation whose effect the desk can invert with another mutation (assignee,
// priority, tags) goes to the server after a short hold, and an undo
// within the window after it was applied sends the inverse, computed from the case as it was
// before. Everything else is HELD for the whole window before its first send, like "undo
// send": a message reaches the citizen and cannot be recalled, a transfer hands the case to
// another agency (whose desks act on it at once), and the status steps start / markAnswered /
// close, a suggestion's outcome (its steps only go forward: OUTCOME_NEXT), notes,
// acknowledgements and new cases have no inverse in shared/lifecycle.ts. Holding
// those is the one rule that keeps the promise for every key: undo never depends on a
// transition the lifecycle does not have.
import type { ErrorCode } from '../../../shared/errors';
import type { Case } from '../../../shared/domain';
import type { MutationArgs, MutationName } from '../../../shared/mutations';

const COMPENSABLE = new Set<MutationName>([
  'case.assign', 'case.take', 'case.setPriority', 'case.tag',
  'bulk.assign', 'bulk.setPriority', 'bulk.tag', 'bulk.cover',
]);

/** Held for the whole undo window before its first send (see above). */
export function heldForUndoWindow(name: MutationName): boolean {
  return !COMPENSABLE.has(name);
}

export function isCompensable(name: MutationName): boolean {
  return COMPENSABLE.has(name);
}

/** The refusal of an undo of a sent action that has no inverse. */
export const NOT_REVERSIBLE = 'this action cannot be taken back once it is sent';

/** Previously unassigned cases of a bulk assign each need a `case.assign null`: capped. */
export const MAX_UNASSIGN_COMPENSATIONS = 200;

export type Compensation = { name: MutationName; args: unknown };

/** Why there is no inverse: a code for the UI, the English reason for logs, its details. */
export type NoCompensation = { ok: false; code: ErrorCode; reason: string; params?: Record<string, string> };

export type CompensationPlan = { ok: true; mutations: Compensation[] } | NoCompensation;

function groupBy<K>(caseIds: readonly string[], key: (caseId: string) => K): Map<K, string[]> {
  const groups = new Map<K, string[]>();
  for (const caseId of caseIds) {
    const k = key(caseId);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [caseId]);
    else group.push(caseId);
  }
  return groups;
}

function inverseTags(before: Case, add: readonly string[], remove: readonly string[]): { add: string[]; remove: string[] } {
  return {
    add: remove.filter((t) => before.tags.includes(t)),
    remove: add.filter((t) => !before.tags.includes(t)),
  };
}

/**
 * The mutations that put the cases back as they were before `name`, as few as possible.
 * `before` holds each touched case as this desk showed it when the user acted.
 */
export function planCompensation(name: MutationName, args: unknown, before: ReadonlyMap<string, Case>): CompensationPlan {
  const prior = (caseId: string) => before.get(caseId)!;
  switch (name) {
    case 'case.assign':
    case 'case.take': {
      const { caseId } = args as MutationArgs<'case.take'>;
      return { ok: true, mutations: [{ name: 'case.assign', args: { caseId, assigneeId: prior(caseId).assigneeId } }] };
    }
    case 'case.setPriority': {
      const { caseId } = args as MutationArgs<'case.setPriority'>;
      return { ok: true, mutations: [{ name: 'case.setPriority', args: { caseId, priority: prior(caseId).priority } }] };
    }
    case 'case.tag': {
      const a = args as MutationArgs<'case.tag'>;
      const inverse = inverseTags(prior(a.caseId), a.add, a.remove);
      const nothing = inverse.add.length === 0 && inverse.remove.length === 0;
      return { ok: true, mutations: nothing ? [] : [{ name: 'case.tag', args: { caseId: a.caseId, ...inverse } }] };
    }
    case 'bulk.assign':
    case 'bulk.cover': {
      const { caseIds } = args as MutationArgs<'bulk.assign' | 'bulk.cover'>;
      const groups = groupBy(caseIds, (id) => prior(id).assigneeId);
      const unassigned = groups.get(null) ?? [];
      if (unassigned.length > MAX_UNASSIGN_COMPENSATIONS) {
        return {
          ok: false,
          code: 'too_many_unassigned',
          reason: `${unassigned.length} of the cases had no assignee before; more than ${MAX_UNASSIGN_COMPENSATIONS} cannot be unassigned one by one`,
          params: { n: String(unassigned.length), max: String(MAX_UNASSIGN_COMPENSATIONS) },
        };
      }
      const mutations: Compensation[] = [];
      for (const [assigneeId, ids] of groups) {
        if (assigneeId !== null) mutations.push({ name: 'bulk.assign', args: { caseIds: ids, assigneeIds: [assigneeId] } });
      }
      for (const caseId of unassigned) mutations.push({ name: 'case.assign', args: { caseId, assigneeId: null } });
      return { ok: true, mutations };
    }
    case 'bulk.setPriority': {
      const { caseIds } = args as MutationArgs<'bulk.setPriority'>;
      const groups = groupBy(caseIds, (id) => prior(id).priority);
      return { ok: true, mutations: [...groups].map(([priority, ids]) => ({ name: 'bulk.setPriority', args: { caseIds: ids, priority } })) };
    }
    case 'bulk.tag': {
      const a = args as MutationArgs<'bulk.tag'>;
      const inverses = new Map<string, { add: string[]; remove: string[] }>();
      const groups = groupBy(a.caseIds, (id) => {
        const inverse = inverseTags(prior(id), a.add, a.remove);
        const key = JSON.stringify(inverse);
        inverses.set(key, inverse);
        return key;
      });
      const mutations: Compensation[] = [];
      for (const [key, ids] of groups) {
        const inverse = inverses.get(key)!;
        if (inverse.add.length + inverse.remove.length > 0) mutations.push({ name: 'bulk.tag', args: { caseIds: ids, ...inverse } });
      }
      return { ok: true, mutations };
    }
    default:
      return { ok: false, code: 'not_reversible', reason: NOT_REVERSIBLE };
  }
}
