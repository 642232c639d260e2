// The idempotency claim every write takes first (case mutations and template changes alike),
// and the audit row every write leaves: one helper each, so both paths behave the same.
import { nextId } from '../ids';
import { insertRows } from '../store/bulk-insert';
import type { Dialect, Tx } from '../store/db';
import { MutationRefused } from './errors';

/**
 * Claims mutation `id` for `actorId`. Returns null when this call holds the claim (go on and
 * store the result with `storeResult`), or the stored result JSON when it was applied before.
 * On PostgreSQL a concurrent resend of the same id blocks here until the first attempt commits
 * (then it finds the stored result) or rolls back (then it proceeds), so a write is applied
 * exactly once however often it is sent.
 */
export async function claimMutation(tx: Tx, id: string, actorId: string, name: string, now: number): Promise<string | null> {
  const claim = await tx
    .insertInto('mutations')
    .values({ id, staff_id: actorId, name, result: '', created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(claim.numInsertedOrUpdatedRows ?? 0n) > 0) return null;
  const stored = await tx.selectFrom('mutations').select(['result', 'staff_id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
  if (stored.staff_id !== actorId || stored.name !== name) {
    throw new MutationRefused('conflict', 'this mutation id was used for something else', { mutationId: id });
  }
  return stored.result;
}

export async function storeResult(tx: Tx, id: string, result: unknown): Promise<void> {
  await tx.updateTable('mutations').set({ result: JSON.stringify(result) }).where('id', '=', id).execute();
}

export type AuditEntry = { staffId: string; client: string; action: string; detail: string | null };

const AUDIT_COLUMNS = ['id', 'staff_id', 'at', 'client', 'action', 'case_id', 'detail'] as const;

/** One audit row per case touched (null: a change that touches no case, such as a template). */
export async function writeAudit(tx: Tx, dialect: Dialect, audit: AuditEntry, caseIds: readonly (string | null)[], now: number): Promise<void> {
  const rows = caseIds.map((caseId) => ({
    id: nextId(now),
    staff_id: audit.staffId,
    at: now,
    client: audit.client,
    action: audit.action,
    case_id: caseId,
    detail: audit.detail,
  }));
  await insertRows(tx, dialect, 'audit', AUDIT_COLUMNS, rows);
}
