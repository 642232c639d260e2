import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_MIGRATIONS, CACHE_SCHEMA_VERSION, migrate, schemaVersion } from '../../../main/core/cache/migrations/index';
import { openCacheDatabase } from '../../../main/core/cache/open-cache';
import { silentLogger } from '../../../main/core/logger';
import { TEST_KEY_HEX, tempDir } from './fixtures';
import { openEncrypted } from '../../../main/core/encrypted-sqlite';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('desk-migrations-');
});
afterEach(() => dir.remove());

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('cache migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(CACHE_MIGRATIONS.map((m) => m.version)).toEqual(CACHE_MIGRATIONS.map((_, i) => i + 1));
  });

  it('001 creates the case, thread, reference and sync tables', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    for (const t of ['cases', 'messages', 'case_base', 'staff', 'agencies', 'templates', 'sla_policies', 'sync_state', 'meta']) {
      expect(tables(db)).toContain(t);
    }
    db.close();
  });

  it('002 adds the search index to a version-1 cache and keeps its cases', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    db.prepare(
      `INSERT INTO cases (id, ref, ref_number, kind, agency_id, category, channel, citizen_name, citizen_language, subject, body,
        language, status, is_open, priority, created_at, updated_at, first_response_due_at, resolution_due_at, reopen_count,
        tags, tags_key, escalated, version, search_text)
       VALUES ('c1','TW-2026-00000001',1,'complaint','housing','','app','n','ar','s','b','ar','new',1,'normal',1,1,1,1,0,'[]','',0,1,'s')`,
    ).run();
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toContain('case_fts');
    expect(db.prepare('SELECT search_docid FROM cases').get()).toEqual({ search_docid: null });
    db.close();
  });

  it('003 puts the due date into the open-cases index so overdue pages need no table lookups', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    const columns = (db.prepare("PRAGMA index_info('cases_open')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['is_open', 'updated_at', 'id', 'resolution_due_at']);
    const plan = (db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM cases INDEXED BY cases_open WHERE is_open = 1 AND resolution_due_at < 5 ORDER BY updated_at DESC, id DESC LIMIT 100')
      .all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan).toMatch(/COVERING INDEX cases_open/);
    db.close();
  });

  it('004 adds the table of read-only records of cases transferred away', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    expect(tables(db)).not.toContain('moved_cases');
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(tables(db)).toContain('moved_cases');
    db.close();
  });

  it('005 indexes closed cases by closing time, so the retention purge reads no open case', () => {
    const db = new Database(':memory:');
    migrate(db, 4);
    expect(tables(db)).not.toContain('cases_closed');
    migrate(db, 5);
    expect(schemaVersion(db)).toBe(5);
    const plan = (db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM cases INDEXED BY cases_closed WHERE status = 'closed' AND closed_at < 5 ORDER BY closed_at, id LIMIT 10")
      .all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan).toMatch(/COVERING INDEX cases_closed/);
    db.close();
  });

  it('006 splits the view-scope tokens from the text and has a version-5 index rebuilt, deferred', () => {
    const db = new Database(':memory:');
    migrate(db, 5);
    db.prepare(
      `INSERT INTO cases (id, ref, ref_number, kind, agency_id, category, channel, citizen_name, citizen_language, subject, body,
        language, status, is_open, priority, created_at, updated_at, first_response_due_at, resolution_due_at, reopen_count,
        tags, tags_key, escalated, version, search_text, search_docid)
       VALUES ('c1','TW-2026-00000001',1,'complaint','housing','','app','n','ar','s','b','ar','new',1,'normal',1,1,1,1,0,'[]','',0,1,'سكن',77)`,
    ).run();
    db.prepare("INSERT INTO case_fts (rowid, text) VALUES (77, 'سكن zqa00000000')").run();
    migrate(db, 6);
    expect(schemaVersion(db)).toBe(6);
    expect(tables(db)).toEqual(expect.arrayContaining(['case_fts', 'case_scope', 'messages_thread']));
    // the old row (text and scope tokens together) is gone; the case waits for the backfill
    expect(db.prepare("SELECT count(*) AS n FROM case_fts WHERE case_fts MATCH 'سكن'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT search_docid, search_key, scope_key FROM cases').get()).toEqual({ search_docid: null, search_key: null, scope_key: null });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'search_index'").get()).toEqual({ value: 'deferred' });
    // a thread's fingerprint is read from the partial index alone
    const plan = (db
      .prepare("EXPLAIN QUERY PLAN SELECT id, created_at FROM messages WHERE case_id = 'c1' AND kind != 'event' ORDER BY created_at, id")
      .all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan).toMatch(/COVERING INDEX messages_thread/);
    db.close();
  });

  it('006 leaves an empty cache complete (nothing to rebuild)', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'search_index'").get()).toBeUndefined();
    db.close();
  });

  it('007 gives the word being typed a prefix index up to 6 letters and has the index rebuilt, deferred', () => {
    const db = new Database(':memory:');
    migrate(db, 6);
    db.prepare(
      `INSERT INTO cases (id, ref, ref_number, kind, agency_id, category, channel, citizen_name, citizen_language, subject, body,
        language, status, is_open, priority, created_at, updated_at, first_response_due_at, resolution_due_at, reopen_count,
        tags, tags_key, escalated, version, search_text, search_docid, search_key, scope_key)
       VALUES ('c1','TW-2026-00000001',1,'complaint','housing','','app','n','ar','s','b','ar','new',1,'normal',1,1,1,1,0,'[]','',0,1,'سكن',77,5,6)`,
    ).run();
    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);
    const fts = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'case_fts'").get() as { sql: string };
    expect(fts.sql).toContain("prefix='2 3 4 5 6'");
    expect(db.prepare('SELECT search_docid, search_key, scope_key FROM cases').get()).toEqual({ search_docid: null, search_key: null, scope_key: null });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'search_index'").get()).toEqual({ value: 'deferred' });
    db.close();
  });

  it('008 adds the per-agency bootstrap progress, so a bootstrap cut short resumes from its last page', () => {
    const db = new Database(':memory:');
    migrate(db, 7);
    expect(tables(db)).not.toContain('bootstrap_progress');
    migrate(db, 8);
    expect(schemaVersion(db)).toBe(8);
    db.prepare("INSERT INTO bootstrap_progress (agency_id, cursor, as_of_seq, fetched, total) VALUES ('housing', 'abc', 7, 2000, 5000)").run();
    expect(db.prepare('SELECT cursor, fetched FROM bootstrap_progress').get()).toEqual({ cursor: 'abc', fetched: 2000 });
    expect(() => db.prepare("INSERT INTO bootstrap_progress (agency_id, cursor, as_of_seq, fetched, total) VALUES ('housing', NULL, 7, 1, 1)").run()).toThrow();
    db.close();
  });

  it('010 gives each case its mass-complaint group, indexed for the group filter only where there is one', () => {
    const db = new Database(':memory:');
    migrate(db, 9);
    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    const columns = (db.prepare('PRAGMA table_info(cases)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('mass_group_id');
    const plan = (db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE mass_group_id = 'g1' ORDER BY updated_at DESC, id DESC LIMIT 100")
      .all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toContain('cases_mass_group');
    db.close();
  });

  it('rebuilds a cache of version 9, whose cases do not say which group they belong to', () => {
    const file = join(dir.dir, 'cache.sqlite');
    const old = openEncrypted(file, TEST_KEY_HEX);
    migrate(old, 9);
    old.close();
    const { db, rebuilt } = openCacheDatabase(file, TEST_KEY_HEX, silentLogger);
    expect(rebuilt).toBe(true);
    expect(schemaVersion(db)).toBe(CACHE_SCHEMA_VERSION);
    db.close();
  });

  it('rolls a failing migration back whole', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    db.exec('CREATE TABLE case_fts (x)'); // makes 002 fail half-way
    expect(() => migrate(db, 2)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    const columns = (db.prepare('PRAGMA table_info(cases)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('search_docid');
    db.close();
  });

  it('deletes a corrupt cache file and builds a fresh one', () => {
    const file = join(dir.dir, 'cache.sqlite');
    writeFileSync(file, 'this is not a database'.repeat(300));
    const { db, rebuilt } = openCacheDatabase(file, TEST_KEY_HEX, silentLogger);
    expect(rebuilt).toBe(true);
    expect(schemaVersion(db)).toBe(CACHE_SCHEMA_VERSION);
    db.close();
    expect(readdirSync(dir.dir).filter((f) => !/^cache\.sqlite(-wal|-shm)?$/.test(f))).toEqual([]);
  });

  it('rebuilds a cache whose schema is newer than this build knows', () => {
    const file = join(dir.dir, 'cache.sqlite');
    const old = openEncrypted(file, TEST_KEY_HEX);
    old.pragma(`user_version = ${CACHE_SCHEMA_VERSION + 5}`);
    old.close();
    const { db, rebuilt } = openCacheDatabase(file, TEST_KEY_HEX, silentLogger);
    expect(rebuilt).toBe(true);
    expect(schemaVersion(db)).toBe(CACHE_SCHEMA_VERSION);
    db.close();
  });

  it('deletes a cache written before numbers were masked at the source, full CPRs with it, and builds a fresh one', () => {
    const file = join(dir.dir, 'cache.sqlite');
    const old = openEncrypted(file, TEST_KEY_HEX);
    migrate(old, 8);
    old.exec("CREATE TABLE leftover (cpr TEXT); INSERT INTO leftover VALUES ('880101234')");
    old.close();
    const { db, rebuilt } = openCacheDatabase(file, TEST_KEY_HEX, silentLogger);
    expect(rebuilt).toBe(true);
    expect(schemaVersion(db)).toBe(CACHE_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'leftover'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('opens a healthy cache as it is', () => {
    const file = join(dir.dir, 'cache.sqlite');
    openCacheDatabase(file, TEST_KEY_HEX, silentLogger).db.close();
    const again = openCacheDatabase(file, TEST_KEY_HEX, silentLogger);
    expect(again.rebuilt).toBe(false);
    again.db.close();
    expect(existsSync(file)).toBe(true);
  });
});
