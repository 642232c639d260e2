// A first bootstrap into an empty cache writes cases without search rows and builds the index
// afterwards: meanwhile search must say so and give only exact lookups, never a random part
// of the text matches; afterwards it must answer exactly as a cache indexed row by row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import type { Cache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import { NOW, SELF, makeCase, tempDir, TEST_KEY_HEX } from './fixtures';

let dir: ReturnType<typeof tempDir>;
const opened: Cache[] = [];

function open(name: string): Cache {
  const cache = openCache({ keyHex: TEST_KEY_HEX, file: join(dir.dir, name), logger: silentLogger, isPending: () => false });
  opened.push(cache);
  return cache;
}

function search(cache: Cache, query: string, view: 'all' | 'mine' = 'all'): string[] {
  return cache.search.search({ query, view, filter: {}, limit: 500 }, { selfId: SELF, now: NOW }).map((r) => r.id).sort();
}

const CASES = Array.from({ length: 300 }, (_, n) =>
  makeCase(n, { subject: n % 3 === 0 ? `إسكان حي ${n}` : `Street lights ${n}`, body: n % 2 === 0 ? 'مستشفى' : 'Water bill' }));

function fill(cache: Cache): void {
  cache.transaction(() => {
    for (const c of CASES) {
      cache.cases.writeCase(c);
      cache.cases.insertMessage({ id: `m-${c.id}`, caseId: c.id, author: 'citizen', kind: 'citizen', body: `رسالة ${c.ref} مقطوعة`, meta: null, createdAt: NOW });
    }
    cache.cases.reindexCases(CASES.map((c) => c.id));
  });
}

function buildIndex(cache: Cache, batch: number): number {
  let steps = 0;
  while (cache.searchIndex.deferred()) {
    steps += 1;
    cache.transaction(() => {
      if (cache.cases.indexUnindexed(batch).left === 0) cache.searchIndex.setDeferred(false);
    });
  }
  return steps;
}

beforeEach(() => {
  dir = tempDir('desk-deferred-');
});

afterEach(() => {
  for (const c of opened.splice(0)) c.close();
  dir.remove();
});

describe('deferred search index', () => {
  it('gives exact lookups only while deferred, then the same answers as a cache indexed row by row', () => {
    const reference = open('reference.sqlite');
    fill(reference);
    const cache = open('deferred.sqlite');
    cache.searchIndex.setDeferred(true);
    cache.bulkLoad.begin();
    fill(cache);

    expect(search(cache, 'اسكان')).toEqual([]);
    expect(search(cache, 'مقطوعه')).toEqual([]);
    // a reference, and the cases the server found for a CPR, are column lookups: they answer at once
    expect(search(cache, CASES[7].ref)).toEqual([CASES[7].id]);
    expect(cache.search.search({ query: CASES[8].citizen.cpr!, view: 'all', filter: {}, limit: 10 }, { selfId: SELF, now: NOW }, [CASES[8].id]).map((r) => r.id)).toEqual([CASES[8].id]);

    cache.bulkLoad.end();
    expect(buildIndex(cache, 64)).toBeGreaterThan(3);
    for (const query of ['اسكان', 'street LIG', 'مستشفي', 'مقطوعه', 'water', CASES[42].ref]) {
      expect(search(cache, query)).toEqual(search(reference, query));
    }
    expect(search(cache, 'اسكان', 'mine')).toEqual(search(reference, 'اسكان', 'mine'));
    expect(search(cache, 'اسكان').length).toBe(100);
  });

  it('reindexes a case changed after its batch was indexed, and forgets its old words', () => {
    const cache = open('deferred.sqlite');
    cache.searchIndex.setDeferred(true);
    fill(cache);
    cache.transaction(() => cache.cases.indexUnindexed(100));
    expect(cache.cases.unindexedCount()).toBe(200);
    // change every case: those already indexed lose their row until the build reaches them again
    cache.transaction(() => {
      for (const c of CASES) cache.cases.writeCase({ ...c, subject: `Renamed ${c.ref}`, body: 'ملعب', version: 2 });
      cache.cases.reindexCases(CASES.map((c) => c.id));
    });
    expect(cache.cases.unindexedCount()).toBe(300);
    buildIndex(cache, 128);
    expect(search(cache, 'ملعب').length).toBe(300);
    expect(search(cache, 'اسكان')).toEqual([]);
    const rows = cache.db.prepare('SELECT count(*) AS n FROM case_fts').get() as { n: number };
    expect(rows.n).toBe(300);
  });

  it('is remembered by the file: a desk stopped half-way reopens still deferred, with its indexes back', () => {
    const cache = open('deferred.sqlite');
    cache.searchIndex.setDeferred(true);
    cache.bulkLoad.begin();
    fill(cache);
    const indexNames = () => (cache.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'cases_cpr'").all()).length;
    expect(indexNames()).toBe(0);
    cache.db.close(); // no clean close: as if killed

    const reopened = open('deferred.sqlite');
    expect(reopened.searchIndex.deferred()).toBe(true);
    expect(reopened.bulkLoad.active()).toBe(false);
    const names = (reopened.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['cases_cpr', 'cases_ref', 'cases_assignee', 'messages_case']));
    expect(search(reopened, 'اسكان')).toEqual([]);
    buildIndex(reopened, 1_000);
    expect(search(reopened, 'اسكان').length).toBe(100);
  });
});
