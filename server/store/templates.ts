// Named queries for reply templates: managing pairs (server/mutations/templates.ts) and counting
// their uses. A pair is the rows of one (agency, code): at most one per language. These read
// archived rows too, because saving over an archived code revives its rows rather than adding a
// second pair.
import type { CaseKind, Language, Template } from '../../shared/domain';
import type { Tx } from './db';
import { rowToTemplate } from './rows';

export type PairRow = { template: Template; archived: boolean };

/** Every row of the pair (agency, code), archived ones included. */
export async function pairRows(tx: Tx, agencyId: string | null, code: string): Promise<PairRow[]> {
  const rows = await tx
    .selectFrom('templates')
    .selectAll()
    .where('code', '=', code)
    .where((eb) => (agencyId === null ? eb('agency_id', 'is', null) : eb('agency_id', '=', agencyId)))
    .orderBy('language')
    .execute();
  return rows.map((r) => ({ template: rowToTemplate(r), archived: r.archived === 1 }));
}

/**
 * Where else a live pair with this code would meet this one in a desk's picker: national codes
 * are offered beside every agency's, so an agency code may not repeat a national one and a
 * national code may not repeat any agency's. Returns the clashing agency (null: national).
 */
export async function clashingScope(tx: Tx, agencyId: string | null, code: string): Promise<string | null | undefined> {
  const row = await tx
    .selectFrom('templates')
    .select('agency_id')
    .where('code', '=', code)
    .where('archived', '=', 0)
    .where((eb) => (agencyId === null ? eb('agency_id', 'is not', null) : eb('agency_id', 'is', null)))
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : row.agency_id;
}

export type HalfWrite = { title: string; body: string };

export async function insertHalf(tx: Tx, id: string, agencyId: string | null, code: string, language: Language, kinds: readonly CaseKind[], half: HalfWrite): Promise<void> {
  await tx
    .insertInto('templates')
    .values({ id, agency_id: agencyId, code, language, title: half.title, body: half.body, kinds: JSON.stringify(kinds), usage_count: 0, archived: 0 })
    .execute();
}

/** Rewrites a half in place (its id and usage count stay), reviving it if it was archived. */
export async function updateHalf(tx: Tx, id: string, code: string, kinds: readonly CaseKind[], half: HalfWrite): Promise<void> {
  await tx
    .updateTable('templates')
    .set({ code, title: half.title, body: half.body, kinds: JSON.stringify(kinds), archived: 0 })
    .where('id', '=', id)
    .execute();
}

export async function renameHalves(tx: Tx, ids: readonly string[], code: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('templates').set({ code }).where('id', 'in', [...ids]).execute();
}

export async function archiveHalves(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('templates').set({ archived: 1 }).where('id', 'in', [...ids]).execute();
}

/**
 * The agency a template belongs to (null: national), archived ones included (a reply written
 * before an archive still names it); undefined when there is no such template.
 */
export async function templateAgency(tx: Tx, id: string): Promise<string | null | undefined> {
  const row = await tx.selectFrom('templates').select('agency_id').where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : row.agency_id;
}

export async function countTemplateUse(tx: Tx, templateId: string, uses: number): Promise<void> {
  await tx
    .updateTable('templates')
    .set((eb) => ({ usage_count: eb('usage_count', '+', uses) }))
    .where('id', '=', templateId)
    .execute();
}
