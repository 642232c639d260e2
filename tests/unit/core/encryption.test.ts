// The desk's files at rest: the cache, the outbox and the session are unreadable without
// the keys (main/core/keys.ts), and what was written before encryption is not lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import { isPlainDatabase } from '../../../main/core/encrypted-sqlite';
import {
  cacheKeyHex,
  fileModeSealer,
  loadDeviceKey,
  loadOrReplaceDeviceKey,
  openWithDeviceKey,
  sealWithDeviceKey,
} from '../../../main/core/keys';
import type { KeySealer } from '../../../main/core/keys';
import { silentLogger } from '../../../main/core/logger';
import { openOutboxStore } from '../../../main/core/outbox/outbox-store';
import type { StoredMutation } from '../../../main/core/outbox/outbox-store';
import { clearSession, readSession, writeSession } from '../../../main/core/session-store';
import type { StoredSession } from '../../../main/core/session-store';
import { SELF, TEST_DEVICE_KEY, TEST_KEY_HEX, makeCase, tempDir } from './fixtures';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('desk-encryption-');
});
afterEach(() => dir.remove());

/** Every file of the folder, WAL included, as one buffer: what a stolen disk would show. */
function allBytes(): Buffer {
  return Buffer.concat(readdirSync(dir.dir).map((f) => readFileSync(join(dir.dir, f))));
}

const NAME = 'Fatima Zahra Al-Mahmood';
const ARABIC_BODY = 'تسرب مياه في شقة الإسكان رقم ٤١٢';
const mutation = (id: string, body: string): StoredMutation => ({
  id, name: 'case.reply', args: { caseId: 'c1', body }, caseIds: ['c1'], actorId: SELF, createdAt: 1, sendAfter: 1, sent: false, attempts: 0,
});

describe('keys', () => {
  it('a cache key differs by device, user and cache secret', () => {
    const base = cacheKeyHex(TEST_DEVICE_KEY, 'u1', 's'.repeat(32));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKeyHex(TEST_DEVICE_KEY, 'u1', 's'.repeat(32))).toBe(base);
    expect(cacheKeyHex(Buffer.alloc(32, 1), 'u1', 's'.repeat(32))).not.toBe(base);
    expect(cacheKeyHex(TEST_DEVICE_KEY, 'u2', 's'.repeat(32))).not.toBe(base);
    expect(cacheKeyHex(TEST_DEVICE_KEY, 'u1', 't'.repeat(32))).not.toBe(base);
  });

  it('sealed data opens only with the same device key and purpose, and not once altered', () => {
    const sealed = sealWithDeviceKey(TEST_DEVICE_KEY, 'session', Buffer.from('token'));
    expect(openWithDeviceKey(TEST_DEVICE_KEY, 'session', sealed)?.toString()).toBe('token');
    expect(openWithDeviceKey(Buffer.alloc(32, 1), 'session', sealed)).toBeNull();
    expect(openWithDeviceKey(TEST_DEVICE_KEY, 'other', sealed)).toBeNull();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(openWithDeviceKey(TEST_DEVICE_KEY, 'session', altered)).toBeNull();
    expect(openWithDeviceKey(TEST_DEVICE_KEY, 'session', Buffer.from('short'))).toBeNull();
  });

  it('the device key is made once, kept through the sealer with mode 0600, and read back the same', () => {
    const calls: string[] = [];
    const sealer: KeySealer = {
      describe: 'test',
      seal: (plain) => (calls.push('seal'), Buffer.from([...plain].map((b) => b ^ 0xff))),
      open: (sealed) => (calls.push('open'), Buffer.from([...sealed].map((b) => b ^ 0xff))),
    };
    const file = join(dir.dir, 'device-key');
    const key = loadDeviceKey(file, sealer);
    expect(key).toHaveLength(32);
    expect(readFileSync(file).equals(key)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadDeviceKey(file, sealer).equals(key)).toBe(true);
    expect(calls).toEqual(['seal', 'open']);
  });

  it('a device key file that no longer unseals is kept aside and replaced, never silently reused', () => {
    const file = join(dir.dir, 'device-key');
    writeFileSync(file, 'garbage');
    const key = loadOrReplaceDeviceKey(file, fileModeSealer, silentLogger);
    expect(key).toHaveLength(32);
    expect(readdirSync(dir.dir).some((f) => f.startsWith('device-key.unreadable-'))).toBe(true);
    expect(loadDeviceKey(file, fileModeSealer).equals(key)).toBe(true);
  });
});

describe('the session file', () => {
  const session: StoredSession = {
    serverUrl: 'http://127.0.0.1:4610',
    token: 'token-that-must-not-show',
    staff: { id: SELF, username: 'housing.agent1', displayName: 'Agent', role: 'agent', agencyId: 'housing', languages: ['ar'], capacity: 10, active: true },
    expiresAt: Date.now() + 3_600_000,
    cacheSecret: 'cache-secret-that-must-not-show-0123',
  };

  it('holds the token and cache secret sealed, reads back with the device key only, and is gone after sign-out', () => {
    writeSession(dir.dir, TEST_DEVICE_KEY, session);
    const bytes = allBytes();
    expect(bytes.includes(Buffer.from(session.token))).toBe(false);
    expect(bytes.includes(Buffer.from(session.cacheSecret))).toBe(false);
    expect(readSession(dir.dir, TEST_DEVICE_KEY)).toEqual(session);
    expect(readSession(dir.dir, Buffer.alloc(32, 9))).toBeNull();
    clearSession(dir.dir);
    expect(readdirSync(dir.dir)).toEqual([]);
  });

  it('a plain session file of an older build means signed out, and is deleted', () => {
    writeFileSync(join(dir.dir, 'session.json'), JSON.stringify({ ...session, cacheSecret: undefined }));
    expect(readSession(dir.dir, TEST_DEVICE_KEY)).toBeNull();
    expect(existsSync(join(dir.dir, 'session.json'))).toBe(false);
  });
});

