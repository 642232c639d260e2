// What the case server's benchmarks share: a fresh store per run (a temp SQLite folder or a
// PostgreSQL schema of its own, both removed afterwards), the server as a child process through
// its CLI (so the clients measured do not share its event loop), and desk clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_URL, dropSchema, runSchema } from '../../postgres';
import { pino } from 'pino';
import { io as connectClient } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { Case } from '../../../shared/domain';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol';
import { seedDemo } from '../../../server/seed/index';
import { openStore } from '../../../server/store/db';
import type { Store, StoreOptions } from '../../../server/store/db';
import { insertFixtureCases, makeCase } from '../../integration/server/case-fixture';
import { loginToken, startChildServer } from '../../integration/server/child-server';
import type { ChildServer, ChildStore } from '../../integration/server/child-server';

export { PG_URL };
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PASSWORD = 'tawasul-demo';

export type BackendName = 'sqlite' | 'postgres';
export type DeskClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export type BenchStore = {
  name: BackendName;
  storeOptions: StoreOptions;
  childStore: ChildStore;
  /** a PostgreSQL connection string already set to the run's schema (postgres only) */
  pgUrl?: string;
  sqliteFile?: string;
  cleanup(): Promise<void>;
};

export function prepareStore(name: BackendName): BenchStore {
  if (name === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'tawasul-bench-'));
    return {
      name,
      storeOptions: { dataDir },
      childStore: { dataDir },
      sqliteFile: join(dataDir, 'tawasul-server.sqlite'),
      cleanup: () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const schema = runSchema('bench');
  return {
    name,
    storeOptions: { databaseUrl: PG_URL, schema },
    childStore: { databaseUrl: PG_URL, schema },
    pgUrl: PG_URL,
    cleanup: () => dropSchema(schema),
  };
}

/** The schema name of a postgres bench store. */
export function schemaOf(store: BenchStore): string {
  return 'schema' in store.childStore ? store.childStore.schema : '';
}

export async function withStore<T>(bench: BenchStore, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(bench.storeOptions);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Demo reference data (no demo cases) plus `count` fresh housing cases; returns them. */
export async function seedWithCases(bench: BenchStore, count: number, overrides: Partial<Case> = {}): Promise<Case[]> {
  return withStore(bench, async (store) => {
    await seedDemo(store, { cases: 0, password: PASSWORD, logger: pino({ level: 'silent' }) });
    const cases = Array.from({ length: count }, () => makeCase('housing', overrides));
    await insertFixtureCases(store, cases);
    return cases;
  });
}

export async function startServerChild(bench: BenchStore, env: Record<string, string> = {}): Promise<ChildServer> {
  // the benches connect up to 1,000 desks as a handful of users: past the per-user cap of a real desk
  return startChildServer(bench.childStore, [], { LOG_LEVEL: 'warn', TAWASUL_SOCKET_RATE: 'off', TAWASUL_SOCKETS_PER_USER: '5000', ...env });
}

export async function stopChild(server: ChildServer): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  await server.exited;
}

export { loginToken };

export function connectDesk(url: string, token: string): Promise<DeskClient> {
  return new Promise((resolve, reject) => {
    const socket: DeskClient = connectClient(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Connects `count` sockets, a few at a time so the server's accept queue is not flooded. */
export async function connectMany(url: string, token: string, count: number, batch = 50): Promise<DeskClient[]> {
  const sockets: DeskClient[] = [];
  for (let i = 0; i < count; i += batch) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, () => connectDesk(url, token)))));
  }
  return sockets;
}

export function seconds(ms: number): number {
  return ms / 1000;
}
