// The bulk path end to end, desk to desks (DESIGN.md: bulk assign 1,000 committed ≤ 300 ms and
// on every desk ≤ 500 ms; 10,000 ≤ 1 s / ≤ 2 s), and the tail of single actions (create, reply,
// assign: p95 ≤ 3× the median). Real parts only: the case server as a child process on SQLite,
// an agency of 20,000 cases, the supervisor's desk core in this process and three colleagues'
// desk cores each in a process of its own (desk-process.ts), all over loopback Socket.IO.
//
// Clocks: "prediction" is the supervisor's `cases.mutate` call (parse, predict on every case,
// outbox write, optimistic cache write: nothing is sent before it returns); "committed" is when
// the server's transaction is visible to another database client (its stored result is written
// in it); "acknowledged" is the supervisor's desk settling the server's ack; "on every desk" is
// the latest of that and each colleague's core announcing the change (`cases.changed`).
// The desks' undo hold is 0 here (the product holds a bulk 1.5 s so it can be undone unsent).
//
// Floors, the same rows through raw SQL in the same run: the server's writes (cases, event
// messages, change rows, audit) in one transaction; then those change rows read back and the
// same case rows written into a desk-shaped table.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import type { Case } from '../../../shared/domain';
import { percentile, reportFigure } from '../report';
import type { BenchStore } from './support';
import { prepareStore, seedWithCases, startServerChild, stopChild } from './support';
import type { DeskProcessMessage, DeskProcessReport } from './desk-process';
import type { CommitWatcherMessage, CommitWatcherReport } from './commit-watcher';
import { singleActionTails } from './single-actions';
import type { BenchCore } from './desk-core';
import { signedInAndSynced, startBenchCore } from './desk-core';

const AGENCY_CASES = 20_000;
const COLLEAGUES = ['housing.agent1', 'housing.agent2', 'housing.agent3'];
const AGENTS = Array.from({ length: 6 }, (_, i) => `stf-housing.agent${i + 1}`);
const ROUNDS = [1_000, 1_000, 1_000, 10_000, 10_000, 10_000];
const BUDGETS: Record<number, { committed: number; everywhere: number }> = { 1_000: { committed: 300, everywhere: 500 }, 10_000: { committed: 1_000, everywhere: 2_000 } };

const wallClock = () => performance.timeOrigin + performance.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Colleague = { child: ChildProcess; dir: string; next(type: DeskProcessReport['type']): Promise<DeskProcessReport> };

function startColleague(serverUrl: string, username: string): Colleague {
  const dir = mkdtempSync(join(tmpdir(), 'tawasul-bulk-colleague-'));
  const child = fork(join(import.meta.dirname, 'desk-process.ts'), [], {
    // TAWASUL_BENCH_PROFILE_DIR: a CPU profile of each colleague's desk, written when it stops
    execArgv: ['--import', 'tsx', ...(process.env.TAWASUL_BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TAWASUL_BENCH_PROFILE_DIR}`] : [])],
    env: { ...process.env, DESK_DATA_DIR: dir, DESK_SERVER_URL: serverUrl, DESK_USERNAME: username },
  });
  const reports: DeskProcessReport[] = [];
  const waiters: ((r: DeskProcessReport) => void)[] = [];
  child.on('message', (report: DeskProcessReport) => {
    const waiter = waiters.shift();
    if (waiter === undefined) reports.push(report);
    else waiter(report);
  });
  return {
    child,
    dir,
    async next(type) {
      const report = reports.shift() ?? (await new Promise<DeskProcessReport>((resolve) => waiters.push(resolve)));
      if (report.type === 'failed') throw new Error(`${username}'s desk failed: ${report.message}`);
      if (report.type !== type) throw new Error(`${username}'s desk said ${report.type}, not ${type}`);
      return report;
    },
  };
}

/** Asks the colleague's desk to close (so a CPU profile is written), then waits for it to go. */
function stopColleague(c: Colleague): Promise<void> {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => c.child.kill('SIGTERM'), 15_000);
    c.child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    c.child.send({ type: 'stop' } satisfies DeskProcessMessage);
  });
}

