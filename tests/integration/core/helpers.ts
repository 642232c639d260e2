// Helpers for the desk core's integration tests against the real case server, on either of
// its back ends: a SQLite file in a temp dir, or a PostgreSQL schema of the run's own (the
// approach of tests/integration/server/harness.ts), dropped afterwards.
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_URL, dropSchema, runSchema } from '../../postgres';
import { pino } from 'pino';
import { startServer } from '../../../server/index';
import type { RunningServer, ServerOptions } from '../../../server/index';
import { createDeskCore } from '../../../main/core/index';
import type { DeskCore, DeskCoreOptions } from '../../../main/core/index';
import type { DeskEvent } from '../../../shared/desk-api';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { openEncrypted } from '../../../main/core/encrypted-sqlite';
import { cacheKeyHex, fileModeSealer, loadDeviceKey } from '../../../main/core/keys';
import { readSession } from '../../../main/core/session-store';

export const PASSWORD = 'tawasul-demo';

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export { PG_URL };

/** One server database: survives a restart of the server, dropped by `drop`. */
export type ServerStore = {
  options: Pick<ServerOptions, 'dataDir' | 'databaseUrl' | 'databaseSchema'>;
  drop(): Promise<void>;
};

export type Backend = { name: 'sqlite' | 'postgres'; createStore(): ServerStore };

export const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    createStore() {
      const { dir, remove } = tempDir('core-it-server-');
      return { options: { dataDir: dir }, drop: () => Promise.resolve(remove()) };
    },
  },
  {
    name: 'postgres',
    createStore() {
      const schema = runSchema('core');
      return {
        options: { databaseUrl: PG_URL, databaseSchema: schema },
        drop: () => dropSchema(schema),
      };
    },
  },
];

export async function startCaseServer(store: ServerStore, port = 0, seedCases = 300): Promise<RunningServer> {
  return startServer({ ...store.options, port, host: '127.0.0.1', seed: { cases: seedCases, password: PASSWORD }, logger: pino({ level: 'silent' }) });
}

export type RecordedEvent = { event: DeskEvent; payload: unknown };

export type TestCore = DeskCore & { events: RecordedEvent[]; dataDir: string };

/** A desk folder's device key, kept as the browser host keeps it (made on first use). */
export function deviceKeyOf(dataDir: string): Buffer {
  return loadDeviceKey(join(dataDir, 'device-key'), fileModeSealer);
}

/**
 * Opens one of a signed-in desk's encrypted files (its cache or outbox) with the key its
 * session derives, as the core does; fails when the desk is signed out (its files are locked).
 */
export function openDeskFile(dataDir: string, file: string): SqliteDatabase {
  const session = readSession(dataDir, deviceKeyOf(dataDir), 0);
  if (session === null) throw new Error(`the desk in ${dataDir} is signed out: its files are locked`);
  const db = openEncrypted(file, cacheKeyHex(deviceKeyOf(dataDir), session.staff.id, session.cacheSecret));
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  return db;
}

export function startCore(dataDir: string, serverUrl: string, extra: Partial<DeskCoreOptions> = {}): TestCore {
  const events: RecordedEvent[] = [];
  const core = createDeskCore({
    dataDir,
    deviceKey: deviceKeyOf(dataDir),
    defaultServerUrl: serverUrl,
    emit: (event, payload) => events.push({ event, payload }),
    mutationHoldMs: 0,
    undoWindowMs: 0,
    reconnectBaseMs: 100,
    reconnectCapMs: 1_000,
    requestTimeoutMs: 5_000,
    bootstrapPageSize: 100,
    ...extra,
  });
  return Object.assign(core, { events, dataDir });
}

/** Waits until `check` holds (polling); fails with `what` if it never does. */
export async function eventually<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000): Promise<Exclude<T, null | undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== false && value !== undefined && value !== null) return value as Exclude<T, null | undefined | false>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`never happened: ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Files a request through the citizens' intake API (the demo app channel). */
export async function intake(serverUrl: string, path: string, body: object): Promise<{ id?: string; ref: string }> {
  const response = await fetch(`${serverUrl}/api/intake/requests${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`intake ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as { id?: string; ref: string };
}

/** Runs `work` over `items`, `width` at a time. */
export async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

export async function loggedInAndSynced(core: TestCore, username: string): Promise<void> {
  await core.handlers['session.login']({ username, password: PASSWORD });
  await eventually(`${username} online, search index built`, async () => {
    const status = await core.handlers['sync.status']({});
    return status.state === 'online' && status.progress === null && status.searchIndexing == null;
  });
}

export type SupervisorAndAgent = { server: RunningServer; supervisor: TestCore; agent: TestCore };

/**
 * For one describe block: a case server on `backend` and two signed-in, synced desks of housing
 * (its supervisor and agent1), each in a temp folder; `ready` hands them over before the tests
 * run; all of it is closed and removed after.
 */
export function withSupervisorAndAgent(backend: Backend, seedCases: number, ready: (desks: SupervisorAndAgent) => void): void {
  let store: ServerStore | undefined;
  let desks: SupervisorAndAgent | undefined;
  const dirs = [tempDir('core-sup-'), tempDir('core-agent-')];
  beforeAll(async () => {
    store = backend.createStore();
    const server = await startCaseServer(store, 0, seedCases);
    desks = { server, supervisor: startCore(dirs[0].dir, server.url), agent: startCore(dirs[1].dir, server.url) };
    await Promise.all([loggedInAndSynced(desks.supervisor, 'housing.supervisor'), loggedInAndSynced(desks.agent, 'housing.agent1')]);
    ready(desks);
  });
  afterAll(async () => {
    try {
      await desks?.supervisor.close();
      await desks?.agent.close();
      await desks?.server.close();
    } finally {
      await store?.drop();
      for (const d of dirs) d.remove();
    }
  });
}