describe('the cache at rest', () => {
  it('holds no citizen data in clear, opens with its key only, and another key gets a fresh empty cache', () => {
    const file = join(dir.dir, 'cache.sqlite');
    const c = makeCase(1, { citizen: { ...makeCase(1).citizen, name: NAME }, subject: ARABIC_BODY });
    const cache = openCache({ file, keyHex: TEST_KEY_HEX, logger: silentLogger, isPending: () => false });
    cache.transaction(() => {
      cache.cases.writeCase(c);
      cache.cases.reindex(c.id);
    });
    expect(allBytes().includes(Buffer.from(NAME))).toBe(false); // the WAL too, before any checkpoint
    cache.close();
    const bytes = allBytes();
    expect(bytes.includes(Buffer.from(NAME))).toBe(false);
    expect(bytes.includes(Buffer.from(ARABIC_BODY))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(isPlainDatabase(file)).toBe(false);
    expect(() => new Database(file, { readonly: true }).prepare('SELECT * FROM cases').all()).toThrow(/not a database/);

    const again = openCache({ file, keyHex: TEST_KEY_HEX, logger: silentLogger, isPending: () => false });
    expect(again.rebuilt).toBe(false);
    expect(again.cases.readCase(c.id)?.citizen.name).toBe(NAME);
    again.close();

    const other = openCache({ file, keyHex: 'ab'.repeat(32), logger: silentLogger, isPending: () => false });
    expect(other.rebuilt).toBe(true);
    expect(other.cases.readCase(c.id)).toBeNull();
    other.close();
  });

  it('a plain cache of an older build is deleted, not read', () => {
    const file = join(dir.dir, 'cache.sqlite');
    const plain = new Database(file);
    plain.exec(`CREATE TABLE leftover (name TEXT); INSERT INTO leftover VALUES ('${NAME}')`);
    plain.close();
    const cache = openCache({ file, keyHex: TEST_KEY_HEX, logger: silentLogger, isPending: () => false });
    expect(cache.rebuilt).toBe(true);
    cache.close();
    expect(allBytes().includes(Buffer.from(NAME))).toBe(false);
  });
});

describe('the outbox at rest', () => {
  it('holds a queued reply encrypted and gives it back after a reopen', () => {
    const file = join(dir.dir, 'outbox.sqlite');
    const store = openOutboxStore(file, TEST_KEY_HEX, silentLogger);
    store.add(mutation('m1', ARABIC_BODY));
    expect(allBytes().includes(Buffer.from(ARABIC_BODY))).toBe(false);
    store.close();
    expect(allBytes().includes(Buffer.from(ARABIC_BODY))).toBe(false);
    const again = openOutboxStore(file, TEST_KEY_HEX, silentLogger);
    expect(again.list().map((m) => (m.args as { body: string }).body)).toEqual([ARABIC_BODY]);
    again.close();
  });

  it('a plain outbox of an older build is encrypted in place with every mutation kept', () => {
    const file = join(dir.dir, 'outbox.sqlite');
    // an outbox as a build before encryption wrote it
    const plain = new Database(file);
    plain.pragma('journal_mode = WAL');
    plain.exec(`CREATE TABLE mutations (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
      args TEXT NOT NULL, case_ids TEXT NOT NULL, actor_id TEXT NOT NULL, created_at INTEGER NOT NULL,
      send_after INTEGER NOT NULL, sent INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0)`);
    plain.pragma('user_version = 1');
    plain.prepare('INSERT INTO mutations (id, name, args, case_ids, actor_id, created_at, send_after) VALUES (?, ?, ?, ?, ?, 1, 1)')
      .run('m-old', 'case.reply', JSON.stringify({ caseId: 'c1', body: ARABIC_BODY }), '["c1"]', SELF);
    plain.close();

    const store = openOutboxStore(file, TEST_KEY_HEX, silentLogger);
    expect(store.list().map((m) => m.id)).toEqual(['m-old']);
    store.add(mutation('m-new', 'after'));
    store.close();
    expect(isPlainDatabase(file)).toBe(false);
    expect(allBytes().includes(Buffer.from(ARABIC_BODY))).toBe(false);
    const again = openOutboxStore(file, TEST_KEY_HEX, silentLogger);
    expect(again.list().map((m) => m.id)).toEqual(['m-old', 'm-new']);
    again.close();
  });

  it('an outbox that does not open with this key is kept aside untouched, and a new one started', () => {
    const file = join(dir.dir, 'outbox.sqlite');
    const store = openOutboxStore(file, 'cd'.repeat(32), silentLogger);
    store.add(mutation('m1', 'kept'));
    store.close();
    const before = readFileSync(file);
    const other = openOutboxStore(file, TEST_KEY_HEX, silentLogger);
    expect(other.list()).toEqual([]);
    other.close();
    const aside = readdirSync(dir.dir).find((f) => /^outbox\.sqlite\.unreadable-\d+$/.test(f));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir.dir, aside!)).equals(before)).toBe(true);
    const recovered = openOutboxStore(join(dir.dir, aside!), 'cd'.repeat(32), silentLogger);
    expect(recovered.list().map((m) => m.id)).toEqual(['m1']);
    recovered.close();
  });
});
