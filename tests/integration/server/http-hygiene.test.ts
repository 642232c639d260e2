// What an outside probe of the case server's HTTP side and text fields finds, on SQLite and on
// PostgreSQL: NUL and lone surrogates refused alike (PostgreSQL answered 500 to a NUL), headers
// that keep answers out of caches and sniffers, one error shape even for the router's own
// refusals, login limiting by the client's address only through a trusted proxy, and password
// hashes raised to today's scrypt parameters at the next login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../server/store/db';
import { hashPassword } from '../../../server/auth/passwords';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS, PASSWORD, mutationId, request, startTestServer } from './harness';
import type { TestServer } from './harness';

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\uD800b';

describe.each(BACKENDS)('HTTP and text hygiene on $name', (backend) => {
  let t: TestServer;
  const housingCase = makeCase('housing');

  beforeAll(async () => {
    t = await startTestServer(backend, {
      seed: { cases: 0, password: PASSWORD },
      trustProxy: '127.0.0.1',
      loginLimits: { pairFreeFailures: 2, pairBaseDelayMs: 60_000, userFreeFailures: 5, userBaseDelayMs: 60_000 },
    });
    await insertFixtureCases(t.server.store, [housingCase]);
  });
  afterAll(async () => {
    await t.stop();
  });

  const intake = (body: unknown) =>
    fetch(`${t.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
      body: JSON.stringify(body),
    });
  const filing = (subject: string, name = 'Fatima Ali') => ({
    kind: 'complaint', agencyId: 'housing', subject, body: 'The roof leaks.', language: 'en', citizen: { name, language: 'ar' },
  });

  it('refuses NUL and lone surrogates in intake text with a 400, writing nothing', async () => {
    const before = await t.server.store.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const body of [filing(NUL), filing(LONE_SURROGATE), filing('Leak', NUL)]) {
      const response = await intake(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_args' } });
    }
    const after = await t.server.store.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // a surrogate pair (an emoji) is text like any other
    expect((await intake(filing('Leak 💧'))).status).toBe(201);
  });

  it('refuses a note with NUL as invalid_args on the socket, and stores a clean one', async () => {
    const { socket } = await t.desk('housing.agent1');
    const refused = await request(socket, 'mutate', { id: mutationId(), name: 'case.note', args: { caseId: housingCase.id, body: NUL } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    const lone = await request(socket, 'mutate', { id: mutationId(), name: 'case.note', args: { caseId: housingCase.id, body: LONE_SURROGATE } });
    expect(lone).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    const notes = await t.server.store.db.selectFrom('messages').select('body').where('case_id', '=', housingCase.id).where('kind', '=', 'note').execute();
    expect(notes).toEqual([]);
    expect(await request(socket, 'mutate', { id: mutationId(), name: 'case.note', args: { caseId: housingCase.id, body: 'clean' } })).toMatchObject({ ok: true });
  });

  it('lets another channel act on a case only with the citizen token issued when it was filed', async () => {
    const created = await intake(filing('Water cut'));
    expect(created.status).toBe(201);
    const { ref, citizenToken } = (await created.json()) as { ref: string; citizenToken: string };
    expect(citizenToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const message = (key: string, token?: string) =>
      fetch(`${t.url}/api/intake/requests/${ref}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-channel-key': key, ...(token === undefined ? {} : { 'x-citizen-token': token }) },
        body: JSON.stringify({ body: 'any news?' }),
      });
    const foreign = await message('demo-web-key');
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await message('demo-web-key', 'x'.repeat(43))).status).toBe(404);
    expect((await message('demo-web-key', citizenToken)).status).toBe(200);
    expect((await message('demo-app-key')).status).toBe(200);
    const messages = await t.server.store.db.selectFrom('messages').innerJoin('cases', 'cases.id', 'messages.case_id').select('messages.body').where('cases.ref', '=', ref).where('messages.kind', '=', 'citizen').execute();
    expect(messages).toHaveLength(2);
  });

  it('sends nosniff everywhere and no-store on the login answer', async () => {
    const login = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'housing.agent2', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect(login.headers.get('x-content-type-options')).toBe('nosniff');
    const health = await fetch(`${t.url}/api/health`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers the router\'s own refusals (414, a malformed path, 415) in the documented error shape', async () => {
    const cases: [string, RequestInit, number, string][] = [
      [`/api/intake/requests/${'A'.repeat(300)}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, 414, 'too_large'],
      ['/api/%', { method: 'GET' }, 400, 'bad_request'],
      ['/api/login', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<a/>' }, 415, 'bad_request'],
      ['/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' }, 400, 'bad_request'],
    ];
    for (const [path, init, status, code] of cases) {
      const response = await fetch(`${t.url}${path}`, init);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = (await response.json()) as unknown;
      expect(body, path).toEqual({ error: { code, message: expect.any(String) as string } });
    }
  });

  it('limits logins by the forwarded address only because the proxy is trusted', async () => {
    const attempt = (password: string, forwardedFor: string) =>
      fetch(`${t.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username: 'housing.agent3', password }),
      });
    // the user signs in at their own workstation first
    expect((await attempt(PASSWORD, '10.20.0.1')).status).toBe(200);
    // a guesser elsewhere: two free failures, then that address waits
    for (let i = 0; i < 2; i++) expect((await attempt('wrong', '10.66.0.1')).status).toBe(401);
    const held = await attempt('wrong', '10.66.0.1');
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    // the guesser moves on through addresses until the user's ceiling slows new ones
    for (let i = 2; i < 7; i++) await attempt('wrong', `10.66.0.${i}`);
    expect((await attempt(PASSWORD, '10.99.0.1')).status).toBe(429);
    // ten and more failures do not lock the user out at the workstation they use
    expect((await attempt(PASSWORD, '10.20.0.1')).status).toBe(200);
  });

  it('raises a password hash made with older scrypt parameters at the next login', async () => {
    const old = await hashPassword(PASSWORD, { N: 16_384, r: 8, p: 1 });
    await t.server.store.db.updateTable('staff').set({ password_hash: old }).where('username', '=', 'housing.supervisor').execute();
    await t.login('housing.supervisor');
    const row = await t.server.store.db.selectFrom('staff').select('password_hash').where('username', '=', 'housing.supervisor').executeTakeFirstOrThrow();
    expect(row.password_hash).not.toBe(old);
    expect(row.password_hash.startsWith('scrypt$32768$8$3$')).toBe(true);
    // and the password still works against the new hash
    expect((await t.login('housing.supervisor')).staff.username).toBe('housing.supervisor');
  });
});

describe('login limiting without a trusted proxy', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(BACKENDS[0], { seed: { cases: 0, password: PASSWORD }, loginLimits: { pairFreeFailures: 2, pairBaseDelayMs: 60_000 } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('ignores X-Forwarded-For: a client cannot pick a fresh address per guess', async () => {
    const attempt = (forwardedFor: string) =>
      fetch(`${t.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username: 'health.agent1', password: 'wrong' }),
      });
    expect((await attempt('10.0.0.1')).status).toBe(401);
    expect((await attempt('10.0.0.2')).status).toBe(401);
    expect((await attempt('10.0.0.3')).status).toBe(429);
  });
});

describe('the embedded store on disk', () => {
  it('keeps its folder 0700 and its database files 0600, tightening those of an older build', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tawasul-modes-'));
    try {
      chmodSync(dataDir, 0o755);
      const store = await openStore({ dataDir });
      await store.db.selectFrom('staff').select('id').execute();
      const files = readdirSync(dataDir);
      expect(files).toContain('tawasul-server.sqlite');
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const file of files) expect([file, statSync(join(dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
