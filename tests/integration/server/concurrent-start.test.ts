// Two server nodes started at the same moment on one empty PostgreSQL database (a fresh
// deployment scaled to two from the start): one seeds, the other waits its turn and starts on
// the seeded data; both serve it.
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../server/index';
import type { RunningServer } from '../../../server/index';
import { BACKENDS, PASSWORD } from './harness';

const postgres = BACKENDS.find((b) => b.name === 'postgres');
if (postgres === undefined) throw new Error('no postgres backend');

describe('two nodes starting together on an empty PostgreSQL database', () => {
  const { options, cleanup } = postgres.prepare();
  const nodes: RunningServer[] = [];
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await cleanup();
  });

  it('seed it once and both start', async () => {
    const start = () => startServer({ ...options, port: 0, host: '127.0.0.1', seed: { cases: 150, password: PASSWORD }, logger: pino({ level: 'silent' }) });
    const results = await Promise.allSettled([start(), start()]);
    for (const result of results) if (result.status === 'fulfilled') nodes.push(result.value);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
    const db = nodes[0].store.db;
    const count = async (table: 'agencies' | 'cases' | 'staff') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('agencies')).toBe(51);
    expect(await count('cases')).toBe(150);
    for (const node of nodes) {
      const login = await fetch(`${node.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'housing.agent1', password: PASSWORD }),
      });
      expect(login.status).toBe(200);
    }
  });
});
