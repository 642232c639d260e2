// Named queries over the supervisor's settings (migration 0006): leave periods and each
// agency's auto-assignment mode, plus the open load of the agents an arriving case may go to.
import { sql } from 'kysely';
import { OPEN_STATUSES } from '../../shared/domain';
import type { Language } from '../../shared/domain';
import type { AssignCandidate, AutoAssignMode, Leave } from '../../shared/supervision';
import { autoAssignModeSchema } from '../../shared/supervision';
import type { Db, Dialect, Tx } from './db';

export async function leavesOf(db: Db | Tx, agencyIds: readonly string[]): Promise<Map<string, Leave>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db.selectFrom('staff_leave').select(['staff_id', 'from_at', 'to_at']).where('agency_id', 'in', [...agencyIds]).execute();
  return new Map(rows.map((r) => [r.staff_id, { from: Number(r.from_at), to: Number(r.to_at) }]));
}

export async function setLeave(tx: Tx, staffId: string, agencyId: string, leave: Leave | null, setBy: string, now: number): Promise<void> {
  await tx.deleteFrom('staff_leave').where('staff_id', '=', staffId).execute();
  if (leave === null) return;
  await tx
    .insertInto('staff_leave')
    .values({ staff_id: staffId, agency_id: agencyId, from_at: leave.from, to_at: leave.to, set_by: setBy, set_at: now })
    .execute();
}

export async function autoAssignModes(db: Db | Tx, agencyIds: readonly string[]): Promise<Map<string, AutoAssignMode>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db.selectFrom('auto_assignment').select(['agency_id', 'mode']).where('agency_id', 'in', [...agencyIds]).execute();
  return new Map(rows.map((r) => [r.agency_id, autoAssignModeSchema.catch('off').parse(r.mode)]));
}

export async function setAutoAssignMode(tx: Tx, agencyId: string, mode: AutoAssignMode, setBy: string, now: number): Promise<void> {
  await tx
    .insertInto('auto_assignment')
    .values({ agency_id: agencyId, mode, last_staff_id: null, set_by: setBy, set_at: now })
    .onConflict((oc) => oc.column('agency_id').doUpdateSet({ mode, set_by: setBy, set_at: now }))
    .execute();
}

/**
 * The agency's auto-assignment row, locked for this transaction on PostgreSQL: two cases
 * arriving together take turns, so round-robin never hands both to the same agent.
 */
export async function lockAutoAssignment(tx: Tx, dialect: Dialect, agencyId: string): Promise<{ mode: AutoAssignMode; lastStaffId: string | null } | undefined> {
  const row = await tx
    .selectFrom('auto_assignment')
    .select(['mode', 'last_staff_id'])
    .where('agency_id', '=', agencyId)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { mode: autoAssignModeSchema.catch('off').parse(row.mode), lastStaffId: row.last_staff_id };
}

export async function rememberAutoAssignee(tx: Tx, agencyId: string, staffId: string): Promise<void> {
  await tx.updateTable('auto_assignment').set({ last_staff_id: staffId }).where('agency_id', '=', agencyId).execute();
}

/** Active agents of the agency not on leave at `now`, among `ids`, with their open cases. */
export async function assignCandidates(tx: Tx, agencyId: string, ids: readonly string[], now: number): Promise<AssignCandidate[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('staff')
    .select([
      'staff.id',
      'staff.capacity',
      'staff.languages',
      sql<number>`(SELECT COUNT(*) FROM cases c WHERE c.assignee_id = staff.id AND c.agency_id = ${agencyId} AND c.status IN (${sql.join([...OPEN_STATUSES])}))`.as('open'),
    ])
    .where('staff.agency_id', '=', agencyId)
    .where('staff.role', '=', 'agent')
    .where('staff.active', '=', 1)
    .where('staff.id', 'in', [...ids])
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('staff_leave as l').select('l.staff_id').whereRef('l.staff_id', '=', 'staff.id').where('l.from_at', '<=', now).where('l.to_at', '>', now))),
    )
    .execute();
  return rows.map((r) => ({ id: r.id, capacity: r.capacity, open: Number(r.open), languages: JSON.parse(r.languages) as Language[] }));
}
