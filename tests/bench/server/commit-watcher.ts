// Watches the case server's SQLite file from a process of its own and says when the next bulk
// mutation's transaction is visible (its stored result is written in it), for
// bulk-desk.bench.ts. A process of its own, so the time is not held back by the desk being
// measured, which may still be busy laying its prediction on its cache when the server commits.
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';

export type CommitWatcherMessage = { type: 'arm' } | { type: 'stop' };
export type CommitWatcherReport = { type: 'armed' } | { type: 'committed'; at: number };

const db = new SqliteDatabase(process.env.WATCH_SQLITE_FILE ?? '', { readonly: true });
const count = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM mutations WHERE name LIKE 'bulk.%'");
const wallClock = () => performance.timeOrigin + performance.now();
let armedAt: number | null = null;

function poll(): void {
  if (armedAt !== null && (count.get()?.n ?? 0) > armedAt) {
    armedAt = null;
    process.send?.({ type: 'committed', at: wallClock() } satisfies CommitWatcherReport);
  }
  // a busy poll of 1 ms: the figure's resolution, at the cost of one core's sliver
  setTimeout(poll, 1);
}

process.on('message', (message: CommitWatcherMessage) => {
  if (message.type === 'stop') {
    db.close();
    process.exit(0);
  }
  armedAt = count.get()?.n ?? 0;
  process.send?.({ type: 'armed' } satisfies CommitWatcherReport);
});
poll();
