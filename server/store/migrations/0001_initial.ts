// The first schema: every table of the case server. Column types are ones both SQLite and
// PostgreSQL accept with the same meaning (bigint for epoch ms, integer for 0/1, text for JSON).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text')
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_agency').on('staff').columns(['agency_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('citizen_name', 'text', (c) => c.notNull())
    .addColumn('citizen_cpr', 'text')
    .addColumn('citizen_phone', 'text')
    .addColumn('citizen_email', 'text')
    .addColumn('citizen_language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('first_response_due_at', 'bigint', (c) => c.notNull())
    .addColumn('resolution_due_at', 'bigint', (c) => c.notNull())
    .addColumn('first_responded_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('escalated', 'integer', (c) => c.notNull())
    .addColumn('transferred_from', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // bootstrap pages walk an agency's cases by id (keyset)
  await db.schema.createIndex('cases_agency_id').on('cases').columns(['agency_id', 'id']).execute();
  await db.schema.createIndex('cases_citizen_cpr').on('cases').columns(['citizen_cpr']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('meta', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_case').on('messages').columns(['case_id', 'created_at']).execute();

  await db.schema
    .createTable('templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('usage_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('acknowledge_minutes', 'integer', (c) => c.notNull())
    .addColumn('first_response_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
    .addColumn('on_transfer', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_policies_pk', ['agency_id', 'kind'])
    .execute();

  await db.schema
    .createTable('agency_seq')
    .addColumn('agency_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('changes')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('changes_pk', ['agency_id', 'seq'])
    .execute();

  await db.schema
    .createTable('mutations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_case').on('audit').columns(['case_id']).execute();

  await db.schema
    .createTable('ref_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ref_counters',
    'audit',
    'mutations',
    'changes',
    'agency_seq',
    'sla_policies',
    'templates',
    'messages',
    'cases',
    'sessions',
    'staff',
    'agencies',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
