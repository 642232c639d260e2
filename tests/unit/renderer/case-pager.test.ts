import { describe, expect, it } from 'vitest';
import type { CaseRow } from '../../../shared/desk-api';
import { CasePager } from '../../../renderer/src/state/case-pager';
import type { PageFetcher } from '../../../renderer/src/state/case-pager';

function row(n: number): CaseRow {
  return {
    id: `c${String(n).padStart(6, '0')}`,
    ref: `TW-2026-${String(n).padStart(8, '0')}`,
    kind: 'complaint',
    agencyId: 'housing',
    status: 'new',
    priority: 'normal',
    assigneeId: null,
    subject: `case ${n}`,
    citizenName: 'Citizen',
    language: 'en',
    createdAt: n,
    updatedAt: n,
    firstResponseDueAt: n,
    resolutionDueAt: n,
    escalated: false,
    reopenCount: 0,
    tags: [],
    pending: false,
  };
}

/** A keyset source over an ordered table: the cursor is the last id seen, like the core's. */
function keysetSource(rows: CaseRow[]) {
  const calls: (string | null)[] = [];
  const fetch: PageFetcher = (after, limit) => {
    calls.push(after);
    const start = after === null ? 0 : rows.findIndex((r) => r.id > after);
    const from = start < 0 ? rows.length : start;
    const page = rows.slice(from, from + limit);
    const more = from + limit < rows.length;
    return Promise.resolve({ rows: page, nextCursor: more ? (page[page.length - 1]?.id ?? null) : null });
  };
  return { fetch, calls };
}

describe('CasePager', () => {
  it('reads pages with keyset cursors and knows the exact total once it reaches the end', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => row(i));
    const source = keysetSource(rows);
    const pager = new CasePager(source.fetch, { pageSize: 100, estimatedTotal: 240 });
    await pager.ensureRange(0, 99);
    expect(pager.rowAt(0)?.id).toBe(rows[0]?.id);
    expect(pager.total).toBe(240);
    await pager.ensureRange(200, 249);
    expect(pager.total).toBe(250);
    expect(pager.rowAt(249)?.id).toBe(rows[249]?.id);
    expect(source.calls).toEqual([null, rows[99]?.id, rows[199]?.id]);
  });

  it('never holds more than its window of rows while scrolling through a large view', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i));
    const pager = new CasePager(keysetSource(rows).fetch, { pageSize: 100, maxLoadedPages: 6, estimatedTotal: 5_000 });
    let most = 0;
    for (let first = 0; first < 5_000; first += 37) {
      await pager.ensureRange(first, first + 30);
      most = Math.max(most, pager.loadedRowCount);
      expect(pager.rowAt(first)?.id).toBe(rows[first]?.id);
    }
    expect(most).toBeLessThanOrEqual(600);
    // jumping back reloads the evicted page from its remembered cursor
    await pager.ensureRange(10, 20);
    expect(pager.rowAt(15)?.id).toBe(rows[15]?.id);
    expect(pager.loadedRowCount).toBeLessThanOrEqual(600);
  });

  it('refresh shows a change in the loaded pages and finds a case by id', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => row(i));
    const pager = new CasePager(keysetSource(rows).fetch, { pageSize: 100 });
    await pager.ensureRange(0, 149);
    const target = rows[120];
    if (target === undefined) throw new Error('fixture');
    rows[120] = { ...target, subject: 'changed elsewhere' };
    let notified = 0;
    pager.subscribe(() => notified++);
    await pager.refresh();
    expect(pager.rowAt(120)?.subject).toBe('changed elsewhere');
    expect(pager.indexOf(target.id)).toBe(120);
    expect(notified).toBeGreaterThan(0);
  });

  it('keeps working after a page load fails', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(i));
    const good = keysetSource(rows).fetch;
    let fail = true;
    const pager = new CasePager(async (after, limit) => {
      if (fail) throw new Error('host down');
      return good(after, limit);
    });
    await expect(pager.ensureRange(0, 10)).rejects.toThrow('host down');
    fail = false;
    await pager.ensureRange(0, 10);
    expect(pager.total).toBe(50);
  });
});
