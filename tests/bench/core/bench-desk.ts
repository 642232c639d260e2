// The benchmark desk: a core data folder (session + cache + outbox) holding N synthetic cases,
// built once in a temp folder and reused by later runs (building 1,000,000 takes minutes).
// The session names a server nothing listens on, so a core opened on it stays offline and
// serves everything from its cache, as a desk does at start before it reconnects.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import { OLDEST_MIGRATABLE_VERSION } from '../../../main/core/cache/migrations/index';
import { sessionFileKey } from '../../../main/core/live-session';
import { silentLogger } from '../../../main/core/logger';
import { openReadable } from '../../../main/core/encrypted-sqlite';
import { cacheKeyHex, fileModeSealer, loadDeviceKey } from '../../../main/core/keys';
import { writeSession } from '../../../main/core/session-store';
import type { Staff } from '../../../shared/domain';
import { createCaseMaker } from './synthetic-cases';

export const BENCH_SERVER_URL = 'http://127.0.0.1:9';
export const BENCH_STAFF: Staff = {
  id: 'stf-7', username: 'bench.agent', displayName: 'Bench Agent', role: 'agent', agencyId: 'housing',
  languages: ['ar', 'en'], capacity: 50, active: true,
};
export const BENCH_ROOT = process.env.TAWASUL_BENCH_DIR ?? join(tmpdir(), 'tawasul-bench');

/** stands in for the secret the case server hands out at login */
const BENCH_CACHE_SECRET = 'bench-cache-secret-of-enough-length-0001';

export type BenchDesk = { dataDir: string; cacheFile: string; deviceKey: Buffer; keyHex: string; total: number };

export function benchDesk(total: number): BenchDesk {
  const dataDir = join(BENCH_ROOT, `desk-${total}`);
  const deviceKey = loadDeviceKey(join(dataDir, 'device-key'), fileModeSealer);
  return {
    dataDir,
    cacheFile: join(dataDir, 'caches', `${sessionFileKey(BENCH_SERVER_URL, BENCH_STAFF.id)}.sqlite`),
    deviceKey,
    keyHex: cacheKeyHex(deviceKey, BENCH_STAFF.id, BENCH_CACHE_SECRET),
    total,
  };
}

/** Makes sure the desk exists; says whether it was built now or reused. */
export function ensureBenchDesk(total: number, say: (line: string) => void): BenchDesk {
  const desk = benchDesk(total);
  mkdirSync(join(desk.dataDir, 'caches'), { recursive: true });
  writeSession(desk.dataDir, desk.deviceKey, {
    serverUrl: BENCH_SERVER_URL, token: 'bench', staff: BENCH_STAFF, expiresAt: Date.now() + 365 * 86_400_000, cacheSecret: BENCH_CACHE_SECRET,
  });
  // a cache that does not open with its key (built before the desk encrypted its files, or
  // with another cipher), older than the core still migrates (opening it would empty it, and
  // every figure would then be measured over no cases), or holding fewer cases, is built again
  if (existsSync(desk.cacheFile)) {
    const opened = openReadable(desk.cacheFile, desk.keyHex);
    const version = opened === null ? 0 : (opened.pragma('user_version', { simple: true }) as number);
    // a cache an older run emptied (opened by a core that no longer migrated it) holds too few
    const held = opened === null || version < OLDEST_MIGRATABLE_VERSION ? 0 : (opened.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    opened?.close();
    if (opened === null || held < total) {
      if (opened !== null) say(`the cache in ${desk.dataDir} holds ${held.toLocaleString('en')} cases (schema ${version}; the core migrates from ${OLDEST_MIGRATABLE_VERSION}): building it again`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(desk.cacheFile + suffix, { force: true });
    }
  }
  if (existsSync(desk.cacheFile)) {
    say(`reusing the ${total.toLocaleString('en')}-case cache built earlier in ${desk.dataDir}`);
    finishSearchIndex(desk, say);
    return desk;
  }
  say(`no ${total.toLocaleString('en')}-case cache in ${desk.dataDir}: building it once (minutes for 1,000,000; later runs reuse it)`);
  const started = Date.now();
  const cache = openCache({ file: desk.cacheFile, keyHex: desk.keyHex, logger: silentLogger, isPending: () => false });
  // as a first bootstrap fills a cache: rows first, the search index after, in docid order
  cache.searchIndex.setDeferred(true);
  cache.bulkLoad.begin();
  const makeCase = createCaseMaker(Date.now());
  for (let n = 0; n < total; n += 10_000) {
    cache.transaction(() => {
      for (let i = n; i < Math.min(total, n + 10_000); i++) cache.cases.writeCase(makeCase(i));
    });
  }
  cache.bulkLoad.end();
  cache.close();
  finishSearchIndex(desk, say);
  say(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return desk;
}

/** A cache left with its search index deferred (built, or migrated, and not yet indexed) gets it now. */
function finishSearchIndex(desk: BenchDesk, say: (line: string) => void): void {
  const cache = openCache({ file: desk.cacheFile, keyHex: desk.keyHex, logger: silentLogger, isPending: () => false });
  if (cache.searchIndex.deferred()) {
    const started = Date.now();
    say(`building the search index of ${cache.cases.unindexedCount().toLocaleString('en')} cases`);
    while (cache.searchIndex.deferred()) {
      cache.transaction(() => {
        if (cache.cases.indexUnindexed(50_000).left === 0) cache.searchIndex.setDeferred(false);
      });
    }
    cache.db.pragma('optimize');
    say(`search index built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  cache.close();
}
