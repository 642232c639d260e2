// Mutations per second through the real path: desks emit `mutate` (a single-case reply) over
// Socket.IO to the server process, which runs the one mutation handler (idempotency claim,
// authorise, lifecycle, case + thread + feed + audit in one transaction) and broadcasts.
// Floor: the same rows written per mutation with raw SQL (better-sqlite3 / pg) in the same run.
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import type { Case } from '../../../shared/domain';
import type { Ack, MutateResult } from '../../../shared/protocol';
import { reportFigure } from '../report';
import type { BackendName, BenchStore, DeskClient } from './support';
import { connectMany, loginToken, PASSWORD, prepareStore, schemaOf, seedWithCases, startServerChild, stopChild } from './support';

const WRITERS = 8;
const PER_WRITER = 250;
const TOTAL = WRITERS * PER_WRITER;

async function serverRun(bench: BenchStore, cases: readonly Case[]): Promise<number> {
  const server = await startServerChild(bench);
  let sockets: DeskClient[] = [];
  try {
    sockets = await connectMany(server.url, await loginToken(server.url, 'housing.agent1', PASSWORD), WRITERS);
    // warm up: one reply per writer (first statements, JIT)
    await Promise.all(sockets.map((s, w) => s.emitWithAck('mutate', { id: `warm-${process.pid}-${w}`, name: 'case.reply', args: { caseId: cases[w]?.id ?? '', body: 'warm up' } })));
    const started = performance.now();
    await Promise.all(
      sockets.map(async (socket, w) => {
        for (let i = 0; i < PER_WRITER; i++) {
          const c = cases[(w + i * WRITERS) % cases.length];
          const ack: Ack<MutateResult> = await socket.emitWithAck('mutate', {
            id: `bench-${process.pid}-${w}-${i}`,
            name: 'case.reply',
            args: { caseId: c?.id ?? '', body: `Thank you, we are looking into it (${i}).` },
          });
          if (!ack.ok) throw new Error(`reply refused: ${ack.error.message}`);
        }
      }),
    );
    return TOTAL / ((performance.now() - started) / 1000);
  } finally {
    for (const s of sockets) s.disconnect();
    await stopChild(server);
  }
}

/** What one reply writes, as plain statements. */
function replyRows(c: Case, n: number, now: number) {
  const after = { ...c, status: 'in_progress' as const, firstRespondedAt: c.firstRespondedAt ?? now, acknowledgedAt: c.acknowledgedAt ?? now, updatedAt: now, version: c.version + 1 };
  const message = { id: `fm-${process.pid}-${n}`, caseId: c.id, author: 'stf-housing.agent1', kind: 'reply', body: `Thank you, we are looking into it (${n}).`, meta: null, createdAt: now };
  return { after, message };
}

