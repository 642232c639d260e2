// Each user's cache secret, handed to a desk at login: with the desk's device key it derives the
// key of that user's encrypted cache. Made at a user's first login after this migration.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('cache_secret', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('cache_secret').execute();
}
