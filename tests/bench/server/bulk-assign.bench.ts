// Bulk assign of 10,000 cases through the real Socket.IO path: committed (the supervisor's
// ack), then applied on every one of 20 connected desks of the agency (each applies the
// `changes` it receives in seq order); then a pull of 10,000 changes. On SQLite and
// PostgreSQL. Floors: the same writes and the same read done with raw SQL (better-sqlite3 /
// pg) in the same run, and the same change events sent over raw `ws` to 20 clients.
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { WebSocket, WebSocketServer } from 'ws';
import type { Case } from '../../../shared/domain';
import type { Ack, Change, ChangesEvent, MutateResult, PullResult } from '../../../shared/protocol';
import { reportFigure } from '../report';
import type { BackendName, BenchStore, DeskClient } from './support';
import { connectDesk, connectMany, loginToken, PASSWORD, prepareStore, schemaOf, seedWithCases, startServerChild, stopChild, withStore } from './support';
import { insertFixtureCases, makeCase } from '../../integration/server/case-fixture';

const BULK = 10_000;
const DESKS = 20;
const AGENTS = Array.from({ length: 6 }, (_, i) => `stf-housing.agent${i + 1}`);

/** A desk that applies the feed it hears, in order, and says when it has reached a seq. */
function applyingDesk(socket: DeskClient) {
  const cases = new Map<string, Case>();
  let lastSeq = 0;
  let gaps = 0;
  let waiter: { seq: number; resolve: () => void } | undefined;
  socket.on('changes', (event: ChangesEvent) => {
    if (event.agencyId !== 'housing') return;
    if (event.fromSeq !== lastSeq + 1) gaps += 1;
    for (const change of event.changes) {
      if (change.type === 'case') {
        const known = cases.get(change.case.id);
        if (known === undefined || known.version < change.case.version) cases.set(change.case.id, change.case);
      }
    }
    lastSeq = event.toSeq;
    if (waiter !== undefined && lastSeq >= waiter.seq) waiter.resolve();
  });
  return {
    reached(seq: number): Promise<void> {
      if (lastSeq >= seq) return Promise.resolve();
      return new Promise((resolve) => (waiter = { seq, resolve }));
    },
    gaps: () => gaps,
    size: () => cases.size,
  };
}

async function serverRun(bench: BenchStore): Promise<{ committed: number; applied: number; pull: number; events: ChangesEvent[] }> {
  const fixtures = await seedWithCases(bench, BULK);
  const server = await startServerChild(bench);
  const sockets: DeskClient[] = [];
  try {
    const supervisor = await connectDesk(server.url, await loginToken(server.url, 'housing.supervisor', PASSWORD));
    sockets.push(supervisor);
    const deskSockets = await connectMany(server.url, await loginToken(server.url, 'housing.agent1', PASSWORD), DESKS, 20);
    sockets.push(...deskSockets);
    const desks = deskSockets.map(applyingDesk);
    const events: ChangesEvent[] = [];
    deskSockets[0]?.on('changes', (e) => events.push(e));
    // one round trip each, so every desk's rooms and listeners are in place
    await Promise.all(deskSockets.map((s) => s.emitWithAck('sync.pull', { agencyId: 'housing', afterSeq: 0, limit: 1 })));

    const mutationId = `bench-bulk-${process.pid}-${Date.now()}`;
    const watcher = await commitWatcher(bench, mutationId);
    const started = performance.now();
    const acked: Promise<Ack<MutateResult>> = supervisor.emitWithAck('mutate', {
      id: mutationId,
      name: 'bulk.assign',
      args: { caseIds: fixtures.map((c) => c.id), assigneeIds: AGENTS },
    });
    const committed = (await watcher.committed) - started;
    const ack = await acked;
    if (!ack.ok) throw new Error(`bulk assign refused: ${ack.error.message}`);
    await Promise.all(desks.map((d) => d.reached(2 * BULK)));
    const applied = performance.now() - started;
    if (desks.some((d) => d.gaps() > 0 || d.size() !== BULK)) throw new Error('a desk saw a gap or missed cases');

    const reader = deskSockets[1] ?? supervisor;
    const pullStarted = performance.now();
    let after = BULK;
    let pulled = 0;
    while (pulled < BULK) {
      const page: Ack<PullResult> = await reader.emitWithAck('sync.pull', { agencyId: 'housing', afterSeq: after, limit: 5_000 });
      if (!page.ok || page.value.changes.length === 0) throw new Error('pull failed');
      pulled += page.value.changes.length;
      after = page.value.toSeq;
    }
    const pull = performance.now() - pullStarted;
    return { committed, applied, pull, events };
  } finally {
    for (const s of sockets) s.disconnect();
    await stopChild(server);
  }
}

