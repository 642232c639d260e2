// The per-agency change feed. A writer takes its seq numbers with an UPDATE on the agency's
// agency_seq row, which holds that row's lock until commit (PostgreSQL; SQLite has a single
// writer anyway). So the next writer of the agency gets its numbers only after this one has
// committed: seq order is commit order, and a reader that has seen seq N never later finds a
// change committed with a seq below N.
import { maskCase } from '../../shared/domain';
import type { Change } from '../../shared/protocol';
import { insertRows } from './bulk-insert';
import type { Db, Dialect, Tx } from './db';

/** A change before it has its place in the feed. */
export type PendingChange = Change extends infer C ? (C extends { seq: number } ? Omit<C, 'seq'> : never) : never;

/** Reserves `count` consecutive seq numbers for the agency; returns the first. */
export async function takeSeqs(tx: Tx, agencyId: string, count: number): Promise<number> {
  const bump = () =>
    tx
      .updateTable('agency_seq')
      .set((eb) => ({ seq: eb('seq', '+', count) }))
      .where('agency_id', '=', agencyId)
      .returning('seq')
      .executeTakeFirst();
  // the row exists for every agency but a brand-new one: one statement in the common case
  let row = await bump();
  if (row === undefined) {
    await tx
      .insertInto('agency_seq')
      .values({ agency_id: agencyId, seq: 0 })
      .onConflict((oc) => oc.column('agency_id').doNothing())
      .execute();
    row = await bump();
  }
  if (row === undefined) throw new Error(`no feed counter for ${agencyId}`);
  return row.seq - count + 1;
}

/** Appends changes to the agency's feed; returns them with their seq numbers. */
export async function appendChanges(
  tx: Tx,
  dialect: Dialect,
  agencyId: string,
  pending: readonly PendingChange[],
  now: number,
): Promise<Change[]> {
  if (pending.length === 0) return [];
  const first = await takeSeqs(tx, agencyId, pending.length);
  const changes = pending.map((c, i): Change => ({ ...c, seq: first + i }));
  await insertRows(
    tx,
    dialect,
    'changes',
    ['agency_id', 'seq', 'payload', 'created_at'],
    changes.map((c) => {
      const { seq, ...payload } = c;
      return { agency_id: agencyId, seq, payload: JSON.stringify(payload), created_at: now };
    }),
  );
  return changes;
}

export async function headSeq(db: Db | Tx, agencyId: string): Promise<number> {
  const row = await db.selectFrom('agency_seq').select('seq').where('agency_id', '=', agencyId).executeTakeFirst();
  return row?.seq ?? 0;
}

export async function allHeadSeqs(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('agency_seq').select(['agency_id', 'seq']).execute();
  return new Map(rows.map((r) => [r.agency_id, r.seq]));
}

export type PullPage = { changes: Change[]; toSeq: number; headSeq: number; resync: boolean };

/** Changes after `afterSeq`, oldest first; `resync` when the feed no longer holds them. */
export async function pullChanges(db: Db, agencyId: string, afterSeq: number, limit: number): Promise<PullPage> {
  const head = await headSeq(db, agencyId);
  if (afterSeq > head) {
    // the client knows a feed this database never had (it was replaced): start over
    return { changes: [], toSeq: afterSeq, headSeq: head, resync: true };
  }
  if (afterSeq === head) return { changes: [], toSeq: afterSeq, headSeq: head, resync: false };
  const rows = await db
    .selectFrom('changes')
    .select(['seq', 'payload'])
    .where('agency_id', '=', agencyId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  if (rows[0]?.seq !== afterSeq + 1) {
    // the change right after afterSeq has been pruned: the gap cannot be filled from the feed
    return { changes: [], toSeq: afterSeq, headSeq: head, resync: true };
  }
  // feed rows of builds before numbers were masked at the source hold them in full
  const changes = rows.map((r) => maskedChange({ ...(JSON.parse(r.payload) as object), seq: r.seq } as Change));
  return { changes, toSeq: rows[rows.length - 1]?.seq ?? afterSeq, headSeq: head, resync: false };
}

/** A case in the feed carries its citizen's numbers masked (DESIGN.md: masked at the source). */
export function maskedChange<C extends Change | PendingChange>(change: C): C {
  return change.type === 'case' ? { ...change, case: maskCase(change.case) } : change;
}

export type AgencyCountRow = { agencyId: string; headSeq: number; cases: number };

/**
 * Per agency: its feed head and how many cases a bootstrap would send (open ones, and those
 * closed since `closedSince`), read by ONE statement so both come from the same snapshot
 * (PostgreSQL's read committed takes one per statement): a desk at that head should hold
 * exactly that many. The count is a grouped scan of cases_agency_snapshot (agency_id, id,
 * closed_at): no case row is read.
 */
export async function agencyCounts(db: Db, agencyIds: readonly string[], closedSince: number): Promise<AgencyCountRow[]> {
  if (agencyIds.length === 0) return [];
  const ids = [...agencyIds];
  const rows = await db
    .selectFrom('agency_seq as s')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('cases')
          .select(['agency_id', (c) => c.fn.countAll<number | string>().as('n')])
          .where('agency_id', 'in', ids)
          .where((c) => c.or([c('closed_at', 'is', null), c('closed_at', '>=', closedSince)]))
          .groupBy('agency_id')
          .as('c'),
      (join) => join.onRef('c.agency_id', '=', 's.agency_id'),
    )
    .select(['s.agency_id as agencyId', 's.seq as seq', 'c.n as n'])
    .where('s.agency_id', 'in', ids)
    .execute();
  const byAgency = new Map(rows.map((r) => [r.agencyId, { headSeq: Number(r.seq), cases: Number(r.n ?? 0) }]));
  return ids.map((agencyId) => ({ agencyId, ...(byAgency.get(agencyId) ?? { headSeq: 0, cases: 0 }) }));
}
