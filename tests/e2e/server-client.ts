// The case server as the specs reach it from outside the desk: a staff member's socket (to
// set up data or to try what the desk would never send), the intake API, and a read-only look
// at the server's own SQLite file for figures computed independently of its queries.
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, LoginResponse, ServerToClientEvents } from '../../shared/protocol';
import { DEMO_PASSWORD } from './fixtures';

export type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const serverUrl = (): string => process.env.TAWASUL_E2E_SERVER_URL ?? '';

export async function staffSocket(username: string): Promise<StaffSocket> {
  const response = await fetch(`${serverUrl()}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  const { token } = (await response.json()) as LoginResponse;
  return new Promise((resolve, reject) => {
    const socket: StaffSocket = io(serverUrl(), { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function ask<E extends keyof ClientToServerEvents>(socket: StaffSocket, event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    (socket.emit as (event: string, ...args: unknown[]) => void)(event, payload, resolve);
  });
}

export function valueOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.value;
}

let counter = 0;
export const newMutationId = (): string => `e2e-${process.pid}-${Date.now()}-${++counter}`;

/** Files a request through the intake API, as the citizen app does. */
export async function fileRequest(agencyId: string, subject: string, language: 'ar' | 'en' = 'en'): Promise<{ id: string; ref: string }> {
  const response = await fetch(`${serverUrl()}/api/intake/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-key': 'demo-app-key' },
    body: JSON.stringify({ kind: 'complaint', agencyId, citizen: { name: 'Huda Saleh', language }, subject, body: `${subject}, since this morning.`, language }),
  });
  if (response.status !== 201) throw new Error(`intake: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; ref: string };
}

/** The server's database, opened read-only beside the running server (WAL lets both read). */
export function serverDatabase(): Database.Database {
  return new Database(join(process.env.TAWASUL_E2E_DATA ?? '', 'server', 'tawasul-server.sqlite'), { readonly: true, fileMustExist: true });
}
