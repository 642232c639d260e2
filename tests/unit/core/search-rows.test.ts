// A case's search rows are rewritten only for what changed: an assignment rewrites its few
// view-scope tokens and leaves its text and thread alone, a new message moves it to the front,
// and the same change asked again (prediction, feed, confirmation) writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import type { Cache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import type { Case } from '../../../shared/domain';
import { scopeToken } from '../../../main/core/cache/scope-tokens';
import { NOW, OTHER, SELF, makeCase, tempDir, TEST_KEY_HEX } from './fixtures';

let cache: Cache;
let dir: ReturnType<typeof tempDir>;

const searchIn = (query: string, view: 'all' | 'mine' | 'unassigned') =>
  cache.search.search({ query, view, filter: {}, limit: 50 }, { selfId: SELF, now: NOW }).map((r) => r.id);
const docidOf = (id: string) => (cache.db.prepare('SELECT search_docid AS d FROM cases WHERE id = ?').get(id) as { d: number }).d;
/** rows written by the database during `work` */
function writesDuring(work: () => void): number {
  const total = () => (cache.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const before = total();
  work();
  return total() - before;
}
function write(c: Case): void {
  cache.transaction(() => {
    cache.cases.writeCase(c);
    cache.cases.reindex(c.id);
  });
}

beforeEach(() => {
  dir = tempDir('desk-search-rows-');
  cache = openCache({ keyHex: TEST_KEY_HEX, file: join(dir.dir, 'cache.sqlite'), logger: silentLogger, isPending: () => false });
  for (let n = 1; n <= 6; n++) write(makeCase(n, { subject: n === 2 ? 'انقطاع الكهرباء' : `Subject ${n}`, status: 'new', assigneeId: null }));
});

afterEach(() => {
  cache.close();
  dir.remove();
});

describe('search rows', () => {
  it('an assignment rewrites only the scope tokens: the docid stays, views see the new assignee', () => {
    const before = docidOf('case-000002');
    expect(searchIn('الكهرباء', 'unassigned')).toEqual(['case-000002']);
    const assigned = { ...makeCase(2, { subject: 'انقطاع الكهرباء', status: 'assigned', assigneeId: SELF }), updatedAt: NOW + 60_000, version: 2 };
    let textRows = -1;
    cache.transaction(() => {
      cache.cases.writeCase(assigned);
      textRows = cache.cases.reindexCases([assigned.id]);
    });
    expect(textRows).toBe(0);
    expect(docidOf('case-000002')).toBe(before);
    expect(searchIn('الكهرباء', 'mine')).toEqual(['case-000002']);
    expect(searchIn('الكهرباء', 'unassigned')).toEqual([]);
    // and back: the old token is gone, the new one found
    write({ ...assigned, status: 'new', assigneeId: null, version: 3 });
    expect(searchIn('الكهرباء', 'mine')).toEqual([]);
    expect(searchIn('الكهرباء', 'unassigned')).toEqual(['case-000002']);
  });

  it('the same case asked again writes nothing', () => {
    const c = { ...makeCase(3, { status: 'assigned', assigneeId: OTHER }), version: 2 };
    write(c);
    expect(writesDuring(() => cache.transaction(() => cache.cases.reindexCases(['case-000003', 'case-000003'])))).toBe(0);
    expect(writesDuring(() => cache.transaction(() => cache.cases.reindex('case-000003')))).toBe(0);
  });

  it('an event message leaves the text row alone; a reply makes the thread searchable and moves the case to the front', () => {
    const before = docidOf('case-000004');
    cache.transaction(() => {
      cache.cases.insertMessage({ id: 'e1', caseId: 'case-000004', author: SELF, kind: 'event', body: 'assigned', meta: null, createdAt: NOW + 1_000 });
      expect(cache.cases.reindexCases(['case-000004'])).toBe(0);
    });
    expect(docidOf('case-000004')).toBe(before);
    cache.transaction(() => {
      cache.cases.insertMessage({ id: 'r1', caseId: 'case-000004', author: SELF, kind: 'reply', body: 'تم إصلاح العطل', meta: null, createdAt: NOW + 5_000 });
      expect(cache.cases.reindexCases(['case-000004'])).toBe(1);
    });
    expect(searchIn('العطل', 'all')).toEqual(['case-000004']);
    // newer threads have smaller docids (streamed first)
    expect(docidOf('case-000004')).toBeLessThan(before);
    expect(docidOf('case-000004')).toBeLessThan(Math.min(...[1, 2, 3, 5, 6].map((n) => docidOf(`case-00000${n}`))));
  });

  it('a corrected subject is found under its new words and no longer under its old ones', () => {
    write({ ...makeCase(5, { subject: 'Flooded basement', status: 'new', assigneeId: null }), version: 2 });
    expect(searchIn('flooded', 'all')).toEqual(['case-000005']);
    expect(searchIn('Subject', 'all')).not.toContain('case-000005');
  });

  it('a case deleted leaves neither its text nor its scope tokens behind', () => {
    const unassignedRows = () =>
      (cache.db.prepare('SELECT count(*) AS n FROM case_scope WHERE case_scope MATCH ?').get(`"${scopeToken('a', '')}"`) as { n: number }).n;
    expect(unassignedRows()).toBe(6);
    cache.transaction(() => cache.cases.deleteCase('case-000002'));
    expect(searchIn('الكهرباء', 'all')).toEqual([]);
    expect(unassignedRows()).toBe(5);
  });
});
