// A call-centre desk (all 51 agencies) against a real case server that refuses some agencies'
// pages, holds others' past the desk's page timeout, and paces a tight per-socket limit: the
// desk still ends with every agency's cases equal to the server's, and it never says "Up to
// date" before that. A desk process SIGKILLed mid-bootstrap resumes from its saved pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncStatus } from '../../../shared/desk-api';
import { CLOSED_RETENTION_MS } from '../../../shared/protocol';
import { sessionFileKey } from '../../../main/core/live-session';
import { agencyCounts } from '../../../server/store/feed';
import { BACKENDS, PASSWORD, eventually, openDeskFile, startCore, tempDir } from './helpers';
import type { ServerStore } from './helpers';
import { startServer } from '../../../server/index';
import type { RunningServer } from '../../../server/index';
import { pino } from 'pino';

const ROOT = join(import.meta.dirname, '../../..');
const VICTIM = join(ROOT, 'node_modules', '.cache', 'tawasul-tests', 'bootstrap-victim.mjs');
const CALL_CENTRE = 'stf-callcentre.agent1';

const dirs: ReturnType<typeof tempDir>[] = [];
const dir = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d.dir;
};
let store: ServerStore;
let server: RunningServer;
let agencyIds: string[];

/** The desk's case count per agency, read from its cache file (what a lookup would search). */
function deskCounts(dataDir: string, serverUrl: string): Map<string, number> {
  const db = openDeskFile(dataDir, join(dataDir, 'caches', `${sessionFileKey(serverUrl, CALL_CENTRE)}.sqlite`));
  try {
    const closedSince = Date.now() - CLOSED_RETENTION_MS;
    const rows = db
      .prepare<[number], { agency_id: string; n: number }>('SELECT agency_id, count(*) AS n FROM cases WHERE closed_at IS NULL OR closed_at >= ? GROUP BY agency_id')
      .all(closedSince);
    return new Map(rows.map((r) => [r.agency_id, r.n]));
  } finally {
    db.close();
  }
}

async function serverCounts(): Promise<Map<string, number>> {
  const rows = await agencyCounts(server.store.db, agencyIds, Date.now() - CLOSED_RETENTION_MS);
  return new Map(rows.filter((r) => r.cases > 0).map((r) => [r.agencyId, r.cases]));
}

beforeAll(async () => {
  store = BACKENDS[0].createStore();
  server = await startServer({
    ...store.options, port: 0, host: '127.0.0.1', seed: { cases: 4_000, password: PASSWORD }, logger: pino({ level: 'silent' }),
    // about 150 requests for a call-centre bootstrap of 100-case pages: most of it paced
    socketRateLimit: { perSecond: 40, burst: 20 },
    syncFaults: [
      { mode: 'refuse', times: 3, agencyIds: ['housing', 'health'] },
      { mode: 'stall', times: 2, agencyIds: ['interior', 'education'], stallMs: 2_500 },
    ],
  });
  agencyIds = (await server.store.db.selectFrom('agencies').select('id').execute()).map((a) => a.id);
}, 120_000);

afterAll(async () => {
  await server.close();
  await store.drop();
  for (const d of dirs) d.remove();
});

