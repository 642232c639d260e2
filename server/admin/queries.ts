// The named queries of the admin command line: staff accounts, sessions, SLA policies and the
// audit trail. Reads of agencies, staff and policies reuse server/store/reference.ts; what is
// here is what only an administrator does. Nothing returned carries a password hash or a
// cache secret: staff are read through STAFF_COLUMNS.
import type { Role, SlaPolicy, Staff } from '../../shared/domain';
import { OPEN_STATUSES } from '../../shared/domain';
import { nextId } from '../ids';
import type { Db, Tx } from '../store/db';
import { rowToStaff, slaPolicyToRow, STAFF_COLUMNS } from '../store/rows';

/** Who the audit trail names for a change made here (the desk names a staff id). */
export const ADMIN_ACTOR = 'admin-cli';
/** The audit table's `client` for this tool (schema.ts lists it). */
export const ADMIN_CLIENT = 'cli';

export type StaffFilter = { agencyId?: string; role?: Role };

export async function listStaff(db: Db, filter: StaffFilter): Promise<Staff[]> {
  const rows = await db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .$if(filter.agencyId !== undefined, (q) => q.where('agency_id', '=', filter.agencyId ?? ''))
    .$if(filter.role !== undefined, (q) => q.where('role', '=', filter.role ?? ''))
    .orderBy('username')
    .execute();
  return rows.map(rowToStaff);
}

export async function findStaffByUsername(db: Db | Tx, username: string): Promise<Staff | undefined> {
  const row = await db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .where('username', '=', username)
    .executeTakeFirst();
  return row === undefined ? undefined : rowToStaff(row);
}

/**
 * A username that differs only in letter case: the login limiter counts failures per
 * lower-cased name, so two such accounts would lock each other out.
 */
export async function usernameTakenIgnoringCase(db: Db | Tx, username: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('staff')
    .select('username')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row?.username;
}

export async function insertStaff(tx: Tx, staff: Staff, passwordHash: string): Promise<void> {
  await tx
    .insertInto('staff')
    .values({
      id: staff.id,
      username: staff.username,
      display_name: staff.displayName,
      display_name_ar: staff.displayNameAr ?? null,
      role: staff.role,
      agency_id: staff.agencyId,
      languages: JSON.stringify(staff.languages),
      capacity: staff.capacity,
      active: staff.active ? 1 : 0,
      password_hash: passwordHash,
    })
    .execute();
}

export async function updateStaffRole(
  tx: Tx,
  staffId: string,
  role: Role,
  agencyId: string | null,
): Promise<void> {
  await tx.updateTable('staff').set({ role, agency_id: agencyId }).where('id', '=', staffId).execute();
}

export async function updateStaffDetails(tx: Tx, staff: Staff): Promise<void> {
  await tx
    .updateTable('staff')
    .set({
      display_name: staff.displayName,
      display_name_ar: staff.displayNameAr ?? null,
      languages: JSON.stringify(staff.languages),
      capacity: staff.capacity,
    })
    .where('id', '=', staff.id)
    .execute();
}

export async function setStaffActive(tx: Tx, staffId: string, active: boolean): Promise<void> {
  await tx
    .updateTable('staff')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', staffId)
    .execute();
}

export async function setStaffPasswordHash(tx: Tx, staffId: string, passwordHash: string): Promise<void> {
  await tx.updateTable('staff').set({ password_hash: passwordHash }).where('id', '=', staffId).execute();
}

/** Ends every session of one staff member; returns how many there were (expired ones too). */
export async function revokeStaffSessions(tx: Tx, staffId: string): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('staff_id', '=', staffId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Open cases per agency, read off the (agency_id, status, assignee_id) index. */
export async function openCasesByAgency(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => ['agency_id', eb.fn.countAll<number | string>().as('open')])
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy('agency_id')
    .execute();
  // PostgreSQL counts as BIGINT; db.ts reads those as numbers, SQLite gives one already
  return new Map(rows.map((r) => [r.agency_id, Number(r.open)]));
}

/** Open cases still assigned to a staff member (reported when they lose access to them). */
export async function openCasesAssignedTo(db: Db | Tx, staff: Staff): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number | string>().as('open'))
    // agency staff only hold their agency's cases; the filter lets the index answer
    .$if(staff.agencyId !== null, (q) => q.where('agency_id', '=', staff.agencyId ?? ''))
    .where('status', 'in', [...OPEN_STATUSES])
    .where('assignee_id', '=', staff.id)
    .executeTakeFirst();
  return Number(row?.open ?? 0);
}

export async function upsertSlaPolicy(tx: Tx, policy: SlaPolicy): Promise<void> {
  const row = slaPolicyToRow(policy);
  await tx
    .insertInto('sla_policies')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'kind']).doUpdateSet({
        acknowledge_minutes: row.acknowledge_minutes,
        first_response_minutes: row.first_response_minutes,
        resolution_minutes: row.resolution_minutes,
        on_transfer: row.on_transfer,
      }),
    )
    .execute();
}

export type AdminAudit = { action: string; detail: Record<string, unknown> };

/** One audit row per change, in the change's own transaction. */
export async function auditAdminChange(tx: Tx, entry: AdminAudit, now: number): Promise<void> {
  await tx
    .insertInto('audit')
    .values({
      id: nextId(now),
      staff_id: ADMIN_ACTOR,
      at: now,
      client: ADMIN_CLIENT,
      action: entry.action,
      case_id: null,
      detail: JSON.stringify(entry.detail),
    })
    .execute();
}

/** A UNIQUE constraint refused the row (two admins adding the same username at once). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
