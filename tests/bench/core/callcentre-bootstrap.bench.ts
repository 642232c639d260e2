// A fresh call-centre desk (all 51 agencies) bootstrapping about 50,000 cases in scope from a
// case server child process, once on a quiet machine and once with every core kept busy by
// other work (one `for(;;){}` process per core). Each run: time from sign-in to "Up to date",
// to the search index built, the worst answer of the server's /api/health meanwhile (how long
// its event loop was held), and a check that every agency's count equals the server's.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { SyncStatus } from '../../../shared/desk-api';
import { CLOSED_RETENTION_MS } from '../../../shared/protocol';
import { createDeskCore } from '../../../main/core/index';
import { fileModeSealer, loadDeviceKey } from '../../../main/core/keys';
import { sessionFileKey } from '../../../main/core/live-session';
import { openEncrypted } from '../../../main/core/encrypted-sqlite';
import { cacheKeyHex } from '../../../main/core/keys';
import { readSession } from '../../../main/core/session-store';
import { spawnServer } from '../../integration/core/server-process';
import { percentile, reportFigure } from '../report';

/** about 50,000 of them are open or closed within the retention window (measured: 100,000 → 43,973) */
const SEED_CASES = Number(process.env.BENCH_CALLCENTRE_SEED ?? 114_000);
const ROOT = join(import.meta.dirname, '../../..');

function seed(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'server/cli.ts', '--data', dataDir, '--seed', 'demo', '--cases', String(SEED_CASES), '--seed-only'], {
      cwd: ROOT, stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding failed (${code})`))));
  });
}

/** the desk's cache and the server's file are opened by two SQLite builds: only `prepare` is shared */
function countsOf(db: { prepare(sql: string): { all(since: number): unknown[] } }, sql: string): Map<string, number> {
  const rows = db.prepare(sql).all(Date.now() - CLOSED_RETENTION_MS) as { agency_id: string; n: number }[];
  return new Map(rows.map((r) => [r.agency_id, r.n]));
}

/** /api/health every 20 ms from a child process; `stop` gives each answer's time in ms. */
function startHealthProbe(url: string): { stop(): Promise<number[]> } {
  const script = `
    const times = []; let going = true;
    process.stdin.on('data', () => { going = false; });
    (async () => {
      while (going) {
        const t = performance.now();
        await fetch(${JSON.stringify(`${url}/api/health`)}).then((r) => r.body?.cancel());
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
      process.stdout.write(JSON.stringify(times));
      process.exit(0);
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<number[]>((resolve) => child.on('exit', () => resolve(out === '' ? [] : (JSON.parse(out) as number[]))));
  return {
    stop() {
      if (child.exitCode === null) child.stdin.end('stop');
      return done;
    },
  };
}

const COUNT_SQL = 'SELECT agency_id, count(*) AS n FROM cases WHERE closed_at IS NULL OR closed_at >= ? GROUP BY agency_id';

async function run(label: string, seeded: string, busy: boolean): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), `tawasul-bench-cc-${label}-`));
  mkdirSync(join(root, 'server'));
  copyFileSync(seeded, join(root, 'server', 'tawasul-server.sqlite'));
  const server = await spawnServer({ dataDir: join(root, 'server'), seedCases: SEED_CASES });
  const burners: ChildProcess[] = busy ? Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' })) : [];
  let status: SyncStatus | null = null;
  let upToDateAt: number | null = null;
  let searchAt: number | null = null;
  const core = createDeskCore({
    dataDir: join(root, 'desk'),
    deviceKey: loadDeviceKey(join(root, 'device-key'), fileModeSealer),
    defaultServerUrl: server.url,
    emit: (event, payload) => {
      if (event !== 'sync.status') return;
      status = payload as SyncStatus;
      if (status.state === 'online') upToDateAt ??= performance.now();
      if (upToDateAt !== null && status.searchIndexing == null) searchAt ??= performance.now();
    },
  });
  // the probe runs in a process of its own: the desk core in this one holds its own event loop
  // while it writes, which must not be counted against the server
  const probe = startHealthProbe(server.url);
  try {
    const started = performance.now();
    await core.handlers['session.login']({ username: 'callcentre.agent1', password: 'tawasul-demo' });
    while (searchAt === null) {
      if (performance.now() - started > 600_000) throw new Error(`not up to date after 10 min: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const health = await probe.stop();
    const session = readSession(join(root, 'desk'), loadDeviceKey(join(root, 'device-key'), fileModeSealer), 0)!;
    const desk = openEncrypted(
      join(root, 'desk', 'caches', `${sessionFileKey(session.serverUrl, session.staff.id)}.sqlite`),
      cacheKeyHex(loadDeviceKey(join(root, 'device-key'), fileModeSealer), session.staff.id, session.cacheSecret),
    );
    const serverDb = new Database(join(root, 'server', 'tawasul-server.sqlite'), { readonly: true });
    const deskCounts = countsOf(desk, COUNT_SQL);
    const serverCounts = countsOf(serverDb, COUNT_SQL);
    desk.close();
    serverDb.close();
    const cases = [...serverCounts.values()].reduce((a, b) => a + b, 0);
    const unequal = [...serverCounts].filter(([agencyId, n]) => deskCounts.get(agencyId) !== n);
    const note = `${cases.toLocaleString('en')} cases in scope, ${serverCounts.size} agencies with cases; ${unequal.length === 0 ? 'every agency equal to the server' : `UNEQUAL: ${unequal.map(([a]) => a).join(', ')}`}`;
    reportFigure({ name: `fresh call-centre bootstrap to "Up to date", ${label}`, value: Number(((upToDateAt! - started) / 1000).toFixed(1)), unit: 's', budget: null, floor: null, n: 1, note });
    reportFigure({ name: `fresh call-centre bootstrap to search built, ${label}`, value: Number(((searchAt - started) / 1000).toFixed(1)), unit: 's', budget: null, floor: null, n: 1 });
    reportFigure({
      name: `case server /api/health during that bootstrap, ${label} (worst; p99 beside)`, value: Math.round(Math.max(...health)), unit: 'ms', budget: null, floor: null,
      n: health.length, spread: `p99 ${Math.round(percentile(health, 99))} ms`,
    });
    if (unequal.length > 0) process.exitCode = 1;
  } finally {
    await probe.stop();
    for (const burner of burners) burner.kill('SIGKILL');
    await core.close();
    await server.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}

const seedDir = mkdtempSync(join(tmpdir(), 'tawasul-bench-cc-seed-'));
try {
  await seed(seedDir);
  const seeded = join(seedDir, 'tawasul-server.sqlite');
  await run('quiet', seeded, false);
  await run(`all ${availableParallelism()} cores busy`, seeded, true);
} finally {
  rmSync(seedDir, { recursive: true, force: true });
}