/**
 * When the mutation is committed, as another database client sees it (its stored result is
 * written in the same transaction). The supervisor's ack is no clock for this: it follows the
 * broadcast on the same socket, so it arrives after 20,000 changes have reached that desk.
 */
async function commitWatcher(bench: BenchStore, mutationId: string): Promise<{ committed: Promise<number> }> {
  const sleep = () => new Promise((resolve) => setTimeout(resolve, 2));
  if (bench.name === 'sqlite') {
    const db = new SqliteDatabase(bench.sqliteFile ?? '', { readonly: true });
    const read = db.prepare('SELECT result FROM mutations WHERE id = ?');
    const committed = (async () => {
      while (((read.get(mutationId) as { result: string } | undefined)?.result ?? '') === '') await sleep();
      const at = performance.now();
      db.close();
      return at;
    })();
    return { committed };
  }
  const client = new pg.Client({ connectionString: bench.pgUrl, options: `-c search_path=${schemaOf(bench)}` });
  await client.connect();
  const committed = (async () => {
    while (((await client.query<{ result: string }>('SELECT result FROM mutations WHERE id = $1', [mutationId])).rows[0]?.result ?? '') === '') await sleep();
    const at = performance.now();
    await client.end();
    return at;
  })();
  return { committed };
}

/** The same writes as the server's bulk assign, as plain SQL in one transaction. */
function assignedCopies(cases: readonly Case[], now: number) {
  return cases.map((c, i) => ({
    case: { ...c, status: 'assigned' as const, assigneeId: AGENTS[i % AGENTS.length] ?? null, updatedAt: now, version: c.version + 1 },
    message: { id: `m-${c.id}`, caseId: c.id, author: 'stf-housing.supervisor', kind: 'event' as const, body: 'assigned', meta: { to: AGENTS[i % AGENTS.length] ?? '' }, createdAt: now },
  }));
}

