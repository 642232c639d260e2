// Desk processes (tests/integration/core/outbox-victim.ts) SIGKILLed 100 times in all at random
// points while they write replies to their outboxes and flush them; a last run lets each
// finish. Whatever the kills interrupted (an outbox write, a send, an ack on its way back, the
// removal after the ack), every reply reaches the server exactly once: one message per reply,
// one applied mutation per id. Two desks of the same agent are killed side by side (the
// machine has two cores); a process start is most of each run's cost, so the victim is bundled
// once with esbuild (tsx's own compiler) instead of compiled on every start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, PASSWORD, eventually, loggedInAndSynced, openDeskFile, startCaseServer, startCore, tempDir } from './helpers';
import type { ServerStore } from './helpers';

const KILLS = 100;
const DESKS = 2;
/** every third run queues this many replies before it flushes */
const REPLIES_PER_QUEUE_RUN = 3;
/** the kill comes this long (at most) after the desk is up: covers connect, sends and acks */
const MAX_KILL_DELAY_MS = 150;
const ROOT = join(import.meta.dirname, '../../..');
// inside node_modules, so the bundle's own imports of packages resolve as the sources' do
const VICTIM = join(ROOT, 'node_modules', '.cache', 'tawasul-tests', 'outbox-victim.mjs');

type VictimRun = { stdout: string; code: number | null; signal: NodeJS.Signals | null };

/** Runs the victim; kills it `killAfterMs` after it says `open` (never, when null). */
function runVictim(args: string[], killAfterMs: number | null): Promise<VictimRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VICTIM, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killAfterMs !== null && timer === undefined && stdout.includes('open\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      if (signal === null && code !== 0) reject(new Error(`the victim failed (${code}): ${stderr}`));
      else resolve({ stdout, code, signal });
    });
  });
}

function outboxSize(dataDir: string): number {
  const dir = join(dataDir, 'outbox');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .reduce((n, f) => {
      const db = openDeskFile(dataDir, join(dir, f));
      try {
        return n + (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM mutations').get()?.n ?? 0);
      } finally {
        db.close();
      }
    }, 0);
}

let store: ServerStore;
let server: Awaited<ReturnType<typeof startCaseServer>>;
const dirs: ReturnType<typeof tempDir>[] = [];

beforeAll(async () => {
  mkdirSync(join(VICTIM, '..'), { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'outbox-victim.ts')],
    outfile: VICTIM,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  store = BACKENDS[0].createStore();
  // the demo seed answers most overdue requests with an interim reply: 300 cases leave housing
  // fewer than five new unassigned ones
  server = await startCaseServer(store, 0, 2_000);
});

afterAll(async () => {
  try {
    await server.close();
  } finally {
    await store.drop();
    for (const d of dirs) d.remove();
  }
});

describe('a desk process killed while flushing its outbox', () => {
  it(`applies every reply exactly once after ${KILLS} SIGKILLs at random points`, { timeout: 180_000 }, async ({ annotate }) => {
    const helperDir = tempDir('core-helper-');
    dirs.push(helperDir);

    // five cases the agent has taken, so replies to them are legal in any order
    const helper = startCore(helperDir.dir, server.url);
    await loggedInAndSynced(helper, 'housing.agent1');
    const fresh = (await helper.handlers['cases.page']({ view: 'unassigned', filter: { status: 'new' }, after: null, limit: 5 })).rows;
    expect(fresh).toHaveLength(5);
    const caseIds = fresh.map((r) => r.id);
    for (const caseId of caseIds) await helper.handlers['cases.mutate']({ name: 'case.take', args: { caseId } });
    await eventually('cases taken', async () => (await helper.handlers['outbox.list']({})).length === 0);
    await helper.close();

    const queued = new Map<string, string>();
    let killedWithWork = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: DESKS }, async (_, desk) => {
        const victimDir = tempDir(`core-victim-${desk}-`);
        dirs.push(victimDir);
        await runVictim([victimDir.dir, server.url, 'login', 'housing.agent1', PASSWORD], null);
        for (let run = 0; run < KILLS / DESKS; run++) {
          const mode = run % 3 === 0 ? ['queue', `d${desk}r${run}`, String(REPLIES_PER_QUEUE_RUN), ...caseIds] : ['resume'];
          const result = await runVictim([victimDir.dir, server.url, ...mode], Math.floor(Math.random() * MAX_KILL_DELAY_MS));
          for (const match of result.stdout.matchAll(/^queued (\S+) (.+)$/gm)) queued.set(match[1], match[2]);
          if (outboxSize(victimDir.dir) > 0) killedWithWork += 1;
        }
        const last = await runVictim([victimDir.dir, server.url, 'finish'], null);
        expect(last.stdout).toContain('done');
        expect(outboxSize(victimDir.dir)).toBe(0);
      }),
    );
    await annotate(
      `${KILLS} kills over ${DESKS} desks in ${((Date.now() - started) / 1000).toFixed(1)} s; ${killedWithWork} left mutations in an outbox; ${queued.size} replies accepted and printed before a kill`,
    );

    const db = server.store.db;
    const messages = await db.selectFrom('messages').select(['body', 'case_id']).where('body', 'like', 'victim %').execute();
    const perBody = new Map<string, number>();
    for (const m of messages) perBody.set(m.body, (perBody.get(m.body) ?? 0) + 1);
    expect([...perBody].filter(([, n]) => n !== 1)).toEqual([]);
    for (const body of queued.values()) expect(perBody.get(body), body).toBe(1);
    expect(messages.every((m) => caseIds.includes(m.case_id))).toBe(true);

    const audit = await db.selectFrom('audit').select(['detail']).where('action', '=', 'case.reply').where('staff_id', '=', 'stf-housing.agent1').execute();
    const perMutation = new Map<string, number>();
    for (const row of audit) {
      const id = (JSON.parse(row.detail ?? '{}') as { mutationId?: string }).mutationId ?? '';
      perMutation.set(id, (perMutation.get(id) ?? 0) + 1);
    }
    expect([...perMutation].filter(([, n]) => n !== 1)).toEqual([]);
    for (const mutationId of queued.keys()) expect(perMutation.get(mutationId), mutationId).toBe(1);
    expect(perMutation.size).toBe(messages.length);
    const applied = await db.selectFrom('mutations').select('id').where('staff_id', '=', 'stf-housing.agent1').where('name', '=', 'case.reply').execute();
    expect(applied).toHaveLength(messages.length);
  });
});
