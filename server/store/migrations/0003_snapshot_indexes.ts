// A desk's bootstrap pages an agency's cases by id, keeping open ones and those closed lately.
// With `closed_at` in the index the filter is decided on the index entry, so the cases closed
// long ago (most of an agency's history) are skipped without reading their rows, and the
// snapshot's count never reads a row at all. A page's threads come ordered by case, time and
// id; with `id` in the index they come in that order without a sort.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cases_agency_snapshot').on('cases').columns(['agency_id', 'id', 'closed_at']).execute();
  await db.schema.dropIndex('cases_agency_id').execute();
  await db.schema.createIndex('messages_case_thread').on('messages').columns(['case_id', 'created_at', 'id']).execute();
  await db.schema.dropIndex('messages_case').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('messages_case').on('messages').columns(['case_id', 'created_at']).execute();
  await db.schema.dropIndex('messages_case_thread').execute();
  await db.schema.createIndex('cases_agency_id').on('cases').columns(['agency_id', 'id']).execute();
  await db.schema.dropIndex('cases_agency_snapshot').execute();
}
