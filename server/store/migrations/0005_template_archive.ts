// Reply templates managed from the desk: a pair is archived, never deleted, because a bulk reply
// waiting in a desk's outbox names a template id; an archived template leaves the reference data
// desks receive. A code names one pair per agency (national: agency_id null, hence coalesce).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('templates').addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`create unique index templates_agency_code_language on templates ((coalesce(agency_id, '')), code, language)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('templates_agency_code_language').execute();
  await db.schema.alterTable('templates').dropColumn('archived').execute();
}
