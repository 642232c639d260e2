// Bootstrap into an empty cache from a real case server (`npm run bench -- bootstrap`): a
// call-centre desk (it sees every agency) signs in and syncs everything it may hold. The
// server runs as a child process on a demo database seeded with 360,000 cases (the desk holds
// ~30% of them: open ones and those closed in the last 90 days), kept in a temp folder and
// reused by later runs. The floor is the same pages fetched over a bare Socket.IO
// client that writes nothing: what the server and the wire cost on their own.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_BOOTSTRAP_PAGE, createDeskCore } from '../../../main/core/index';
import { openEncrypted } from '../../../main/core/encrypted-sqlite';
import { cacheKeyHex } from '../../../main/core/keys';
import { readSession } from '../../../main/core/session-store';
import type { BootstrapPage, ReferenceData } from '../../../shared/protocol';
import { loginResponseSchema } from '../../../shared/protocol';
import { PASSWORD } from '../../integration/core/helpers';
import { spawnServer } from '../../integration/core/server-process';
import { reportFigure } from '../report';
import { BENCH_ROOT } from './bench-desk';

// the desk holds ~30% of a seed (open cases + closed in the last 90 days): 360,000 → ~108,000
const SERVER_CASES = Number(process.env.TAWASUL_BENCH_SERVER_CASES ?? 360_000);
const USERNAME = 'callcentre.agent1';
/** the desk's own page size, for the desk and the floor alike */
const PAGE = DEFAULT_BOOTSTRAP_PAGE;
const say = (line: string) => process.stdout.write(`${line}\n`);

const serverDir = join(BENCH_ROOT, `server-${SERVER_CASES}`);
mkdirSync(serverDir, { recursive: true });
say(existsSync(join(serverDir, 'tawasul-server.sqlite'))
  ? `reusing the server database seeded earlier with ${SERVER_CASES.toLocaleString('en')} cases in ${serverDir}`
  : `no server database in ${serverDir}: seeding ${SERVER_CASES.toLocaleString('en')} cases once (later runs reuse it)`);
const server = await spawnServer({ dataDir: serverDir, seedCases: SERVER_CASES });

type Ack<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

/** The floor: every agency's snapshot pages over a bare client, all agencies at once as the core does. */
async function rawBootstrap(): Promise<{ ms: number; cases: number; messages: number }> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  const { token } = loginResponseSchema.parse(await response.json());
  const socket = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ask = <T>(event: string, payload: unknown) =>
    new Promise<T>((resolve, reject) => {
      socket.emit(event, payload, (ack: Ack<T>) => (ack.ok ? resolve(ack.value) : reject(new Error(ack.error.message))));
    });
  const reference = await ask<ReferenceData>('sync.reference', {});
  let cases = 0;
  let messages = 0;
  await Promise.all(reference.visibleAgencyIds.map(async (agencyId) => {
    let cursor: string | null = null;
    do {
      const page: BootstrapPage = await ask<BootstrapPage>('sync.bootstrap', { agencyId, cursor, limit: PAGE });
      cases += page.cases.length;
      messages += page.messages.length;
      cursor = page.nextCursor;
    } while (cursor !== null);
  }));
  socket.disconnect();
  return { ms: performance.now() - started, cases, messages };
}

async function coreBootstrap(): Promise<{ ms: number; searchMs: number; cases: number; rssMb: number; longestBlockMs: number; p99BlockMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tawasul-bench-bootstrap-'));
  try {
    const deviceKey = randomBytes(32);
    const core = createDeskCore({ dataDir, deviceKey, defaultServerUrl: server.url, emit: () => undefined, bootstrapPageSize: PAGE, requestTimeoutMs: 60_000 });
    // how long the core held the event loop at a time (the bench's polling shares the loop)
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    await core.handlers['session.login']({ username: USERNAME, password: PASSWORD });
    for (;;) {
      const status = await core.handlers['sync.status']({});
      if (status.state === 'online' && status.progress === null) break;
      if (performance.now() - started > 600_000) throw new Error('bootstrap did not finish in 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - started;
    // the search index is built after the last page (views work meanwhile)
    while ((await core.handlers['sync.status']({})).searchIndexing != null) {
      if (performance.now() - started > 600_000) throw new Error('the search index was not built in 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const searchMs = performance.now() - started;
    loop.disable();
    const longestBlockMs = loop.max / 1e6;
    const p99BlockMs = loop.percentile(99) / 1e6;
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    await core.close();
    const cacheDir = join(dataDir, 'caches');
    const file = readdirSync(cacheDir).find((f) => f.endsWith('.sqlite'))!;
    const session = readSession(dataDir, deviceKey, 0);
    if (session === null) throw new Error('the bench desk lost its session');
    const db = openEncrypted(join(cacheDir, file), cacheKeyHex(deviceKey, session.staff.id, session.cacheSecret));
    const cases = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cases').get()!.n;
    db.close();
    return { ms, searchMs, cases, rssMb, longestBlockMs, p99BlockMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  const raw = await rawBootstrap();
  const core = await coreBootstrap();
  if (core.cases !== raw.cases) say(`note: the desk holds ${core.cases} cases, the snapshot had ${raw.cases}`);
  const what = `${core.cases.toLocaleString('en')} cases (+${raw.messages.toLocaleString('en')} messages) into an empty cache, server seeded with ${SERVER_CASES.toLocaleString('en')}`;
  reportFigure({
    name: `bootstrap ${what}: views ready`,
    value: core.ms / 1000, unit: 's', budget: 10, floor: raw.ms / 1000,
    note: `${Math.round(core.cases / (core.ms / 1000)).toLocaleString('en')} cases/s, every case and thread written; a call-centre desk: every agency's open cases and those closed in the last 90 days; floor: the same pages over a bare client, nothing written`,
  });
  reportFigure({
    name: `bootstrap ${what}: search index built`,
    value: core.searchMs / 1000, unit: 's', budget: null, floor: raw.ms / 1000,
    note: 'the index is built after the last page; until then search gives exact lookups (reference, CPR, phone) and says it is indexing',
  });
  reportFigure({
    name: `longest block of the core during that bootstrap and search index build`,
    value: Number(core.longestBlockMs.toFixed(1)), unit: 'ms', budget: 50, floor: null,
    spread: `p99 ${core.p99BlockMs.toFixed(1)} ms`,
    note: 'issue 11: the event loop\'s longest delay (perf_hooks monitorEventLoopDelay, 5 ms resolution) from sign-in to the search index built; includes the parse of each page as it arrives, and on a loaded machine the time the process waited for a core',
  });
  say(`bench process RSS after the bootstrap (server in another process): ${core.rssMb.toFixed(0)} MB`);
} finally {
  await server.kill('SIGTERM');
}
