// The intake API's optional Idempotency-Key: a retried request files one case and answers with
// the same {id, ref}, also when the retries race; a key reused for another request is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer } from './harness';
import type { TestServer } from './harness';

describe.each(BACKENDS)('intake idempotency on $name', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend, { seed: { cases: 0, password: 'tawasul-demo' } });
  });
  afterAll(async () => {
    await t.stop();
  });

  const complaint = (subject: string) => ({ kind: 'complaint', agencyId: 'housing', citizen: { name: 'Ali', language: 'en' }, subject, body: 'Water leak', language: 'en' });

  function file(body: object, key?: string, channelKey = 'demo-app-key') {
    return fetch(`${t.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': channelKey, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify(body),
    });
  }
  const casesWithSubject = async (subject: string) =>
    (await t.server.store.db.selectFrom('cases').select(['id', 'ref']).where('subject', '=', subject).execute()).length;

  it('the same key twice: one case, the same id and reference', async () => {
    const first = await file(complaint('Leak A'), 'retry-0001');
    const again = await file(complaint('Leak A'), 'retry-0001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const a = (await first.json()) as { id: string; ref: string };
    expect(await again.json()).toEqual(a);
    expect(a.ref).toMatch(/^TW-\d{4}-\d{8}$/);
    expect(await casesWithSubject('Leak A')).toBe(1);
  });

  it('racing retries with one key file one case', async () => {
    const replies = await Promise.all(Array.from({ length: 6 }, () => file(complaint('Leak B'), 'race-0001')));
    const bodies = await Promise.all(replies.map((r) => r.json() as Promise<{ id: string; ref: string }>));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(bodies.map((b) => `${b.id} ${b.ref}`)).size).toBe(1);
    expect(await casesWithSubject('Leak B')).toBe(1);
  });

  it('a key reused for another request is a conflict; keys are per channel; no key files every time', async () => {
    expect((await file(complaint('Leak C'), 'reuse-0001')).status).toBe(201);
    const other = await file(complaint('Something else'), 'reuse-0001');
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(await casesWithSubject('Something else')).toBe(0);

    expect((await file(complaint('Leak C'), 'reuse-0001', 'demo-web-key')).status).toBe(201);
    expect(await casesWithSubject('Leak C')).toBe(2);

    await file(complaint('Leak D'));
    await file(complaint('Leak D'));
    expect(await casesWithSubject('Leak D')).toBe(2);
  });

  it('refuses a malformed key with 400 and files nothing', async () => {
    for (const key of ['x'.repeat(201), 'with space']) {
      const response = await file(complaint('Leak E'), key);
      expect(response.status).toBe(400);
    }
    expect(await casesWithSubject('Leak E')).toBe(0);
  });
});
