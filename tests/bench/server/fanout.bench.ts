// A change made on one desk, visible on 1,000 other connected desks: the time from the writer's
// `mutate` to each desk's `changes` event (p99 over every desk and every round). One node over
// SQLite; then two nodes over PostgreSQL sharing rooms through Redis (500 desks on each, the
// writer on the first). Floor: the same `changes` payload through a bare `ws` broadcast server
// (its own process) to 1,000 sockets, measured the same way in the same run.
import { spawn } from 'node:child_process';
import { WebSocket } from 'ws';
import type { ChangesEvent } from '../../../shared/protocol';
import { percentile, reportFigure } from '../report';
import { ROOT } from '../../integration/server/child-server';
import type { ChildServer } from '../../integration/server/child-server';
import type { BenchStore, DeskClient } from './support';
import { connectDesk, connectMany, loginToken, PASSWORD, prepareStore, REDIS_URL, seedWithCases, startServerChild, stopChild } from './support';

const DESKS = 1_000;
const ROUNDS = 40;
const PAUSE_MS = 60;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Round = { started: number; heard: number; done: () => void };

/** Latencies of ROUNDS notes written by `writer`, as heard on every one of `desks`. */
async function measureDesks(writer: DeskClient, desks: readonly DeskClient[], caseId: string): Promise<{ samples: number[]; payload: string }> {
  const samples: number[] = [];
  let round: Round | undefined;
  let payload = '';
  for (const desk of desks) {
    desk.on('changes', (event: ChangesEvent) => {
      if (round === undefined || event.agencyId !== 'housing') return;
      samples.push(performance.now() - round.started);
      if (payload === '') payload = JSON.stringify(event);
      round.heard += 1;
      if (round.heard === desks.length) round.done();
    });
  }
  for (let r = 0; r < ROUNDS; r++) {
    await new Promise<void>((resolve) => {
      round = { started: performance.now(), heard: 0, done: resolve };
      writer.emit('mutate', { id: `fan-${process.pid}-${Date.now()}-${r}`, name: 'case.note', args: { caseId, body: `Called the citizen back (${r}).` } }, () => undefined);
    });
    round = undefined;
    await pause(PAUSE_MS);
  }
  return { samples, payload };
}

async function oneNode(): Promise<{ p99: number; payload: string }> {
  const bench = prepareStore('sqlite');
  const [c] = await seedWithCases(bench, 1, { status: 'in_progress', assigneeId: 'stf-housing.agent1' });
  const server = await startServerChild(bench);
  const sockets: DeskClient[] = [];
  try {
    const writer = await connectDesk(server.url, await loginToken(server.url, 'housing.agent1', PASSWORD));
    sockets.push(writer);
    sockets.push(...(await connectMany(server.url, await loginToken(server.url, 'housing.agent2', PASSWORD), DESKS)));
    const { samples, payload } = await measureDesks(writer, sockets.slice(1), c?.id ?? '');
    return { p99: percentile(samples, 99), payload };
  } finally {
    for (const s of sockets) s.disconnect();
    await stopChild(server);
    await bench.cleanup();
  }
}

async function twoNodes(): Promise<number> {
  const bench: BenchStore = prepareStore('postgres');
  const [c] = await seedWithCases(bench, 1, { status: 'in_progress', assigneeId: 'stf-housing.agent1' });
  const nodes: ChildServer[] = [];
  const sockets: DeskClient[] = [];
  try {
    nodes.push(await startServerChild(bench, { REDIS_URL }));
    nodes.push(await startServerChild(bench, { REDIS_URL }));
    const [a, b] = nodes as [ChildServer, ChildServer];
    const writer = await connectDesk(a.url, await loginToken(a.url, 'housing.agent1', PASSWORD));
    sockets.push(writer);
    const token = await loginToken(a.url, 'housing.agent2', PASSWORD);
    const desks = [...(await connectMany(a.url, token, DESKS / 2)), ...(await connectMany(b.url, token, DESKS / 2))];
    sockets.push(...desks);
    // one round trip each: the adapter's subscriptions are in place once it has completed
    await Promise.all(desks.map((d) => d.emitWithAck('sync.pull', { agencyId: 'housing', afterSeq: 0, limit: 1 })));
    const { samples } = await measureDesks(writer, desks, c?.id ?? '');
    return percentile(samples, 99);
  } finally {
    for (const s of sockets) s.disconnect();
    for (const node of nodes) await stopChild(node);
    await bench.cleanup();
  }
}

/** The same payload through a bare ws broadcast server to 1,000 sockets. */
async function wsFloor(payload: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/server/ws-broadcast-server.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    const port = await new Promise<number>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening (\d+)/.exec(out);
        if (match?.[1] !== undefined) resolve(Number(match[1]));
      });
    });
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}`);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const sender = await open();
    const clients: WebSocket[] = [];
    for (let i = 0; i < DESKS; i += 50) clients.push(...(await Promise.all(Array.from({ length: 50 }, open))));
    const samples: number[] = [];
    let round: Round | undefined;
    for (const ws of clients) {
      ws.on('message', (data: Buffer) => {
        if (round === undefined) return;
        JSON.parse(data.toString());
        samples.push(performance.now() - round.started);
        round.heard += 1;
        if (round.heard === clients.length) round.done();
      });
    }
    for (let r = 0; r < ROUNDS; r++) {
      await new Promise<void>((resolve) => {
        round = { started: performance.now(), heard: 0, done: resolve };
        sender.send(payload);
      });
      round = undefined;
      await pause(PAUSE_MS);
    }
    for (const ws of [sender, ...clients]) ws.close();
    return percentile(samples, 99);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const single = await oneNode();
const floor = await wsFloor(single.payload);
reportFigure({ name: `a change visible on ${DESKS} other desks, one node, SQLite (p99)`, value: single.p99, unit: 'ms', budget: 150, floor });
const two = await twoNodes();
reportFigure({
  name: `a change visible on ${DESKS} other desks, two nodes + Redis, PostgreSQL (p99)`,
  value: two,
  unit: 'ms',
  budget: 250,
  floor,
  note: 'floor = one bare ws node',
});
process.exit(0);
