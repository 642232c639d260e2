// Role and tenancy rules for mutations. Which role may do what is shared/capabilities.ts (the
// desk reads the same table and offers nothing refused here). Tenancy is absolute: a case,
// staff member or template of an agency the actor may not see is reported as not found, in
// the same words as one that does not exist, so its existence does not leak either.
import type { Action } from '../../shared/capabilities';
import { DENIAL_MESSAGES, capability } from '../../shared/capabilities';
import type { Case, Staff } from '../../shared/domain';
import { canSeeAgency } from '../auth/visibility';
import type { Tx } from '../store/db';
import { findStaffByIds } from '../store/reference';
import { MutationRefused } from './errors';

/** Whether the role may do this at all (before looking at any case), per the capability table. */
export function authoriseAction(actor: Staff, action: Action): void {
  const verdict = capability(actor, action);
  if (!verdict.allowed) {
    throw new MutationRefused('forbidden', DENIAL_MESSAGES[verdict.reason], { action, reason: verdict.reason });
  }
}

export function authoriseCase(actor: Staff, c: Case | undefined, caseId: string): Case {
  if (c === undefined || !canSeeAgency(actor, c.agencyId)) {
    throw new MutationRefused('not_found', `no case ${caseId}`, { caseId });
  }
  return c;
}

/** Anyone at a desk may take a case or give up their own; assigning others is `case.assignOthers`. */
export function authoriseAssign(actor: Staff, c: Case, assigneeId: string | null): void {
  if (assigneeId === actor.id) return;
  if (assigneeId === null && c.assigneeId === actor.id) return;
  authoriseAction(actor, 'case.assignOthers');
}

/** The staff named as assignees that exist; unknown ones are refused per case by `checkAssignee`. */
export async function loadAssignees(tx: Tx, ids: readonly string[]): Promise<Map<string, Staff>> {
  return findStaffByIds(tx, [...new Set(ids)]);
}

/**
 * An assignee must be an active agent or supervisor of the case's agency. Someone of another
 * agency is answered exactly as an unknown id is.
 */
export function checkAssignee(assigneeId: string, assignee: Staff | undefined, c: Case): void {
  if (assignee === undefined || assignee.agencyId !== c.agencyId) {
    throw new MutationRefused('not_found', `no staff member ${assigneeId}`, { assigneeId });
  }
  if (!assignee.active || (assignee.role !== 'agent' && assignee.role !== 'supervisor')) {
    throw new MutationRefused('invalid_args', `${assignee.username} is not an active agent or supervisor`, { assigneeId, caseId: c.id, ref: c.ref });
  }
}
