// Supervisor statistics read cases by due time and by open status per agency; the intake API
// remembers each Idempotency-Key it has served, per channel.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cases_agency_first_due').on('cases').columns(['agency_id', 'first_response_due_at']).execute();
  await db.schema.createIndex('cases_agency_status_assignee').on('cases').columns(['agency_id', 'status', 'assignee_id']).execute();

  await db.schema
    .createTable('intake_keys')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    /** sha256 of the request body, so a reused key with another body is refused */
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('intake_keys_pk', ['channel', 'key'])
    .execute();
  await db.schema.createIndex('intake_keys_created').on('intake_keys').columns(['created_at']).execute();
  await db.schema.createIndex('changes_created').on('changes').columns(['created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('changes_created').execute();
  await db.schema.dropTable('intake_keys').execute();
  await db.schema.dropIndex('cases_agency_status_assignee').execute();
  await db.schema.dropIndex('cases_agency_first_due').execute();
}
