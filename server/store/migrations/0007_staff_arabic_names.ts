// Staff names in Arabic: the Arabic UI names colleagues in Arabic ("أسند نورة الحداد الطلب إلى
// حسن الكعبي"), not in Latin letters inside an Arabic sentence. Null for accounts made without
// one; the desk shows the display name then.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('display_name_ar', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('display_name_ar').execute();
}
