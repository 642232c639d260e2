// The desks the inbox benchmark opens: housing.agent1 signed in once through the desk core
// (so the session file, the cache and its sync_state are the core's own), then that cache
// filled to 1,000,000 cases (and a second desk's to 1,000, the floor) through the core's cache
// writers, so the search index and the view indexes are exactly what a bootstrap would leave.
// Built once into a temp folder named by PREPARED_VERSION and reused by later runs; the case
// server's data folder is kept beside it, so the next start only pulls what changed since.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { SyncStatus } from '../../../shared/desk-api';
import { createDeskCore } from '../../../main/core/index';
import { openCache } from '../../../main/core/cache/index';
import { CACHE_SCHEMA_VERSION } from '../../../main/core/cache/migrations/index';
import { sessionFileKey } from '../../../main/core/live-session';
import { silentLogger } from '../../../main/core/logger';
import { normalizeServerUrl } from '../../../main/core/server-api';
import { readSession, writeSession } from '../../../main/core/session-store';
import { cacheKeyHex, fileModeSealer, loadDeviceKey } from '../../../main/core/keys';
import { DEVICE_KEY_FILE } from '../../../main/browser-host/index';
import { createHostAccess } from '../../../main/browser-host/host-access';
import { freePort, startCaseServer } from './processes';
import type { RunningProcess } from './processes';
import { syntheticHousingCases } from './synthetic-cases';

export const LARGE_CACHE_CASES = 1_000_000;
export const SMALL_CACHE_CASES = 1_000;
/** Bump when the synthetic data or the way it is written changes; the cache schema is in it. */
// v3: desks named by desk cookie and tab key; opened offline (a v2 cache met its server and was
// emptied by the desk's count check)
export const PREPARED_VERSION = `v3-encrypted-schema${CACHE_SCHEMA_VERSION}-${LARGE_CACHE_CASES}`;
export const AGENT = { username: 'housing.agent1', password: 'tawasul-demo' };
const SIGN_IN_TIMEOUT_MS = 120_000;
/** A session closer than this to its expiry is renewed before a run (sessions last 12 h). */
const SESSION_MARGIN_MS = 30 * 60_000;

const deskSchema = z.object({ sessionKey: z.string().regex(/^[0-9a-f]{32}$/), cases: z.number().int() });
const stateSchema = z.object({ version: z.string(), serverPort: z.number().int(), large: deskSchema, small: deskSchema });
export type PreparedDesk = z.infer<typeof deskSchema>;
export type PreparedState = z.infer<typeof stateSchema>;

export type Prepared = {
  dir: string;
  serverDataDir: string;
  hostDataDir: string;
  state: PreparedState;
  deskDir(desk: PreparedDesk): string;
  /** the browser host's device key (made on first use, as the host itself would) */
  deviceKey(): Buffer;
};

type Say = (line: string) => void;

/**
 * The desk cookie the benchmark's browser presents for a prepared desk (the host gives a new
 * browser a random one); with the tab's key (the session key, in sessionStorage) it names the
 * desk's folder, as the host derives it (main/browser-host/host-access.ts).
 */
export function deskCookie(desk: PreparedDesk): string {
  return createHash('sha256').update(`tawasul ui bench desk ${desk.sessionKey}`).digest('base64url');
}

function layout(dir: string, state: PreparedState): Prepared {
  const hostDataDir = join(dir, 'host');
  const deviceKey = () => loadDeviceKey(join(hostDataDir, DEVICE_KEY_FILE), fileModeSealer);
  return {
    dir,
    serverDataDir: join(dir, 'server'),
    hostDataDir,
    state,
    // the browser host keeps each desk in sessions/<keyed hash of (desk cookie, tab key)>
    deskDir: (desk) => join(hostDataDir, 'sessions', createHostAccess('127.0.0.1', 0, deviceKey()).deskId(deskCookie(desk), desk.sessionKey)),
    deviceKey,
  };
}

/** Desks built before the host named folders by cookie and tab key move to their new names. */
function renameOldDeskFolders(prepared: Prepared): void {
  for (const desk of [prepared.state.large, prepared.state.small]) {
    const old = join(prepared.hostDataDir, 'sessions', desk.sessionKey);
    const current = prepared.deskDir(desk);
    if (existsSync(old) && !existsSync(current)) renameSync(old, current);
  }
}

function readState(dir: string): PreparedState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')));
    return parsed.success && parsed.data.version === PREPARED_VERSION ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeState(prepared: Prepared): void {
  writeFileSync(join(prepared.dir, 'state.json'), JSON.stringify(prepared.state));
}

