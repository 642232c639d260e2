import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import type { Cache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import { ftsQuery } from '../../../main/core/cache/queries/search';
import { NOW, SELF, makeCase, tempDir, TEST_KEY_HEX } from './fixtures';

let cache: Cache;
let dir: ReturnType<typeof tempDir>;

function search(query: string, view: 'all' | 'mine' = 'all', citizenCaseIds: string[] = []): string[] {
  return cache.search.search({ query, view, filter: {}, limit: 50 }, { selfId: SELF, now: NOW }, citizenCaseIds).map((r) => r.id);
}

beforeEach(() => {
  dir = tempDir('desk-search-');
  cache = openCache({ keyHex: TEST_KEY_HEX, file: join(dir.dir, 'cache.sqlite'), logger: silentLogger, isPending: () => false });
  const cases = [
    makeCase(1, { subject: 'طلب وحدة سكنية', body: 'أرجو النظر في طلبي' }),
    makeCase(2, { subject: 'إسكان مدينة سلمان', body: 'الشكوى بخصوص آلية التوزيع' }),
    makeCase(3, { subject: 'مستشفى السلمانية', body: 'موعد مُستَشفى متأخر جداً', assigneeId: SELF, status: 'assigned' }),
    makeCase(4, { subject: 'مبنى', body: 'مستشفـــى كبير' }),
    makeCase(5, { subject: 'Street lights broken', body: 'The lights on Road ٣٢٤ are off' }),
    makeCase(6, { subject: 'ذكرى', body: 'مصطفى يسأل عن المدرسة' }),
    makeCase(7, { subject: 'Water bill', body: 'Billing question for block 324' }),
  ];
  cache.transaction(() => {
    for (const c of cases) {
      cache.cases.writeCase(c);
      cache.cases.reindex(c.id);
    }
    cache.cases.insertMessage({
      id: 'm1', caseId: 'case-000007', author: 'citizen', kind: 'citizen', body: 'المياه مقطوعة منذ يومين', meta: null, createdAt: NOW,
    });
    cache.cases.reindex('case-000007');
  });
});

afterEach(() => {
  cache.close();
  dir.remove();
});

describe('cache search', () => {
  it('matches every hamza form of alef whichever one is typed', () => {
    expect(search('اسكان')).toEqual(['case-000002']);
    expect(search('إسكان')).toEqual(['case-000002']);
    expect(search('أسكان')).toEqual(['case-000002']);
    expect(search('آليه')).toEqual(['case-000002']);
    expect(search('اليه')).toEqual(['case-000002']);
    expect(search('ارجو')).toEqual(['case-000001']);
  });

  it('folds ta marbuta and alef maqsura', () => {
    expect(search('وحده')).toEqual(['case-000001']);
    expect(search('وحدة')).toEqual(['case-000001']);
    expect(search('مصطفي')).toEqual(['case-000006']);
    expect(search('ذكري ')).toEqual(['case-000006']);
  });

  it('ignores tashkeel and tatweel on both sides', () => {
    expect(search('مستشفى ').sort()).toEqual(['case-000003', 'case-000004']);
    expect(search('مُسْتَشْفَى ').sort()).toEqual(['case-000003', 'case-000004']);
  });

  it('treats Arabic-Indic digits as ASCII', () => {
    expect(search('٣٢٤').sort()).toEqual(['case-000005', 'case-000007']);
    expect(search('324').sort()).toEqual(['case-000005', 'case-000007']);
  });

  it('matches English case-insensitively and the last word as a prefix', () => {
    expect(search('street LIG')).toEqual(['case-000005']);
    expect(search('bil')).toEqual(['case-000007']);
    expect(search('bil ')).toEqual([]);
    expect(search('مستش').sort()).toEqual(['case-000003', 'case-000004']);
  });

  it('searches the thread', () => {
    expect(search('مقطوعه')).toEqual(['case-000007']);
  });

  it('finds a case at once by reference or its digits, and by CPR or phone only through the server\'s lookup', () => {
    expect(search('TW-2026-00000005')).toEqual(['case-000004']);
    expect(search('tw-2026-00000005')).toEqual(['case-000004']);
    expect(search('5')[0]).toBe('case-000004');
    // the cache holds the numbers masked: a full number matches nothing in it
    expect(search('800000006')).toEqual([]);
    expect(search('+97330000006')).toEqual([]);
    // the cases the server found for the number come first, within the view
    expect(search('800000006', 'all', ['case-000006'])).toEqual(['case-000006']);
    const row = cache.db.prepare('SELECT citizen_cpr, citizen_phone FROM cases WHERE id = ?').get('case-000006');
    expect(row).toEqual({ citizen_cpr: '*****0006', citizen_phone: '+*******0006' });
  });

  it('combines with a view', () => {
    expect(search('مستشفى ', 'mine')).toEqual(['case-000003']);
  });

  it('forgets a case removed from the cache', () => {
    cache.transaction(() => cache.cases.deleteCase('case-000002'));
    expect(search('اسكان')).toEqual([]);
  });

  it('builds no query from punctuation alone', () => {
    expect(ftsQuery('  -- ')).toBeNull();
    expect(search('"')).toEqual([]);
  });
});

describe('cache search over many matches', () => {
  it('finds the few matches of a common word inside a narrow view, newest first', () => {
    cache.transaction(() => {
      for (let n = 100; n < 4_700; n++) {
        const c = makeCase(n, { subject: 'شكوى عامة', status: 'in_progress', assigneeId: n % 500 === 0 ? SELF : 'someone-else' });
        cache.cases.writeCase(c);
        cache.cases.reindex(c.id);
      }
    });
    const mine = cache.search.search({ query: 'شكوي', view: 'mine', filter: {}, limit: 50 }, { selfId: SELF, now: NOW });
    const expected = Array.from({ length: 4_600 }, (_, i) => i + 100).filter((n) => n % 500 === 0).map((n) => `case-${String(n).padStart(6, '0')}`);
    expect(mine.map((r) => r.id).sort()).toEqual(expected.sort());
    for (let i = 1; i < mine.length; i++) expect(mine[i - 1].updatedAt).toBeGreaterThanOrEqual(mine[i].updatedAt);
    const team = cache.search.search({ query: 'شكوى', view: 'team', filter: {}, limit: 30 }, { selfId: SELF, now: NOW });
    expect(team).toHaveLength(30);
    expect(team.every((r) => r.assigneeId === 'someone-else')).toBe(true);
    const all = cache.search.search({ query: 'عامه', view: 'all', filter: {}, limit: 100 }, { selfId: SELF, now: NOW });
    expect(all).toHaveLength(100);
  });
});

describe('cache search past the newest matches', () => {
  function fillMany(total: number, shape: (n: number) => { subject: string; status: 'reopened' | 'in_progress' }): void {
    cache.transaction(() => {
      const ids: string[] = [];
      for (let n = 100; n < 100 + total; n++) {
        const c = makeCase(n, { ...shape(n), assigneeId: 'someone-else' });
        cache.cases.writeCase(c);
        ids.push(c.id);
      }
      cache.cases.reindexCases(ids);
    });
  }
  const expectedIds = (total: number, keep: (n: number) => boolean) =>
    Array.from({ length: total }, (_, i) => i + 100).filter(keep).map((n) => `case-${String(n).padStart(6, '0')}`).sort();
  const reopenedMatching = (query: string) =>
    cache.search.search({ query, view: 'reopened', filter: {}, limit: 100 }, { selfId: SELF, now: NOW }).map((r) => r.id).sort();

  it('finds every match of a common word in a sparse view, through several steps of the text matches', () => {
    const sparse = (n: number) => n % 1_000 === 0;
    fillMany(12_000, (n) => ({ subject: 'بلاغ عام', status: sparse(n) ? 'reopened' : 'in_progress' }));
    expect(reopenedMatching('بلاغ')).toEqual(expectedIds(12_000, sparse));
  }, 60_000);

  it('finds every match when the text matches run out before the view does', () => {
    // 5,000 matches (1,000 past the newest 4,000), a denser view that mostly misses them: the
    // view's tokens are still being read when the text's matches end
    // (docids run newest second first, then in order of writing: the last case of each
    // second is the last of its block, so the hits sit where the text's matches end)
    const hit = (n: number) => n % 1_000 === 996;
    const inView = (n: number) => n % 4 !== 0 || hit(n);
    fillMany(20_000, (n) => ({ subject: n % 4 === 0 ? 'بلاغ عام' : 'Street lights', status: inView(n) ? 'reopened' : 'in_progress' }));
    expect(reopenedMatching('بلاغ')).toEqual(expectedIds(20_000, hit));
  }, 120_000);
});
