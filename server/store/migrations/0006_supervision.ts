// The supervisor's settings: who is on leave (from/to, set from the board) and how each agency
// assigns arriving cases (off, round-robin or least-loaded). One leave period per person: a
// new one replaces it, ending it deletes the row; the audit keeps the history.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_leave')
    .addColumn('staff_id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('from_at', 'bigint', (c) => c.notNull())
    .addColumn('to_at', 'bigint', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_leave_agency').on('staff_leave').columns(['agency_id']).execute();

  await db.schema
    .createTable('auto_assignment')
    .addColumn('agency_id', 'text', (c) => c.primaryKey())
    .addColumn('mode', 'text', (c) => c.notNull())
    /** round-robin: the last agent given a case, so the next goes to whoever follows them */
    .addColumn('last_staff_id', 'text')
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auto_assignment').execute();
  await db.schema.dropIndex('staff_leave_agency').execute();
  await db.schema.dropTable('staff_leave').execute();
}
