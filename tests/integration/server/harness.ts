// Shared set-up for the case server's integration tests: a real server on a free port over a
// real SQLite file or a real PostgreSQL schema of its own, logins, and Socket.IO clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_URL, dropSchema, runSchema } from '../../postgres';
import { pino } from 'pino';
import { io as connectClient } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, LoginResponse, ServerToClientEvents } from '../../../shared/protocol';
import { startServer } from '../../../server/index';
import type { RunningServer, ServerOptions } from '../../../server/index';

export { PG_URL };
export const PASSWORD = 'tawasul-demo';

export type Backend = {
  name: 'sqlite' | 'postgres';
  /** store options for a fresh, empty database */
  prepare: () => { options: Pick<ServerOptions, 'dataDir' | 'databaseUrl' | 'databaseSchema'>; cleanup: () => Promise<void> };
};

export const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'tawasul-server-'));
      return {
        options: { dataDir },
        cleanup: () => {
          rmSync(dataDir, { recursive: true, force: true });
          return Promise.resolve();
        },
      };
    },
  },
  {
    name: 'postgres',
    prepare() {
      const schema = runSchema('t');
      return {
        options: { databaseUrl: PG_URL, databaseSchema: schema },
        cleanup: () => dropSchema(schema),
      };
    },
  },
];

export type DeskClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export type TestServer = {
  server: RunningServer;
  url: string;
  login(username: string, password?: string): Promise<LoginResponse>;
  connect(token: string): Promise<DeskClient>;
  /** a connected socket of a demo user */
  desk(username: string): Promise<{ socket: DeskClient; login: LoginResponse }>;
  stop(): Promise<void>;
};

export async function startTestServer(backend: Backend, extra: Partial<ServerOptions> = {}): Promise<TestServer> {
  const { options, cleanup } = backend.prepare();
  const server = await startServer({
    ...options,
    port: 0,
    logger: pino({ level: 'silent' }),
    seed: { cases: 300, password: PASSWORD },
    ...extra,
  });
  const sockets: DeskClient[] = [];
  const login = async (username: string, password = PASSWORD): Promise<LoginResponse> => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    return (await response.json()) as LoginResponse;
  };
  const connect = (token: string) =>
    new Promise<DeskClient>((resolve, reject) => {
      const socket: DeskClient = connectClient(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => reject(error));
    });
  return {
    server,
    url: server.url,
    login,
    connect,
    async desk(username) {
      const session = await login(username);
      return { socket: await connect(session.token), login: session };
    },
    async stop() {
      for (const socket of sockets) socket.disconnect();
      await server.close();
      await cleanup();
    },
  };
}

/** Emits an event and resolves with its ack. */
export function request<E extends keyof ClientToServerEvents>(
  socket: DeskClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    (socket.emit as (event: string, ...args: unknown[]) => void)(event, payload, resolve);
  });
}

/** Emits raw, untyped arguments (for malformed-payload tests) and resolves with the ack. */
export function requestRaw(socket: DeskClient, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  return new Promise((resolve) => {
    (socket.emit as (event: string, ...args: unknown[]) => void)(event, ...args, resolve);
  });
}

export function valueOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.value;
}

let mutationCounter = 0;
export function mutationId(): string {
  mutationCounter += 1;
  return `mut-${process.pid}-${Date.now()}-${mutationCounter}`;
}