describe('a call-centre desk against a server that refuses, stalls and paces its pages', () => {
  it('ends with every agency equal to the server, and is never "Up to date" before', { timeout: 120_000 }, async () => {
    expect(agencyIds).toHaveLength(51);
    const dataDir = dir('core-cc-');
    // the moment the desk first says "Up to date", its cache is read: it must be complete then
    let countsWhenUpToDate: Map<string, number> | null = null;
    const statuses: SyncStatus[] = [];
    const core = startCore(dataDir, server.url, {
      requestTimeoutMs: 1_000,
      emit: (event, payload) => {
        if (event !== 'sync.status') return;
        const status = payload as SyncStatus;
        statuses.push(status);
        if (status.state === 'online' && countsWhenUpToDate === null) countsWhenUpToDate = deskCounts(dataDir, server.url);
      },
    });
    try {
      await core.handlers['session.login']({ username: 'callcentre.agent1', password: PASSWORD });
      await eventually('the call-centre desk up to date', () => countsWhenUpToDate !== null, 90_000);
      const expected = await serverCounts();
      expect(Object.fromEntries(countsWhenUpToDate!)).toEqual(Object.fromEntries(expected));
      expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(3_000);

      // it said why it was behind meanwhile, and how far it was
      const reasons = new Set(statuses.flatMap((s) => s.behind ?? []).map((lag) => `${lag.agencyId}:${lag.reason}`));
      expect(reasons).toContain('housing:refused');
      expect(reasons).toContain('interior:timeout');
      const syncing = statuses.filter((s) => s.state === 'syncing' && s.coverage?.casesKnown === true);
      expect(syncing.some((s) => s.coverage!.agencies === 51 && s.coverage!.complete < 51 && s.coverage!.casesTotal > 3_000)).toBe(true);
      const final = await core.handlers['sync.status']({});
      expect(final.coverage).toMatchObject({ agencies: 51, complete: 51, current: 51 });
      expect(final.coverage!.cases).toBe(final.coverage!.casesTotal);
      expect(final.behind).toEqual([]);
    } finally {
      await core.close();
    }
  });
});

type VictimRun = { stdout: string; signal: NodeJS.Signals | null };

function runVictim(args: string[], killWhen: (() => boolean) | null): Promise<VictimRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VICTIM, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const poll = killWhen === null ? undefined : setInterval(() => {
      if (killWhen()) child.kill('SIGKILL');
    }, 10);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      clearInterval(poll);
      if (signal === null && code !== 0) reject(new Error(`the victim failed (${code}): ${stderr}`));
      else resolve({ stdout, signal });
    });
  });
}

describe('a call-centre desk killed in the middle of its bootstrap', () => {
  beforeAll(async () => {
    mkdirSync(join(VICTIM, '..'), { recursive: true });
    await build({
      entryPoints: [join(import.meta.dirname, 'bootstrap-victim.ts')],
      outfile: VICTIM, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning',
    });
  }, 60_000);

  it('resumes from the pages it had, not from zero, and ends equal to the server', { timeout: 180_000 }, async () => {
    // every bootstrap page the server is asked for, by which run of the desk
    const pages: { run: number; agencyId: string; cursor: string | null }[] = [];
    let run = 1;
    server.io.on('connection', (socket) => {
      socket.onAny((event: string, payload: unknown) => {
        if (event !== 'sync.bootstrap') return;
        const { agencyId, cursor } = payload as { agencyId: string; cursor: string | null };
        pages.push({ run, agencyId, cursor });
      });
    });
    const dataDir = dir('core-cc-victim-');
    const first = await runVictim([dataDir, server.url, 'login', 'callcentre.agent1', PASSWORD], () => pages.length >= 40);
    expect(first.signal).toBe('SIGKILL');
    const firstRun = pages.length;
    run = 2;
    const second = await runVictim([dataDir, server.url, 'resume'], null);
    expect(second.stdout).toContain('synced');

    const again = pages.filter((p) => p.run === 2);
    // agencies the first run had started continue from a cursor: their first page is not asked twice
    const startedBefore = new Set(pages.filter((p) => p.run === 1 && p.cursor === null).map((p) => p.agencyId));
    const restartedFromZero = again.filter((p) => p.cursor === null && startedBefore.has(p.agencyId)).map((p) => p.agencyId);
    expect(startedBefore.size).toBeGreaterThan(0);
    // (a page asked for but not yet written when the kill came is asked again: at most the
    // agencies that were on their first page)
    expect(restartedFromZero.length).toBeLessThan(startedBefore.size);
    expect(again.some((p) => p.cursor !== null && startedBefore.has(p.agencyId))).toBe(true);
    // a full bootstrap from zero would ask for every page again
    const fullRun = new Set(pages.map((p) => `${p.agencyId}:${p.cursor ?? ''}`)).size;
    expect(again.length).toBeLessThan(fullRun);
    expect(firstRun).toBeGreaterThanOrEqual(40);
    expect(Object.fromEntries(deskCounts(dataDir, server.url))).toEqual(Object.fromEntries(await serverCounts()));
  });
});