function sqliteFloor(bench: BenchStore, cases: readonly Case[]): number {
  const db = new SqliteDatabase(bench.sqliteFile ?? '');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  try {
    const claim = db.prepare("INSERT INTO mutations (id, staff_id, name, result, created_at) VALUES (?, 'stf-housing.agent1', 'case.reply', '', ?) ON CONFLICT (id) DO NOTHING");
    const load = db.prepare('SELECT * FROM cases WHERE id = ?');
    const update = db.prepare('UPDATE cases SET status = ?, first_responded_at = ?, acknowledged_at = ?, updated_at = ?, version = ? WHERE id = ?');
    const message = db.prepare('INSERT INTO messages (id, case_id, author, kind, body, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const takeSeq = db.prepare("UPDATE agency_seq SET seq = seq + 2 WHERE agency_id = 'housing' RETURNING seq");
    const change = db.prepare("INSERT INTO changes (agency_id, seq, payload, created_at) VALUES ('housing', ?, ?, ?)");
    const audit = db.prepare("INSERT INTO audit (id, staff_id, at, client, action, case_id, detail) VALUES (?, 'stf-housing.agent1', ?, 'desk', 'case.reply', ?, NULL)");
    const result = db.prepare('UPDATE mutations SET result = ? WHERE id = ?');
    const one = db.transaction((c: Case, n: number) => {
      const now = Date.now();
      const id = `floor-${process.pid}-${n}`;
      claim.run(id, now);
      load.get(c.id);
      const { after, message: m } = replyRows(c, n, now);
      update.run(after.status, after.firstRespondedAt, after.acknowledgedAt, after.updatedAt, after.version, c.id);
      message.run(m.id, m.caseId, m.author, m.kind, m.body, null, now);
      const seq = (takeSeq.get() as { seq: number }).seq;
      change.run(seq - 1, JSON.stringify({ type: 'case', case: after }), now);
      change.run(seq, JSON.stringify({ type: 'message', message: m }), now);
      audit.run(`fa-${id}`, now, c.id);
      result.run(JSON.stringify({ mutationId: id, cases: [after], replayed: false }), id);
    });
    const started = performance.now();
    for (let n = 0; n < TOTAL; n++) one(cases[n % cases.length], n);
    return TOTAL / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

async function postgresFloor(bench: BenchStore, cases: readonly Case[]): Promise<number> {
  const pool = new pg.Pool({ connectionString: bench.pgUrl, max: WRITERS, options: `-c search_path=${schemaOf(bench)}` });
  try {
    const write = async (client: pg.PoolClient, c: Case, n: number) => {
      const now = Date.now();
      const id = `floor-${process.pid}-${n}`;
      await client.query('BEGIN');
      await client.query("INSERT INTO mutations (id, staff_id, name, result, created_at) VALUES ($1, 'stf-housing.agent1', 'case.reply', '', $2) ON CONFLICT (id) DO NOTHING", [id, now]);
      await client.query('SELECT * FROM cases WHERE id = $1 FOR UPDATE', [c.id]);
      const { after, message: m } = replyRows(c, n, now);
      await client.query('UPDATE cases SET status = $1, first_responded_at = $2, acknowledged_at = $3, updated_at = $4, version = $5 WHERE id = $6', [after.status, after.firstRespondedAt, after.acknowledgedAt, after.updatedAt, after.version, c.id]);
      await client.query('INSERT INTO messages (id, case_id, author, kind, body, meta, created_at) VALUES ($1, $2, $3, $4, $5, NULL, $6)', [m.id, m.caseId, m.author, m.kind, m.body, now]);
      const seq = Number((await client.query<{ seq: string }>("UPDATE agency_seq SET seq = seq + 2 WHERE agency_id = 'housing' RETURNING seq")).rows[0]?.seq);
      await client.query("INSERT INTO changes (agency_id, seq, payload, created_at) VALUES ('housing', $1, $2, $5), ('housing', $3, $4, $5)", [seq - 1, JSON.stringify({ type: 'case', case: after }), seq, JSON.stringify({ type: 'message', message: m }), now]);
      await client.query("INSERT INTO audit (id, staff_id, at, client, action, case_id, detail) VALUES ($1, 'stf-housing.agent1', $2, 'desk', 'case.reply', $3, NULL)", [`fa-${id}`, now, c.id]);
      await client.query('UPDATE mutations SET result = $1 WHERE id = $2', [JSON.stringify({ mutationId: id, cases: [after], replayed: false }), id]);
      await client.query('COMMIT');
    };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const client = await pool.connect();
        try {
          for (let i = 0; i < PER_WRITER; i++) {
            const n = w + i * WRITERS;
            await write(client, cases[n % cases.length], n);
          }
        } finally {
          client.release();
        }
      }),
    );
    return TOTAL / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}

async function benchBackend(name: BackendName): Promise<void> {
  const bench = prepareStore(name);
  try {
    const cases = await seedWithCases(bench, 1_000, { status: 'in_progress', assigneeId: 'stf-housing.agent1' });
    const served = await serverRun(bench, cases);
    const floor = name === 'sqlite' ? sqliteFloor(bench, cases) : await postgresFloor(bench, cases);
    reportFigure({
      name: `single-case replies through Socket.IO, ${WRITERS} desks (${name})`,
      value: served,
      unit: 'ops/s',
      budget: null,
      floor,
      higherIsBetter: true,
      note: 'floor = the same rows per mutation with raw SQL',
    });
  } finally {
    await bench.cleanup();
  }
}

await benchBackend('sqlite');
await benchBackend('postgres');
process.exit(0);
