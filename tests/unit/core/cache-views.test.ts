import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskCase } from '../../../shared/domain';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import type { Cache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import { VIEW_IDS } from '../../../shared/desk-api';
import type { ViewId } from '../../../shared/desk-api';
import type { Case } from '../../../shared/domain';
import { isOpenStatus } from '../../../shared/domain';
import { endOfLocalDay } from '../../../main/core/cache/queries/view-clauses';
import { NOW, SELF, makeCase, tempDir, TEST_KEY_HEX } from './fixtures';

const CASES = 500;
let cache: Cache;
let dir: ReturnType<typeof tempDir>;
let all: Case[];

function inView(view: ViewId, c: Case): boolean {
  const open = isOpenStatus(c.status);
  switch (view) {
    case 'inbox': return open;
    case 'mine': return open && c.assigneeId === SELF;
    case 'unassigned': return open && c.assigneeId === null;
    case 'team': return open && c.assigneeId !== null && c.assigneeId !== SELF;
    case 'overdue': return open && c.resolutionDueAt < NOW;
    case 'due_today': return open && c.resolutionDueAt >= NOW && c.resolutionDueAt < endOfLocalDay(NOW);
    case 'reopened': return c.status === 'reopened';
    case 'escalated': return open && c.escalated;
    case 'awaiting_citizen': return c.status === 'awaiting_citizen';
    case 'answered': return c.status === 'answered';
    case 'closed': return c.status === 'closed';
    case 'all': return true;
  }
}

beforeEach(() => {
  dir = tempDir('desk-views-');
  cache = openCache({ keyHex: TEST_KEY_HEX, file: join(dir.dir, 'cache.sqlite'), logger: silentLogger, isPending: (id) => id === 'case-000003' });
  all = Array.from({ length: CASES }, (_, n) => makeCase(n));
  cache.transaction(() => {
    for (const c of all) {
      cache.cases.writeCase(c);
      cache.cases.reindex(c.id);
    }
  });
});

afterEach(() => {
  cache.close();
  dir.remove();
});

describe('cache views', () => {
  it('pages every view with keyset cursors, visiting each matching case exactly once in order', () => {
    for (const view of VIEW_IDS) {
      const seen: string[] = [];
      let after: string | null = null;
      let previous: { updatedAt: number; id: string } | null = null;
      do {
        const page = cache.views.page({ view, filter: {}, after, limit: 37 }, { selfId: SELF, now: NOW });
        for (const row of page.rows) {
          if (previous !== null) {
            const ordered = row.updatedAt < previous.updatedAt || (row.updatedAt === previous.updatedAt && row.id < previous.id);
            expect(ordered, `${view}: ${row.id} after ${previous.id}`).toBe(true);
          }
          previous = row;
          seen.push(row.id);
        }
        after = page.nextCursor;
      } while (after !== null);
      const expected = all.filter((c) => inView(view, c)).map((c) => c.id).sort();
      expect(new Set(seen).size, view).toBe(seen.length);
      expect([...seen].sort(), view).toEqual(expected);
    }
  });

  it('counts every view as its pages do', () => {
    const counts = cache.views.counts({ selfId: SELF, now: NOW });
    for (const view of VIEW_IDS) {
      expect(counts[view], view).toBe(all.filter((c) => inView(view, c)).length);
    }
    expect(counts.all).toBe(CASES);
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.due_today).toBeGreaterThan(0);
  });

  it('narrows a view with a filter and marks rows with pending mutations', () => {
    const page = cache.views.page(
      { view: 'all', filter: { tag: 'vip', kind: 'suggestion' }, after: null, limit: 500 },
      { selfId: SELF, now: NOW },
    );
    const expected = all.filter((c) => c.tags.includes('vip') && c.kind === 'suggestion').map((c) => c.id);
    expect(page.rows.map((r) => r.id).sort()).toEqual(expected.sort());
    const first = cache.views.page({ view: 'all', filter: {}, after: null, limit: 10 }, { selfId: SELF, now: NOW });
    expect(first.rows.find((r) => r.id === 'case-000003')?.pending).toBe(true);
    expect(first.rows.find((r) => r.id === 'case-000001')?.pending).toBe(false);
  });

  it('refuses a cursor it did not issue', () => {
    expect(() =>
      cache.views.page({ view: 'all', filter: {}, after: 'bm90LWEtY3Vyc29y', limit: 10 }, { selfId: SELF, now: NOW }),
    ).toThrow(/cursor/);
  });

  it('reads a case back exactly as written', () => {
    // the citizen's numbers as the cache keeps them: masked
    expect(cache.cases.readCase('case-000010')).toEqual(maskCase(all[10]));
  });

  it('uses an index (no full sort) for view pages', () => {
    const plan = cache.db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE assignee_id = ? AND is_open = 1 ORDER BY updated_at DESC, id DESC LIMIT 100")
      .all(SELF) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});
