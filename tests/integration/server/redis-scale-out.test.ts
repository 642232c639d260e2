// Two server nodes sharing one PostgreSQL schema and Redis: a change committed on one node
// reaches a desk connected to the other through the Socket.IO Redis adapter.
import { pino } from 'pino';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesEvent, LoginResponse } from '../../../shared/protocol';
import { startServer } from '../../../server/index';
import type { RunningServer } from '../../../server/index';
import { BACKENDS, PASSWORD } from './harness';
import type { DeskClient } from './harness';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two nodes over PostgreSQL and Redis', () => {
  const postgres = BACKENDS.find((b) => b.name === 'postgres');
  if (postgres === undefined) throw new Error('no postgres back end');
  const prepared = postgres.prepare();
  let a: RunningServer;
  let b: RunningServer;
  const sockets: DeskClient[] = [];

  beforeAll(async () => {
    const common = { ...prepared.options, port: 0, redisUrl: REDIS_URL, logger: pino({ level: 'silent' }) };
    a = await startServer({ ...common, seed: { cases: 120, password: PASSWORD } });
    b = await startServer({ ...common, seed: { cases: 120, password: PASSWORD } });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await a.close();
    await b.close();
    await prepared.cleanup();
  });

  it('a case filed on node A is pushed to a housing desk on node B', async () => {
    const login = (await (
      await fetch(`${b.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'housing.agent1', password: PASSWORD }) })
    ).json()) as LoginResponse;
    const socket: DeskClient = connectClient(b.url, { auth: { token: login.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // the adapter's subscription is in place once a server-side round trip has completed
    await socket.emitWithAck('sync.reference', {});
    const heard = new Promise<ChangesEvent>((resolve) => socket.on('changes', (e) => resolve(e)));
    const response = await fetch(`${a.url}/api/intake/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
      body: JSON.stringify({ kind: 'complaint', agencyId: 'housing', citizen: { name: 'Ali', language: 'en' }, subject: 'Leak', body: 'Water leak', language: 'en' }),
    });
    const { id } = (await response.json()) as { id: string };
    const event = await heard;
    expect(event.agencyId).toBe('housing');
    expect(event.changes[0]).toMatchObject({ type: 'case', case: { id } });
    // the second node did not seed again: the demo staff exist once
    const admins = await b.store.db.selectFrom('staff').select('id').where('username', '=', 'admin').execute();
    expect(admins).toHaveLength(1);
  });

  it('logging out on node A disconnects that token\'s socket on node B', async () => {
    const login = (await (
      await fetch(`${a.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'health.agent1', password: PASSWORD }) })
    ).json()) as LoginResponse;
    const socket: DeskClient = connectClient(b.url, { auth: { token: login.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    await socket.emitWithAck('sync.reference', {});
    const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const out = await fetch(`${a.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${login.token}` } });
    expect(out.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
  });
});
