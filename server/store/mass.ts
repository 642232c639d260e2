// Named queries over mass-complaint groups (migration 0008): the candidate lookup by MinHash
// key, the signatures and keys a new complaint leaves, the groups and their members.
import { sql } from 'kysely';
import { OPEN_STATUSES } from '../../shared/domain';
import type { MassGroup } from '../../shared/mass';
import { MASS_CANDIDATE_LIMIT, MASS_GROUPS_LIMIT } from '../../shared/mass';
import { languageSchema } from '../../shared/domain';
import type { Db, Dialect, Tx } from './db';
import { insertRows } from './bulk-insert';

/**
 * Serialises the grouping of one agency's arrivals on PostgreSQL: two near-identical
 * complaints filed at the same moment would otherwise each miss the other (neither sees the
 * other's uncommitted signature) and stay apart. SQLite has one writer at a time already.
 */
export async function lockAgencyGrouping(tx: Tx, dialect: Dialect, agencyId: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`mass:${agencyId}`}))`.execute(tx);
}

export type MassCandidate = {
  caseId: string;
  words: string[];
  massGroupId: string | null;
  createdAt: number;
};

/**
 * Open complaints of the agency filed since `since` that share a MinHash key with `keys`. Two
 * steps on purpose: the keys' index alone names the candidates (one joined query let SQLite
 * start from the agency's cases instead, ~10 ms with 50,000 recent ones), then their
 * signatures and cases are read by id.
 */
export async function findCandidates(tx: Tx, agencyId: string, keys: readonly string[], since: number): Promise<MassCandidate[]> {
  if (keys.length === 0) return [];
  const keyed = await tx
    .selectFrom('mass_keys')
    .select('case_id')
    .distinct()
    .where('agency_id', '=', agencyId)
    .where('key', 'in', [...keys])
    .where('filed_at', '>=', since)
    .limit(MASS_CANDIDATE_LIMIT * 4)
    .execute();
  if (keyed.length === 0) return [];
  const rows = await tx
    .selectFrom('mass_signatures as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select(['c.id', 's.words', 'c.mass_group_id', 'c.created_at'])
    .where('s.case_id', 'in', keyed.map((k) => k.case_id))
    // a transferred case leaves its agency's groups
    .where('c.agency_id', '=', agencyId)
    .where('c.status', 'in', [...OPEN_STATUSES])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(MASS_CANDIDATE_LIMIT)
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    words: r.words === '' ? [] : r.words.split(' '),
    massGroupId: r.mass_group_id,
    createdAt: Number(r.created_at),
  }));
}

const KEY_COLUMNS = ['agency_id', 'key', 'filed_at', 'case_id'] as const;

/** What a new complaint leaves for the ones after it: its word set and its keys. */
export async function rememberSignature(tx: Tx, dialect: Dialect, caseId: string, agencyId: string, words: readonly string[], keys: readonly string[], now: number): Promise<void> {
  await tx.insertInto('mass_signatures').values({ case_id: caseId, agency_id: agencyId, words: words.join(' '), filed_at: now }).execute();
  await insertRows(tx, dialect, 'mass_keys', KEY_COLUMNS, [...new Set(keys)].map((key) => ({ agency_id: agencyId, key, filed_at: now, case_id: caseId })));
}

/** Signatures and keys older than `before` can group nothing any more. */
export async function pruneSignatures(db: Db | Tx, before: number): Promise<void> {
  await db.deleteFrom('mass_keys').where('filed_at', '<', before).execute();
  await db.deleteFrom('mass_signatures').where('filed_at', '<', before).execute();
}

export type NewGroup = { id: string; agencyId: string; subject: string; excerpt: string; language: string; firstFiledAt: number; now: number; members: number };

export async function insertGroup(tx: Tx, g: NewGroup): Promise<void> {
  await tx
    .insertInto('mass_groups')
    .values({
      id: g.id,
      agency_id: g.agencyId,
      subject: g.subject,
      excerpt: g.excerpt,
      language: g.language,
      member_count: g.members,
      first_filed_at: g.firstFiledAt,
      last_filed_at: g.now,
      master_case_id: null,
    })
    .execute();
}

export async function addToGroup(tx: Tx, groupId: string, added: number, now: number): Promise<void> {
  await tx
    .updateTable('mass_groups')
    .set((eb) => ({ member_count: eb('member_count', '+', added), last_filed_at: now }))
    .where('id', '=', groupId)
    .execute();
}

export async function setGroupMaster(tx: Tx, groupId: string, caseId: string): Promise<void> {
  await tx.updateTable('mass_groups').set({ master_case_id: caseId }).where('id', '=', groupId).execute();
}

/** The group whose master this case is, if any. */
export async function groupMasteredBy(tx: Tx, caseId: string, groupId: string): Promise<boolean> {
  const row = await tx.selectFrom('mass_groups').select('id').where('id', '=', groupId).where('master_case_id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

/** The ids of the group's open members other than `except`. */
export async function openMemberIds(tx: Tx, groupId: string, except: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('cases')
    .select('id')
    .where('mass_group_id', '=', groupId)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('id', '!=', except)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The groups of these agencies, those with open members first, then the most recent. */
export async function listGroups(db: Db, agencyIds: readonly string[], includeAnswered: boolean): Promise<MassGroup[]> {
  if (agencyIds.length === 0) return [];
  const open = db
    .selectFrom('cases')
    .select(['mass_group_id', (eb) => eb.fn.countAll<number>().as('open_count')])
    .where('mass_group_id', 'is not', null)
    .where('agency_id', 'in', [...agencyIds])
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy('mass_group_id')
    .as('o');
  const rows = await db
    .selectFrom('mass_groups as g')
    .leftJoin(open, 'o.mass_group_id', 'g.id')
    .leftJoin('cases as m', 'm.id', 'g.master_case_id')
    .select(['g.id', 'g.agency_id', 'g.subject', 'g.excerpt', 'g.language', 'g.member_count', 'g.first_filed_at', 'g.last_filed_at', 'g.master_case_id', 'm.ref as master_ref', 'o.open_count'])
    .where('g.agency_id', 'in', [...agencyIds])
    .$if(!includeAnswered, (q) => q.where('o.open_count', '>', 0))
    .orderBy(sql`coalesce(o.open_count, 0)`, 'desc')
    .orderBy('g.last_filed_at', 'desc')
    .orderBy('g.id')
    .limit(MASS_GROUPS_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    subject: r.subject,
    excerpt: r.excerpt,
    language: languageSchema.catch('ar').parse(r.language),
    memberCount: Number(r.member_count),
    openCount: Number(r.open_count ?? 0),
    firstFiledAt: Number(r.first_filed_at),
    lastFiledAt: Number(r.last_filed_at),
    masterCaseId: r.master_case_id,
    masterRef: r.master_ref ?? null,
  }));
}