/** Signs the agent in through a desk core of its own and waits until it is online and caught up. */
export async function signIn(deskDir: string, deviceKey: Buffer, serverUrl: string): Promise<void> {
  let online: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => {
    online = resolve;
  });
  const core = createDeskCore({
    dataDir: deskDir,
    deviceKey,
    defaultServerUrl: serverUrl,
    emit: (event, payload) => {
      if (event === 'sync.status' && (payload as SyncStatus).state === 'online') online();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await core.handlers['session.login']({ serverUrl, ...AGENT });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the desk did not get online within ${SIGN_IN_TIMEOUT_MS / 1000} s`)), SIGN_IN_TIMEOUT_MS);
    });
    await Promise.race([caughtUp, timeout]);
  } finally {
    clearTimeout(timer);
    await core.close();
  }
}

function cacheOf(deskDir: string, deviceKey: Buffer): { file: string; keyHex: string } {
  const session = readSession(deskDir, deviceKey, 0);
  if (session === null) throw new Error(`no session file in ${deskDir}`);
  return {
    file: join(deskDir, 'caches', `${sessionFileKey(session.serverUrl, session.staff.id)}.sqlite`),
    keyHex: cacheKeyHex(deviceKey, session.staff.id, session.cacheSecret),
  };
}

/** Tops the desk's cache up to `target` cases with synthetic housing cases and their threads. */
function fillCache(deskDir: string, deviceKey: Buffer, target: number, say: Say): void {
  const cache = openCache({ ...cacheOf(deskDir, deviceKey), logger: silentLogger, isPending: () => false });
  try {
    const reference = cache.reference.loadReference();
    if (reference === null) throw new Error('the signed-in cache holds no reference data');
    const held = cache.views.counts({ selfId: reference.self.id, now: Date.now() }).all ?? 0;
    const started = performance.now();
    let written = 0;
    for (const batch of syntheticHousingCases(reference, Math.max(0, target - held), Date.now())) {
      // messages first: reindex reads the thread into the case's search row
      cache.transaction(() => {
        for (const m of batch.messages) cache.cases.insertMessage(m);
        for (const c of batch.cases) {
          cache.cases.writeCase(c);
          cache.cases.reindex(c.id);
        }
      });
      written += batch.cases.length;
      if (written % 100_000 < batch.cases.length) say(`  ${written.toLocaleString('en')} cases written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    cache.db.pragma('optimize');
    cache.db.pragma('wal_checkpoint(TRUNCATE)');
    say(`  cache holds ${(held + written).toLocaleString('en')} cases (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    cache.close();
  }
}

async function build(dir: string, say: Say): Promise<Prepared> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const newKey = () => randomBytes(16).toString('hex');
  const prepared = layout(dir, {
    version: PREPARED_VERSION,
    serverPort: await freePort(),
    large: { sessionKey: newKey(), cases: LARGE_CACHE_CASES },
    small: { sessionKey: newKey(), cases: SMALL_CACHE_CASES },
  });
  say(`building the desk caches in ${dir} (once; 1,000,000 cases take about 2 minutes, later runs reuse them)`);
  const server = await startCaseServer(prepared.state.serverPort, prepared.serverDataDir);
  try {
    const serverUrl = `http://127.0.0.1:${prepared.state.serverPort}`;
    for (const desk of [prepared.state.small, prepared.state.large]) {
      await signIn(prepared.deskDir(desk), prepared.deviceKey(), serverUrl);
      fillCache(prepared.deskDir(desk), prepared.deviceKey(), desk.cases, say);
    }
  } finally {
    await server.stop();
  }
  writeState(prepared);
  return prepared;
}

/** The prepared desks of this version, built now if no complete earlier build exists. */
export async function prepareDesks(say: Say): Promise<Prepared> {
  const dir = join(tmpdir(), 'tawasul-ui-bench', PREPARED_VERSION);
  const state = readState(dir);
  if (state !== null && existsSync(join(dir, 'server'))) {
    say(`reusing the desk caches in ${dir}`);
    const prepared = layout(dir, state);
    renameOldDeskFolders(prepared);
    return prepared;
  }
  return build(dir, say);
}

/**
 * The desks' files are named after (server URL, user): when the server must move to another
 * port, the cache, outbox and session move with it, exactly as if the desk had always used it.
 */
export function moveDesksToServer(prepared: Prepared, serverPort: number): void {
  const serverUrl = normalizeServerUrl(`http://127.0.0.1:${serverPort}`);
  for (const desk of [prepared.state.large, prepared.state.small]) {
    const deskDir = prepared.deskDir(desk);
    const session = readSession(deskDir, prepared.deviceKey(), 0);
    if (session === null) continue;
    const from = sessionFileKey(session.serverUrl, session.staff.id);
    const to = sessionFileKey(serverUrl, session.staff.id);
    for (const folder of ['caches', 'outbox']) {
      for (const suffix of ['', '-wal', '-shm']) {
        const file = join(deskDir, folder, `${from}.sqlite${suffix}`);
        if (existsSync(file)) renameSync(file, join(deskDir, folder, `${to}.sqlite${suffix}`));
      }
    }
    writeSession(deskDir, prepared.deviceKey(), { ...session, serverUrl });
  }
  prepared.state.serverPort = serverPort;
  writeState(prepared);
}

/** Renews a session that expired (or is about to) while the prepared desks sat unused. */
export async function ensureSignedIn(prepared: Prepared, server: RunningProcess | null): Promise<void> {
  const serverUrl = `http://127.0.0.1:${prepared.state.serverPort}`;
  for (const desk of [prepared.state.large, prepared.state.small]) {
    if (readSession(prepared.deskDir(desk), prepared.deviceKey(), Date.now() + SESSION_MARGIN_MS) !== null) continue;
    if (server === null) throw new Error('the case server is needed to renew a session');
    await signIn(prepared.deskDir(desk), prepared.deviceKey(), serverUrl);
  }
}