function sqliteFloor(bench: BenchStore, cases: readonly Case[]): { committed: number; pull: number } {
  const db = new SqliteDatabase(bench.sqliteFile ?? '');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  try {
    const update = db.prepare('UPDATE cases SET status = ?, assignee_id = ?, updated_at = ?, version = ? WHERE id = ?');
    const message = db.prepare('INSERT INTO messages (id, case_id, author, kind, body, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const change = db.prepare('INSERT INTO changes (agency_id, seq, payload, created_at) VALUES (?, ?, ?, ?)');
    const audit = db.prepare('INSERT INTO audit (id, staff_id, at, client, action, case_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const takeSeq = db.prepare("UPDATE agency_seq SET seq = seq + ? WHERE agency_id = 'housing' RETURNING seq");
    const started = performance.now();
    const now = Date.now();
    db.transaction(() => {
      const copies = assignedCopies(cases, now);
      const head = (takeSeq.get(2 * copies.length) as { seq: number }).seq;
      let seq = head - 2 * copies.length;
      for (const { case: c, message: m } of copies) {
        update.run(c.status, c.assigneeId, c.updatedAt, c.version, c.id);
        message.run(m.id, m.caseId, m.author, m.kind, m.body, JSON.stringify(m.meta), m.createdAt);
        change.run('housing', ++seq, JSON.stringify({ type: 'case', case: c }), now);
        change.run('housing', ++seq, JSON.stringify({ type: 'message', message: m }), now);
        audit.run(`a-${c.id}`, 'stf-housing.supervisor', now, 'desk', 'bulk.assign', c.id, null);
      }
    })();
    const committed = performance.now() - started;
    const read = db.prepare("SELECT seq, payload FROM changes WHERE agency_id = 'housing' AND seq > ? ORDER BY seq LIMIT ?");
    const pullStarted = performance.now();
    const rows = read.all(3 * BULK, BULK) as { seq: number; payload: string }[];
    const changes = rows.map((r) => ({ ...(JSON.parse(r.payload) as object), seq: r.seq }) as Change);
    if (changes.length !== BULK) throw new Error(`floor pulled ${changes.length}`);
    return { committed, pull: performance.now() - pullStarted };
  } finally {
    db.close();
  }
}

async function postgresFloor(bench: BenchStore, cases: readonly Case[]): Promise<{ committed: number; pull: number }> {
  const client = new pg.Client({ connectionString: bench.pgUrl, options: `-c search_path=${schemaOf(bench)}` });
  await client.connect();
  try {
    const started = performance.now();
    const now = Date.now();
    const copies = assignedCopies(cases, now);
    await client.query('BEGIN');
    const head = Number((await client.query<{ seq: string }>("UPDATE agency_seq SET seq = seq + $1 WHERE agency_id = 'housing' RETURNING seq", [2 * copies.length])).rows[0]?.seq);
    const first = head - 2 * copies.length + 1;
    // plain set-based SQL: one statement per table, the rows as arrays
    await client.query(
      'UPDATE cases SET status = v.status, assignee_id = v.assignee, updated_at = v.at, version = v.version FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[]) AS v(id, status, assignee, at, version) WHERE cases.id = v.id',
      [copies.map((x) => x.case.id), copies.map((x) => x.case.status), copies.map((x) => x.case.assigneeId), copies.map((x) => x.case.updatedAt), copies.map((x) => x.case.version)],
    );
    await client.query(
      'INSERT INTO messages (id, case_id, author, kind, body, meta, created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])',
      [copies.map((x) => x.message.id), copies.map((x) => x.message.caseId), copies.map((x) => x.message.author), copies.map((x) => x.message.kind), copies.map((x) => x.message.body), copies.map((x) => JSON.stringify(x.message.meta)), copies.map(() => now)],
    );
    const payloads = copies.flatMap((x) => [JSON.stringify({ type: 'case', case: x.case }), JSON.stringify({ type: 'message', message: x.message })]);
    await client.query("INSERT INTO changes (agency_id, seq, payload, created_at) SELECT 'housing', s, p, $3 FROM unnest($1::bigint[], $2::text[]) AS v(s, p)", [
      payloads.map((_, i) => first + i),
      payloads,
      now,
    ]);
    await client.query("INSERT INTO audit (id, staff_id, at, client, action, case_id, detail) SELECT 'a-' || c, 'stf-housing.supervisor', $2, 'desk', 'bulk.assign', c, NULL FROM unnest($1::text[]) AS c", [
      copies.map((x) => x.case.id),
      now,
    ]);
    await client.query('COMMIT');
    const committed = performance.now() - started;
    const pullStarted = performance.now();
    const rows = (await client.query<{ seq: string; payload: string }>("SELECT seq, payload FROM changes WHERE agency_id = 'housing' AND seq > $1 ORDER BY seq LIMIT $2", [3 * BULK, BULK])).rows;
    const changes = rows.map((r) => ({ ...(JSON.parse(r.payload) as object), seq: Number(r.seq) }) as Change);
    if (changes.length !== BULK) throw new Error(`floor pulled ${changes.length}`);
    return { committed, pull: performance.now() - pullStarted };
  } finally {
    await client.end();
  }
}

/** The same change events sent over raw `ws` to 20 clients that parse them. */
async function wsFloor(events: readonly ChangesEvent[]): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const total = events.reduce((n, e) => n + e.changes.length, 0);
  const clients = await Promise.all(
    Array.from({ length: DESKS }, () => new Promise<WebSocket>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}`);
      ws.once('open', () => resolve(ws));
    })),
  );
  const done = clients.map(
    (ws) =>
      new Promise<void>((resolve) => {
        let seen = 0;
        ws.on('message', (data: Buffer) => {
          seen += (JSON.parse(data.toString()) as ChangesEvent).changes.length;
          if (seen >= total) resolve();
        });
      }),
  );
  const started = performance.now();
  for (const event of events) {
    const frame = JSON.stringify(event);
    for (const ws of wss.clients) ws.send(frame);
  }
  await Promise.all(done);
  const elapsed = performance.now() - started;
  for (const ws of clients) ws.close();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  return elapsed;
}

async function benchBackend(name: BackendName): Promise<void> {
  const bench = prepareStore(name);
  try {
    const run = await serverRun(bench);
    const floorCases = Array.from({ length: BULK }, () => makeCase('housing'));
    await withStore(bench, (store) => insertFixtureCases(store, floorCases));
    const floor = name === 'sqlite' ? sqliteFloor(bench, floorCases) : await postgresFloor(bench, floorCases);
    const wsApplied = await wsFloor(run.events);
    reportFigure({ name: `bulk assign of 10,000 cases committed (${name})`, value: run.committed, unit: 'ms', budget: 1_000, floor: floor.committed });
    reportFigure({
      name: `bulk assign of 10,000 cases applied on ${DESKS} desks of the agency (${name})`,
      value: run.applied,
      unit: 'ms',
      budget: 2_000,
      floor: floor.committed + wsApplied,
      note: 'floor = raw SQL commit + raw ws delivery',
    });
    reportFigure({ name: `pull of 10,000 changes (${name})`, value: run.pull, unit: 'ms', budget: null, floor: floor.pull });
  } finally {
    await bench.cleanup();
  }
}

await benchBackend('sqlite');
await benchBackend('postgres');
process.exit(0);
