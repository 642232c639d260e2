// Named queries over cases and their threads.
import type { Case, Message } from '../../shared/domain';
import type { Db, Dialect, Tx } from './db';
import { caseToRow, messageToRow, rowToCase } from './rows';

// Both dialects accept this many rows × columns per INSERT (SQLite 32,766 variables, pg 65,535).
const CASE_INSERT_CHUNK = 500;
const MESSAGE_INSERT_CHUNK = 2_000;
const IN_LIST_CHUNK = 1_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Loads cases by id, locking their rows for this transaction on PostgreSQL. */
export async function loadCasesForUpdate(tx: Tx, dialect: Dialect, ids: readonly string[]): Promise<Map<string, Case>> {
  const found = new Map<string, Case>();
  // sorted, so two bulk writers over overlapping cases lock in the same order (no deadlock)
  const sorted = [...new Set(ids)].sort();
  for (const part of chunks(sorted, IN_LIST_CHUNK)) {
    const rows = await tx
      .selectFrom('cases')
      .selectAll()
      .where('id', 'in', part)
      .orderBy('id')
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .execute();
    for (const r of rows) found.set(r.id, rowToCase(r));
  }
  return found;
}

export async function findCaseByRef(db: Db | Tx, ref: string): Promise<Case | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('ref', '=', ref).executeTakeFirst();
  return row === undefined ? undefined : rowToCase(row);
}

export async function loadCase(db: Db, caseId: string): Promise<Case | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  return row === undefined ? undefined : rowToCase(row);
}

/**
 * Cases whose citizen has this CPR or phone number (digits only; a Bahraini number matches
 * with or without +973), of the given agencies, newest first.
 */
export async function caseIdsOfCitizenNumber(db: Db, digits: string, agencyIds: readonly string[] | 'all', limit: number): Promise<string[]> {
  const phones = [digits, `+${digits}`];
  if (digits.length === 8) phones.push(`973${digits}`, `+973${digits}`);
  if (agencyIds !== 'all' && agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where((eb) => eb.or([eb('citizen_cpr', '=', digits), eb('citizen_phone', 'in', phones)]))
    .$if(agencyIds !== 'all', (q) => q.where('agency_id', 'in', agencyIds as readonly string[]))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function caseAgency(db: Db, caseId: string): Promise<string | undefined> {
  const row = await db.selectFrom('cases').select('agency_id').where('id', '=', caseId).executeTakeFirst();
  return row?.agency_id;
}

export async function insertCases(tx: Db | Tx, cases: readonly Case[]): Promise<void> {
  for (const part of chunks(cases, CASE_INSERT_CHUNK)) {
    await tx.insertInto('cases').values(part.map(caseToRow)).execute();
  }
}

export async function updateCase(tx: Tx, c: Case): Promise<void> {
  const { id: _id, ...row } = caseToRow(c);
  await tx.updateTable('cases').set(row).where('id', '=', c.id).execute();
}

export async function insertMessages(tx: Db | Tx, messages: readonly Message[]): Promise<void> {
  for (const part of chunks(messages, MESSAGE_INSERT_CHUNK)) {
    await tx.insertInto('messages').values(part.map(messageToRow)).execute();
  }
}

/**
 * The threads of a page of cases. A bootstrap reads hundreds of thousands of messages, so the
 * columns are named as the wire names them and each row becomes the message itself (only
 * `meta` is parsed in place) rather than being copied into a new object.
 */
export async function messagesOfCases(db: Db, caseIds: readonly string[]): Promise<Message[]> {
  const out: Message[] = [];
  for (const part of chunks(caseIds, IN_LIST_CHUNK)) {
    const rows = await db
      .selectFrom('messages')
      .select(['id', 'case_id as caseId', 'author', 'kind', 'body', 'meta', 'created_at as createdAt'])
      .where('case_id', 'in', part)
      .orderBy('case_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const message = row as unknown as Message;
      if (row.meta !== null) message.meta = JSON.parse(row.meta) as Record<string, string>;
      out.push(message);
    }
  }
  return out;
}

/** Which cases a snapshot of an agency holds: every open case, closed ones since `closedSince`. */
function snapshotScope(db: Db, agencyId: string, closedSince: number) {
  return db
    .selectFrom('cases')
    .where('agency_id', '=', agencyId)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', closedSince)]));
}

export async function countSnapshot(db: Db, agencyId: string, closedSince: number): Promise<number> {
  const row = await snapshotScope(db, agencyId, closedSince)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One keyset page of the snapshot, ordered by id. */
export async function snapshotPage(
  db: Db,
  agencyId: string,
  closedSince: number,
  afterId: string | null,
  limit: number,
): Promise<Case[]> {
  const rows = await snapshotScope(db, agencyId, closedSince)
    .selectAll()
    .$if(afterId !== null, (q) => q.where('id', '>', afterId ?? ''))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(rowToCase);
}

/** Next case reference number of a year, taken under the counter row's lock. */
export async function nextRefSeq(tx: Tx, year: number): Promise<number> {
  await tx
    .insertInto('ref_counters')
    .values({ year, seq: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const row = await tx
    .updateTable('ref_counters')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('year', '=', year)
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}
