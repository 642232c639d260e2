// Bad clients and many clients: malformed payloads on every event and endpoint get an error
// and change nothing; concurrent writers never make a reader skip or repeat a seq.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headSeq } from '../../../server/store/feed';
import { serverRequests } from '../../../shared/protocol';
import type { ServerRequest } from '../../../shared/protocol';
import { BACKENDS, mutationId, request, requestRaw, startTestServer, valueOf } from './harness';
import type { TestServer } from './harness';

// every request of the protocol's map: one without a handler would leave these acks unanswered
const EVENTS = Object.keys(serverRequests) as ServerRequest[];
const deep: Record<string, unknown> = {};
let cursor = deep;
for (let i = 0; i < 200; i++) {
  const next: Record<string, unknown> = {};
  cursor.next = next;
  cursor = next;
}
const GARBAGE: unknown[] = [
  undefined,
  null,
  42,
  'text',
  [],
  [1, 2, 3],
  { agencyId: 5 },
  { id: 'short', name: 'case.nope', args: {} },
  { agencyId: 'housing', cursor: 'not-a-cursor', limit: 10 },
  { agencyId: 'housing', afterSeq: -1, limit: 10 },
  { caseId: 'x', state: 'dancing' },
  { __proto__: { polluted: true } },
  deep,
];

describe.each(BACKENDS)('robustness on $name', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers malformed payloads on every event with an error ack, and writes nothing', async () => {
    const { socket } = await t.desk('housing.supervisor');
    const head = await headSeq(t.server.store.db, 'housing');
    for (const event of EVENTS) {
      for (const payload of GARBAGE) {
        // not garbage for this request as it arrives (stats.workload takes {} and ignores unknown keys)
        const sent: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
        if (serverRequests[event].args.safeParse(sent).success) continue;
        const ack = await requestRaw(socket, event, payload);
        expect(ack.ok, `${event} ${JSON.stringify(payload)?.slice(0, 40)}`).toBe(false);
        if (!ack.ok) expect(['invalid_args', 'not_found', 'forbidden']).toContain(ack.error.code);
      }
      // no payload at all, the ack as the only argument
      expect(await requestRaw(socket, event)).toMatchObject({ ok: false });
      // no ack callback: nothing to answer, and nothing breaks
      socket.emit(event as 'sync.reference', 'garbage' as never, undefined as never);
    }
    // valid envelopes with bad arguments, for every mutation
    for (const name of ['case.take', 'case.reply', 'case.transfer', 'bulk.assign', 'bulk.reply', 'case.create'] as const) {
      const ack = await request(socket, 'mutate', { id: mutationId(), name, args: { caseId: 7, caseIds: 'all' } });
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    }
    expect(await headSeq(t.server.store.db, 'housing')).toBe(head);
    // the same socket still works
    expect(valueOf(await request(socket, 'sync.reference', {})).self.username).toBe('housing.supervisor');
  });

  it('drops a client that sends a frame above the payload limit, and stays up', async () => {
    const { socket } = await t.desk('housing.agent1');
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.emit('presence.set', { caseId: 'x'.repeat(3 * 1024 * 1024), state: 'viewing' }, () => undefined);
    expect(await dropped).toBeTruthy();
    const health = await fetch(`${t.url}/api/health`);
    expect(await health.json()).toEqual({ ok: true });
  });

  it('paces a socket that floods it, and refuses it only past the pacing window', async () => {
    const { socket } = await t.desk('housing.agent2');
    // a burst of 200 at once, then 50 a second for at most MAX_PACING_MS (10 s): about 700 of
    // these 800 are answered (paced), the rest refused as rate_limited, and none is lost
    const acks = await Promise.all(Array.from({ length: 800 }, () => requestRaw(socket, 'presence.set', 'flood')));
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited').length;
    const answered = acks.filter((a) => !a.ok && a.error.code === 'invalid_args').length;
    expect(limited).toBeGreaterThan(20);
    expect(answered).toBeGreaterThan(600);
    expect(limited + answered).toBe(800);
  });

  it('answers malformed HTTP bodies with 4xx and an error object', async () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key', ...headers }, body });
    const cases: [string, string][] = [
      ['/api/login', '{'],
      ['/api/login', '[]'],
      ['/api/login', '{"username":"","password":"x"}'],
      ['/api/login', JSON.stringify({ username: 'a'.repeat(500), password: 'x' })],
      ['/api/intake/requests', '{"kind":"complaint","agencyId":"NOPE"}'],
      ['/api/intake/requests', 'null'],
      ['/api/intake/requests/TW-2026-00000001/messages', '{"body":""}'],
      ['/api/intake/requests/not-a-ref/reopen', '{"reason":"x"}'],
      ['/api/intake/requests/TW-2026-00000001/rating', '{"rating":9}'],
    ];
    for (const [path, body] of cases) {
      const response = await post(path, body);
      expect(response.status, `${path} ${body}`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const json = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof json.error?.code).toBe('string');
      expect(typeof json.error?.message).toBe('string');
    }
    expect((await post('/api/logout', '{}')).status).toBe(401);
    expect((await fetch(`${t.url}/api/nowhere`)).status).toBe(404);
    expect((await post('/api/intake/requests', '{}', { 'x-channel-key': '' })).status).toBe(401);
    expect(await (await fetch(`${t.url}/api/ready`)).json()).toEqual({ ok: true });
  });
});
