// Named queries over the reference data: agencies, staff, templates and SLA policies.
import { randomBytes } from 'node:crypto';
import type { Agency, CaseKind, SlaPolicy, Staff, Template } from '../../shared/domain';
import type { Db, Tx } from './db';
import { rowToAgency, rowToSlaPolicy, rowToStaff, rowToTemplate, STAFF_COLUMNS } from './rows';

export async function listAgencies(db: Db): Promise<Agency[]> {
  const rows = await db.selectFrom('agencies').selectAll().orderBy('id').execute();
  return rows.map(rowToAgency);
}

export async function findAgency(db: Db | Tx, id: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : rowToAgency(row);
}

/** Staff of the given agencies, plus everyone without an agency (call centre, admins). */
export async function listStaffOf(db: Db, agencyIds: readonly string[] | 'all'): Promise<Staff[]> {
  const rows = await db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .$if(agencyIds !== 'all', (q) =>
      q.where((eb) => eb.or([eb('agency_id', 'is', null), eb('agency_id', 'in', agencyIds === 'all' ? [] : [...agencyIds, ''])])),
    )
    .orderBy('username')
    .execute();
  return rows.map(rowToStaff);
}

export async function findStaffById(db: Db | Tx, id: string): Promise<Staff | undefined> {
  const row = await db.selectFrom('staff').select(STAFF_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : rowToStaff(row);
}

export async function findStaffByIds(db: Db | Tx, ids: readonly string[]): Promise<Map<string, Staff>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(STAFF_COLUMNS).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, rowToStaff(r)]));
}

export async function findLogin(
  db: Db,
  username: string,
): Promise<{ staff: Staff; passwordHash: string } | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  return row === undefined ? undefined : { staff: rowToStaff(row), passwordHash: row.password_hash };
}

/**
 * Replaces a password hash made with weaker parameters by one of today's; only if it is still
 * the one verified, so a password reset in between is never overwritten.
 */
export async function upgradePasswordHash(db: Db, staffId: string, verifiedHash: string, newHash: string): Promise<void> {
  await db.updateTable('staff').set({ password_hash: newHash }).where('id', '=', staffId).where('password_hash', '=', verifiedHash).execute();
}

/**
 * The user's cache secret, made at their first login: 32 random bytes. Made under a condition,
 * so two logins at the same moment both hand out the one that was stored.
 */
export async function cacheSecretOf(db: Db, staffId: string): Promise<string> {
  const stored = await db.selectFrom('staff').select('cache_secret').where('id', '=', staffId).executeTakeFirst();
  if (typeof stored?.cache_secret === 'string') return stored.cache_secret;
  await db
    .updateTable('staff')
    .set({ cache_secret: randomBytes(32).toString('base64url') })
    .where('id', '=', staffId)
    .where('cache_secret', 'is', null)
    .execute();
  const made = await db.selectFrom('staff').select('cache_secret').where('id', '=', staffId).executeTakeFirstOrThrow();
  if (made.cache_secret === null) throw new Error(`no cache secret for ${staffId}`);
  return made.cache_secret;
}

/** National templates plus those of the given agencies; archived ones are left out. */
export async function listTemplatesOf(db: Db, agencyIds: readonly string[] | 'all'): Promise<Template[]> {
  const rows = await db
    .selectFrom('templates')
    .selectAll()
    .where('archived', '=', 0)
    .$if(agencyIds !== 'all', (q) =>
      q.where((eb) => eb.or([eb('agency_id', 'is', null), eb('agency_id', 'in', agencyIds === 'all' ? [] : [...agencyIds, ''])])),
    )
    .orderBy('code')
    .orderBy('language')
    .execute();
  return rows.map(rowToTemplate);
}

/** A template a reply may still use: an archived one is not found. */
export async function findTemplate(db: Db | Tx, id: string): Promise<Template | undefined> {
  const row = await db.selectFrom('templates').selectAll().where('id', '=', id).where('archived', '=', 0).executeTakeFirst();
  return row === undefined ? undefined : rowToTemplate(row);
}

export async function templatesWithCode(db: Db | Tx, code: string, agencyId: string | null): Promise<Template[]> {
  const rows = await db
    .selectFrom('templates')
    .selectAll()
    .where('code', '=', code)
    .where('archived', '=', 0)
    .where((eb) => (agencyId === null ? eb('agency_id', 'is', null) : eb('agency_id', '=', agencyId)))
    .execute();
  return rows.map(rowToTemplate);
}

export async function listSlaPoliciesOf(db: Db, agencyIds: readonly string[] | 'all'): Promise<SlaPolicy[]> {
  const rows = await db
    .selectFrom('sla_policies')
    .selectAll()
    .$if(agencyIds !== 'all', (q) => q.where('agency_id', 'in', agencyIds === 'all' ? [] : [...agencyIds, '']))
    .orderBy('agency_id')
    .orderBy('kind')
    .execute();
  return rows.map(rowToSlaPolicy);
}

export async function findSlaPolicy(db: Db | Tx, agencyId: string, kind: CaseKind): Promise<SlaPolicy | undefined> {
  const row = await db
    .selectFrom('sla_policies')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row === undefined ? undefined : rowToSlaPolicy(row);
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