/** Fails the run instead of waiting for ever when a desk never says it applied the change. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type Watcher = { arm(): Promise<void>; committed(): Promise<number>; stop(): void };

/** The commit watcher's process (commit-watcher.ts) over the server's SQLite file. */
function startCommitWatcher(bench: BenchStore): Watcher {
  const child = fork(join(import.meta.dirname, 'commit-watcher.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, WATCH_SQLITE_FILE: bench.sqliteFile ?? '' },
  });
  const next = (type: CommitWatcherReport['type']) =>
    new Promise<CommitWatcherReport>((resolve) => {
      const listen = (report: CommitWatcherReport) => {
        if (report.type !== type) return;
        child.off('message', listen);
        resolve(report);
      };
      child.on('message', listen);
    });
  return {
    async arm() {
      const armed = next('armed');
      child.send({ type: 'arm' } satisfies CommitWatcherMessage);
      await armed;
    },
    async committed() {
      return ((await next('committed')) as Extract<CommitWatcherReport, { type: 'committed' }>).at;
    },
    stop() {
      if (child.exitCode === null) child.send({ type: 'stop' } satisfies CommitWatcherMessage);
    },
  };
}

type Round = { size: number; predicted: number; committed: number; acknowledged: number; everywhere: number };

async function bulkRound(o: { watcher: Watcher; supervisor: BenchCore; colleagues: Colleague[]; cases: readonly Case[] }, size: number, round: number): Promise<Round> {
  const caseIds = o.cases.slice(0, size).map((c) => c.id);
  // rotated each round, so every case gets a different agent than the round before
  const assigneeIds = AGENTS.map((_, i) => AGENTS[(i + round) % AGENTS.length] ?? '');
  const expect = [0, Math.floor(size / 2), size - 1].map((i) => ({ caseId: caseIds[i] ?? '', assigneeId: assigneeIds[i % assigneeIds.length] ?? '' }));
  for (const c of o.colleagues) c.child.send({ type: 'watch', round, expect } satisfies DeskProcessMessage);
  await o.watcher.arm();
  await sleep(200);
  const committed = o.watcher.committed();
  const started = wallClock();
  const recorded = await o.supervisor.handlers['cases.mutate']({ name: 'bulk.assign', args: { caseIds, assigneeIds } });
  const predicted = wallClock();
  const [acknowledged, committedAt, ...applied] = await within(
    120_000,
    `bulk round ${round}`,
    Promise.all([
      o.supervisor.applied(recorded.mutationId),
      committed,
      ...o.colleagues.map(async (c) => ((await c.next('applied')) as Extract<DeskProcessReport, { type: 'applied' }>).at),
    ]),
  );
  if (Number.isNaN(acknowledged)) throw new Error('the server rejected the bulk assignment');
  const everywhere = Math.max(acknowledged, ...applied);
  say(`  round ${round}: ${size.toLocaleString('en')} cases · predicted ${(predicted - started).toFixed(0)} ms · committed ${(committedAt - started).toFixed(0)} ms · acknowledged ${(acknowledged - started).toFixed(0)} ms · colleagues ${applied.map((a) => (a - started).toFixed(0)).join(' / ')} ms`);
  return { size, predicted: predicted - started, committed: committedAt - started, acknowledged: acknowledged - started, everywhere: everywhere - started };
}

/**
 * TAWASUL_BENCH_PROFILE=<file>: a CPU profile of this process (the supervisor's desk) over the
 * bulk rounds only, for Chrome DevTools or speedscope.
 */
async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const file = process.env.TAWASUL_BENCH_PROFILE;
  if (file === undefined || file === '') return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    say(`CPU profile of the supervisor's desk over the bulk rounds: ${file}`);
    session.disconnect();
  }
}

type Floor = { server: number; read: number; desk: number };

