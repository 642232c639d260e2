// Mass complaints (shared/mass.ts): each case's group, the groups, and what finds a new
// complaint's twins fast. `mass_signatures` keeps a recent complaint's word set, so the exact
// overlap is computed on candidates only; `mass_keys` holds its MinHash keys, looked up by
// (agency, key) within the time window, so a new complaint reads a few index entries rather
// than scanning the agency's recent cases. Rows of both older than the window are pruned.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('mass_group_id', 'text').execute();
  await db.schema.createIndex('cases_mass_group').on('cases').columns(['mass_group_id', 'status']).execute();

  await db.schema
    .createTable('mass_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('first_filed_at', 'bigint', (c) => c.notNull())
    .addColumn('last_filed_at', 'bigint', (c) => c.notNull())
    .addColumn('master_case_id', 'text')
    .execute();
  await db.schema.createIndex('mass_groups_agency').on('mass_groups').columns(['agency_id', 'last_filed_at']).execute();
  await db.schema.createIndex('mass_groups_master').on('mass_groups').columns(['master_case_id']).execute();

  await db.schema
    .createTable('mass_signatures')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    /** the signature's words, space-separated */
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mass_signatures_filed').on('mass_signatures').columns(['filed_at']).execute();

  await db.schema
    .createTable('mass_keys')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'bigint', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mass_keys_pk', ['agency_id', 'key', 'filed_at', 'case_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mass_keys').execute();
  await db.schema.dropIndex('mass_signatures_filed').execute();
  await db.schema.dropTable('mass_signatures').execute();
  await db.schema.dropIndex('mass_groups_master').execute();
  await db.schema.dropIndex('mass_groups_agency').execute();
  await db.schema.dropTable('mass_groups').execute();
  await db.schema.dropIndex('cases_mass_group').execute();
  await db.schema.alterTable('cases').dropColumn('mass_group_id').execute();
}
