// Role and tenancy rules for mutations. Tenancy is absolute: a case of an agency the staff
// member may not see is reported as not found, so its existence does not leak either.
import type { Case, Staff } from '../../shared/domain';
import type { MutationName } from '../../shared/mutations';
import { isBulkMutation } from '../../shared/mutations';
import { canSeeAgency } from '../auth/visibility';
import type { Tx } from '../store/db';
import { findStaffByIds } from '../store/reference';
import { MutationRefused } from './errors';

const CALLCENTRE_MUTATIONS: readonly MutationName[] = ['case.create', 'case.note'];

/** Whether the role may use this mutation at all (before looking at any case). */
export function authoriseName(actor: Staff, name: MutationName): void {
  if (!actor.active) throw new MutationRefused('forbidden', 'this account is disabled');
  if (actor.role === 'callcentre' && !CALLCENTRE_MUTATIONS.includes(name)) {
    throw new MutationRefused('forbidden', `the call centre may not ${name}`, { name });
  }
  if (actor.role === 'agent' && isBulkMutation(name)) {
    throw new MutationRefused('forbidden', 'bulk changes need a supervisor', { name });
  }
}

export function authoriseCase(actor: Staff, c: Case | undefined, caseId: string): Case {
  if (c === undefined || !canSeeAgency(actor, c.agencyId)) {
    throw new MutationRefused('not_found', `no case ${caseId}`, { caseId });
  }
  return c;
}

/** Agents may take a case or give up their own; assigning others is a supervisor's call. */
export function authoriseAssign(actor: Staff, c: Case, assigneeId: string | null): void {
  if (actor.role !== 'agent') return;
  if (assigneeId === actor.id) return;
  if (assigneeId === null && c.assigneeId === actor.id) return;
  throw new MutationRefused('forbidden', 'only a supervisor may assign a case to someone else', { caseId: c.id });
}

/** The assignees must be active desk staff of the case's agency. */
export async function loadAssignees(tx: Tx, ids: readonly string[]): Promise<Map<string, Staff>> {
  const staff = await findStaffByIds(tx, [...new Set(ids)]);
  for (const id of ids) {
    const s = staff.get(id);
    if (s === undefined || !s.active || (s.role !== 'agent' && s.role !== 'supervisor')) {
      throw new MutationRefused('invalid_args', `${id} is not an active agent or supervisor`, { assigneeId: id });
    }
  }
  return staff;
}

export function checkAssigneeAgency(assignee: Staff, c: Case): void {
  if (assignee.agencyId !== c.agencyId) {
    throw new MutationRefused('invalid_args', `${assignee.username} does not work for ${c.agencyId}`, {
      assigneeId: assignee.id,
      caseId: c.id,
      ref: c.ref,
    });
  }
}