/** The same rows as a bulk assignment of `size`, through raw SQL: the server's writes, the feed read back, the desk's rows. */
function rawSqlFloor(bench: BenchStore, cases: readonly Case[], size: number, round: number): Floor {
  const server = new SqliteDatabase(bench.sqliteFile ?? '');
  server.pragma('journal_mode = WAL');
  server.pragma('synchronous = NORMAL');
  const deskDir = mkdtempSync(join(tmpdir(), 'tawasul-bulk-floor-'));
  const desk = new SqliteDatabase(join(deskDir, 'desk.sqlite'));
  desk.pragma('journal_mode = WAL');
  try {
    desk.exec('CREATE TABLE cases (id TEXT PRIMARY KEY, assignee_id TEXT, status TEXT, version INTEGER, updated_at INTEGER, json TEXT)');
    const deskInsert = desk.prepare('INSERT INTO cases VALUES (?, NULL, ?, ?, ?, ?)');
    desk.transaction(() => {
      for (const c of cases) deskInsert.run(c.id, c.status, c.version, c.updatedAt, JSON.stringify(c));
    })();
    const now = Date.now();
    const copies = cases.slice(0, size).map((c, i) => ({ ...c, status: 'assigned' as const, assigneeId: AGENTS[(i + round) % AGENTS.length] ?? null, updatedAt: now, version: c.version + 100 + round }));
    const update = server.prepare('UPDATE cases SET status = ?, assignee_id = ?, updated_at = ?, version = ? WHERE id = ?');
    const message = server.prepare('INSERT INTO messages (id, case_id, author, kind, body, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const change = server.prepare('INSERT INTO changes (agency_id, seq, payload, created_at) VALUES (?, ?, ?, ?)');
    const audit = server.prepare('INSERT INTO audit (id, staff_id, at, client, action, case_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const takeSeq = server.prepare("UPDATE agency_seq SET seq = seq + ? WHERE agency_id = 'housing' RETURNING seq");
    const serverStarted = performance.now();
    const first = server.transaction(() => {
      const head = (takeSeq.get(2 * copies.length) as { seq: number }).seq;
      let seq = head - 2 * copies.length;
      for (const c of copies) {
        const m = { id: `floor-${round}-${c.id}`, caseId: c.id, author: 'stf-housing.supervisor', kind: 'event', body: '', meta: { type: 'assigned', to: c.assigneeId }, createdAt: now };
        update.run(c.status, c.assigneeId, c.updatedAt, c.version, c.id);
        message.run(m.id, m.caseId, m.author, m.kind, m.body, JSON.stringify(m.meta), m.createdAt);
        change.run('housing', ++seq, JSON.stringify({ type: 'case', case: c }), now);
        change.run('housing', ++seq, JSON.stringify({ type: 'message', message: m }), now);
        audit.run(`floor-${round}-${c.id}`, 'stf-housing.supervisor', now, 'desk', 'bulk.assign', c.id, null);
      }
      return head - 2 * copies.length;
    })();
    const serverMs = performance.now() - serverStarted;
    const readStarted = performance.now();
    const rows = server.prepare("SELECT payload FROM changes WHERE agency_id = 'housing' AND seq > ? ORDER BY seq LIMIT ?").all(first, 2 * size) as { payload: string }[];
    const changes = rows.map((r) => JSON.parse(r.payload) as { type: string; case?: Case });
    const readMs = performance.now() - readStarted;
    const deskStarted = performance.now();
    const deskUpdate = desk.prepare('UPDATE cases SET assignee_id = ?, status = ?, version = ?, updated_at = ?, json = ? WHERE id = ?');
    desk.transaction(() => {
      for (const ch of changes) if (ch.case !== undefined) deskUpdate.run(ch.case.assigneeId, ch.case.status, ch.case.version, ch.case.updatedAt, JSON.stringify(ch.case), ch.case.id);
    })();
    return { server: serverMs, read: readMs, desk: performance.now() - deskStarted };
  } finally {
    server.close();
    desk.close();
    rmSync(deskDir, { recursive: true, force: true });
  }
}

function spread(values: readonly number[]): string {
  return `${values.length} rounds: ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
}

function reportBulk(rounds: readonly Round[], floors: Map<number, Floor[]>): void {
  for (const size of [1_000, 10_000]) {
    const mine = rounds.filter((r) => r.size === size);
    const floor = floors.get(size) ?? [];
    const median = (values: readonly number[]) => percentile(values, 50);
    const label = `bulk assign of ${size.toLocaleString('en')} cases from a supervisor's desk`;
    const serverFloor = median(floor.map((f) => f.server));
    const deskFloor = median(floor.map((f) => f.desk));
    const everywhereFloor = median(floor.map((f) => f.server + f.read + f.desk));
    const budget = BUDGETS[size] ?? { committed: 0, everywhere: 0 };
    reportFigure({ name: `${label}: predicted on the desk before sending`, value: median(mine.map((r) => r.predicted)), unit: 'ms', budget: null, floor: deskFloor, n: mine.length, spread: spread(mine.map((r) => r.predicted)), note: 'floor = the same case rows written on a desk in raw SQL' });
    reportFigure({ name: `${label}: committed`, value: median(mine.map((r) => r.committed)), unit: 'ms', budget: budget.committed, floor: serverFloor, n: mine.length, spread: spread(mine.map((r) => r.committed)), note: 'floor = the same server rows in raw SQL' });
    reportFigure({ name: `${label}: acknowledged on that desk`, value: median(mine.map((r) => r.acknowledged)), unit: 'ms', budget: null, floor: everywhereFloor, n: mine.length, spread: spread(mine.map((r) => r.acknowledged)) });
    reportFigure({
      name: `${label}: applied on every desk (${COLLEAGUES.length + 1})`,
      value: median(mine.map((r) => r.everywhere)),
      unit: 'ms',
      budget: budget.everywhere,
      floor: everywhereFloor,
      n: mine.length,
      spread: spread(mine.map((r) => r.everywhere)),
      note: 'floor = raw SQL: server rows written, the feed read back, the desk rows written',
    });
  }
}

async function main(): Promise<void> {
  const bench = prepareStore('sqlite');
  const colleagues: Colleague[] = [];
  let supervisor: BenchCore | null = null;
  let server: Awaited<ReturnType<typeof startServerChild>> | null = null;
  try {
    const cases = await seedWithCases(bench, AGENCY_CASES);
    server = await startServerChild(bench);
    say(`case server with ${AGENCY_CASES.toLocaleString('en')} housing cases at ${server.url}; signing in ${COLLEAGUES.length + 1} desks and syncing them`);
    const syncStarted = performance.now();
    supervisor = startBenchCore(server.url);
    colleagues.push(...COLLEAGUES.map((name) => startColleague(server?.url ?? '', name)));
    await within(600_000, 'signing in and syncing the desks', Promise.all([signedInAndSynced(supervisor, 'housing.supervisor'), ...colleagues.map((c) => c.next('ready'))]));
    say(`desks synced in ${((performance.now() - syncStarted) / 1000).toFixed(1)} s`);
    await sleep(2_000);
    const watcher = startCommitWatcher(bench);
    const desks = { watcher, supervisor, colleagues, cases };
    const rounds = await profiled(async () => {
      const done: Round[] = [];
      for (const [i, size] of ROUNDS.entries()) {
        done.push(await bulkRound(desks, size, i + 1));
        await sleep(1_000);
      }
      watcher.stop();
      return done;
    });
    await singleActionTails({ serverUrl: server.url, core: supervisor, cases });
    await Promise.all(colleagues.map((c) => stopColleague(c)));
    await stopChild(server);
    server = null;
    const floors = new Map<number, Floor[]>();
    for (const [i, size] of ROUNDS.entries()) floors.set(size, [...(floors.get(size) ?? []), rawSqlFloor(bench, cases, size, 10 + i)]);
    reportBulk(rounds, floors);
  } finally {
    await supervisor?.close();
    for (const c of colleagues) {
      if (c.child.exitCode === null) c.child.kill('SIGTERM');
      rmSync(c.dir, { recursive: true, force: true });
    }
    if (supervisor !== null) rmSync(supervisor.dir, { recursive: true, force: true });
    if (server !== null) await stopChild(server);
    await bench.cleanup();
  }
}

await main();
process.exit(0);
