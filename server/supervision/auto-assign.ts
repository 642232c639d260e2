// Auto-assignment of an arriving case, inside the transaction that files it: the agency's mode
// (off, round-robin, least-loaded; shared/supervision.ts picks) over its agents who are online (not away),
// not on leave and under capacity. The case then arrives `assigned`, with the lifecycle's own
// event message, and an audit row says which rule chose whom.
import { applyPatch, decide } from '../../shared/lifecycle';
import { pickAutoAssignee } from '../../shared/supervision';
import { nextId } from '../ids';
import type { CaseEdit } from '../mutations/commit';
import { toMessages } from '../mutations/decide';
import type { Dialect, Tx } from '../store/db';
import { assignCandidates, lockAutoAssignment, rememberAutoAssignee } from '../store/supervision';

/** The staff ids with a desk connected now to an agency's room (every node, via the adapter). */
export type OnlineStaff = (agencyId: string) => Promise<ReadonlySet<string>>;

/** the author of what the server does on its own */
export const SYSTEM_ACTOR = 'system';

/**
 * Assigns the new case of `edit` when its agency asks for it; returns the assignee or null.
 * `online` was read before the transaction (a socket lookup must not hold the agency's lock).
 */
export async function assignOnArrival(tx: Tx, dialect: Dialect, edit: CaseEdit, online: ReadonlySet<string>, now: number): Promise<string | null> {
  const c = edit.after;
  const setting = await lockAutoAssignment(tx, dialect, c.agencyId);
  if (setting === undefined || setting.mode === 'off') return null;
  const candidates = await assignCandidates(tx, c.agencyId, [...online], now);
  const assigneeId = pickAutoAssignee(setting.mode, candidates, c.citizen.language, setting.lastStaffId);
  if (assigneeId === null) return null;
  const decision = decide(c, { type: 'assign', assigneeId }, { now, actorId: SYSTEM_ACTOR });
  if (!decision.ok) return null; // a new case can always be assigned; nothing to undo if not
  edit.after = applyPatch(c, decision.patch);
  edit.messages.push(...toMessages(c.id, decision.messages, now));
  await rememberAutoAssignee(tx, c.agencyId, assigneeId);
  await tx
    .insertInto('audit')
    .values({
      id: nextId(now),
      staff_id: SYSTEM_ACTOR,
      at: now,
      client: 'server',
      action: 'case.autoAssign',
      case_id: c.id,
      detail: JSON.stringify({ mode: setting.mode, assigneeId }),
    })
    .execute();
  return assigneeId;
}
