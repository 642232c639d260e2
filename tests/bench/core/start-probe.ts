// One desk start in a fresh process, for the cache benchmark: `core` opens a desk core on the
// benchmark desk (offline, as at every start) and times it to an interactive inbox — the first
// page of the inbox and the view counts — then works a little (views, searches, cases) and
// reports its RSS. `raw` does the same statements through plain better-sqlite3 (the floor).
// Prints one JSON line: {"startMs": …, "rssMb": …}.
// `start-probe core|raw <cases> <recorded-calls.json>` (cache.bench.ts bundles it and runs it with plain node)
import { readFileSync } from 'node:fs';
import { createDeskCore } from '../../../main/core/index';
import { VIEW_IDS } from '../../../shared/desk-api';
import { BENCH_SERVER_URL, benchDesk } from './bench-desk';
import { ARABIC_QUERIES, ENGLISH_QUERIES } from './synthetic-cases';
import { openFloor } from './sql-recorder';
import type { RecordedCall } from './sql-recorder';

const [mode, total, callsFile] = process.argv.slice(2);
const desk = benchDesk(Number(total));
const recorded = JSON.parse(readFileSync(callsFile, 'utf8')) as { start: RecordedCall[]; work: RecordedCall[] };
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

if (mode === 'raw') {
  const started = performance.now();
  const floor = openFloor(desk.cacheFile, desk.keyHex);
  floor.replay(recorded.start);
  const startMs = performance.now() - started;
  floor.replay(recorded.work);
  process.stdout.write(`${JSON.stringify({ startMs, rssMb: rssMb() })}\n`);
  floor.close();
} else {
  const started = performance.now();
  const core = createDeskCore({ dataDir: desk.dataDir, deviceKey: desk.deviceKey, defaultServerUrl: BENCH_SERVER_URL, emit: () => undefined, reconnectBaseMs: 600_000 });
  const inbox = await core.handlers['cases.page']({ view: 'inbox', filter: {}, after: null, limit: 100 });
  await core.handlers['views.counts']({});
  const startMs = performance.now() - started;
  for (const view of VIEW_IDS) await core.handlers['cases.page']({ view, filter: {}, after: null, limit: 100 });
  for (const query of [...ARABIC_QUERIES, ...ENGLISH_QUERIES]) await core.handlers['cases.search']({ query, view: 'all', filter: {}, limit: 100 });
  for (const row of inbox.rows.slice(0, 20)) await core.handlers['cases.get']({ caseId: row.id });
  process.stdout.write(`${JSON.stringify({ startMs, rssMb: rssMb() })}\n`);
  await core.close();
  process.exit(0);
}
