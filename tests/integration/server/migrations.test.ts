// One test per migration, on both back ends: it goes up, leaves the tables usable, and goes
// back down cleanly.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../server/store/migrations/index';
import { createMigrator, openStore } from '../../../server/store/db';
import type { Store } from '../../../server/store/db';
import { BACKENDS } from './harness';

describe.each(BACKENDS)('migrations on $name', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let schema: string | undefined;
  // PostgreSQL lists the tables of every schema, and other test runs have their own
  const ownTables = async () => (await store.db.introspection.getTables()).filter((t) => schema === undefined || t.schema === schema);

  beforeAll(async () => {
    const prepared = backend.prepare();
    cleanup = prepared.cleanup;
    schema = prepared.options.databaseSchema;
    store = await openStore({
      ...(prepared.options.dataDir === undefined ? {} : { dataDir: prepared.options.dataDir }),
      ...(prepared.options.databaseUrl === undefined ? {} : { databaseUrl: prepared.options.databaseUrl }),
      ...(prepared.options.databaseSchema === undefined ? {} : { schema: prepared.options.databaseSchema }),
    });
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('the migrations are numbered in order', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
    names.forEach((name, i) => expect(name.startsWith(String(i + 1).padStart(4, '0'))).toBe(true));
  });

  it('0001_initial creates every table, which round-trips epoch ms as numbers, and drops them on the way down', async () => {
    const tables = await ownTables();
    const names = tables.map((t) => t.name);
    for (const table of ['agencies', 'staff', 'sessions', 'cases', 'messages', 'templates', 'sla_policies', 'agency_seq', 'changes', 'mutations', 'audit', 'ref_counters']) {
      expect(names).toContain(table);
    }
    const big = 1_795_000_000_123;
    await store.db.insertInto('changes').values({ agency_id: 'x', seq: 1, payload: '{}', created_at: big }).execute();
    const row = await store.db.selectFrom('changes').select(['seq', 'created_at']).executeTakeFirstOrThrow();
    expect(row).toEqual({ seq: 1, created_at: big });

    const migrator = await createMigrator(store.db, store.dialect);
    const down = await migrator.migrateTo('0001_initial').then(() => migrator.migrateDown());
    expect(down.error).toBeUndefined();
    expect(down.results?.[0]).toMatchObject({ migrationName: '0001_initial', direction: 'Down', status: 'Success' });
    const after = (await ownTables()).map((t) => t.name);
    expect(after.filter((n) => !n.startsWith('kysely_'))).toEqual([]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    await sql`select count(*) from cases`.execute(store.db);
  });

  it('0002 adds the intake key table with a per-channel key, and removes it on the way down', async () => {
    const migrator = await createMigrator(store.db, store.dialect);
    const row = { channel: 'app', key: 'k1', body_hash: 'h', case_id: 'c1', ref: 'TW-2026-00000001', created_at: 1_795_000_000_123 };
    await store.db.insertInto('intake_keys').values(row).execute();
    await store.db.insertInto('intake_keys').values({ ...row, channel: 'web' }).execute();
    await expect(store.db.insertInto('intake_keys').values(row).execute()).rejects.toThrow();
    expect(await store.db.selectFrom('intake_keys').select('created_at').where('channel', '=', 'web').executeTakeFirst()).toEqual({ created_at: row.created_at });

    await migrator.migrateTo('0002_stats_and_intake_keys');
    const down = await migrator.migrateDown();
    expect(down.results?.[0]).toMatchObject({ migrationName: '0002_stats_and_intake_keys', direction: 'Down', status: 'Success' });
    expect((await ownTables()).map((t) => t.name)).not.toContain('intake_keys');
    await sql`select count(*) from cases`.execute(store.db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });

  it('0003 swaps the bootstrap indexes for ones that hold closed_at and the message id, and swaps them back on the way down', async () => {
    const indexes = async () => {
      const rows = store.dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(store.db)).rows
        : (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(store.db)).rows;
      return rows.map((r) => r.name);
    };
    expect(await indexes()).toEqual(expect.arrayContaining(['cases_agency_snapshot', 'messages_case_thread']));
    expect(await indexes()).not.toContain('cases_agency_id');

    const migrator = await createMigrator(store.db, store.dialect);
    await migrator.migrateTo('0003_snapshot_indexes');
    const down = await migrator.migrateDown();
    expect(down.results?.[0]).toMatchObject({ migrationName: '0003_snapshot_indexes', direction: 'Down', status: 'Success' });
    const after = await indexes();
    expect(after).toEqual(expect.arrayContaining(['cases_agency_id', 'messages_case']));
    expect(after).not.toContain('cases_agency_snapshot');
    expect(after).not.toContain('messages_case_thread');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
  it('0005 adds the archived flag to templates and one pair per (agency, code, language), and takes both away on the way down', async () => {
    const template = { id: 'tpl-m5-1', agency_id: null, code: 'm5', title: 't', language: 'en', body: 'b', kinds: '["complaint"]', usage_count: 0 };
    await store.db.insertInto('templates').values(template).execute();
    expect(await store.db.selectFrom('templates').select('archived').where('id', '=', template.id).executeTakeFirst()).toEqual({ archived: 0 });
    // national rows (agency_id null) are unique too
    await expect(store.db.insertInto('templates').values({ ...template, id: 'tpl-m5-2' }).execute()).rejects.toThrow();
    await store.db.insertInto('templates').values({ ...template, id: 'tpl-m5-3', agency_id: 'housing' }).execute();

    const migrator = await createMigrator(store.db, store.dialect);
    await migrator.migrateTo('0005_template_archive');
    const down = await migrator.migrateDown();
    expect(down.results?.[0]).toMatchObject({ migrationName: '0005_template_archive', direction: 'Down', status: 'Success' });
    const columns = (await ownTables()).find((t) => t.name === 'templates')?.columns.map((c) => c.name);
    expect(columns).not.toContain('archived');
    await store.db.insertInto('templates').values({ ...template, id: 'tpl-m5-4', agency_id: 'housing' }).execute();
    await store.db.deleteFrom('templates').where('id', '=', 'tpl-m5-4').execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await store.db.deleteFrom('templates').where('code', '=', 'm5').execute();
  });
  it('0006 adds leave periods (one per person) and auto-assignment per agency, and drops both on the way down', async () => {
    const leave = { staff_id: 'stf-m6', agency_id: 'housing', from_at: 1_795_000_000_000, to_at: 1_795_086_400_000, set_by: 'x', set_at: 1 };
    await store.db.insertInto('staff_leave').values(leave).execute();
    await expect(store.db.insertInto('staff_leave').values(leave).execute()).rejects.toThrow();
    expect(await store.db.selectFrom('staff_leave').select(['from_at', 'to_at']).executeTakeFirst()).toEqual({ from_at: leave.from_at, to_at: leave.to_at });
    await store.db.insertInto('auto_assignment').values({ agency_id: 'housing', mode: 'round_robin', last_staff_id: null, set_by: 'x', set_at: 1 }).execute();

    const migrator = await createMigrator(store.db, store.dialect);
    await migrator.migrateTo('0006_supervision');
    const down = await migrator.migrateDown();
    expect(down.results?.[0]).toMatchObject({ migrationName: '0006_supervision', direction: 'Down', status: 'Success' });
    const names = (await ownTables()).map((t) => t.name);
    expect(names).not.toContain('staff_leave');
    expect(names).not.toContain('auto_assignment');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
  it('0008 adds each case’s mass-complaint group, the groups and the signature lookup, and drops them on the way down', async () => {
    const key = { agency_id: 'ewa', key: '3:abc', filed_at: 1_795_000_000_123, case_id: 'c-m8' };
    await store.db.insertInto('mass_keys').values(key).execute();
    await expect(store.db.insertInto('mass_keys').values(key).execute()).rejects.toThrow();
    await store.db.insertInto('mass_signatures').values({ case_id: 'c-m8', agency_id: 'ewa', words: 'water cut', filed_at: key.filed_at }).execute();
    const group = { id: 'g-m8', agency_id: 'ewa', subject: 's', excerpt: 'e', language: 'ar', member_count: 2, first_filed_at: key.filed_at, last_filed_at: key.filed_at, master_case_id: null };
    await store.db.insertInto('mass_groups').values(group).execute();
    expect(await store.db.selectFrom('mass_groups').select(['member_count', 'last_filed_at']).executeTakeFirst()).toEqual({ member_count: 2, last_filed_at: key.filed_at });
    const caseColumns = async () => (await ownTables()).find((t) => t.name === 'cases')?.columns.map((c) => c.name) ?? [];
    expect(await caseColumns()).toContain('mass_group_id');

    const migrator = await createMigrator(store.db, store.dialect);
    await migrator.migrateTo('0008_mass_groups');
    const down = await migrator.migrateDown();
    expect(down.results?.[0]).toMatchObject({ migrationName: '0008_mass_groups', direction: 'Down', status: 'Success' });
    const names = (await ownTables()).map((t) => t.name);
    for (const table of ['mass_groups', 'mass_signatures', 'mass_keys']) expect(names).not.toContain(table);
    expect(await caseColumns()).not.toContain('mass_group_id');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
