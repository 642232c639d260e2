// The set-based case update behind bulk mutations, on both back ends: each case gets exactly
// its own edit, whichever columns the other cases of the statement change, NULLs included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCases } from '../../../server/store/case-updates';
import { openStore } from '../../../server/store/db';
import type { Store } from '../../../server/store/db';
import { rowToCase } from '../../../server/store/rows';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS } from './harness';

describe.each(BACKENDS)('bulk case update on $name', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const prepared = backend.prepare();
    cleanup = prepared.cleanup;
    const o = prepared.options;
    store = await openStore(o.dataDir !== undefined ? { dataDir: o.dataDir } : { databaseUrl: o.databaseUrl ?? '', schema: o.databaseSchema ?? '' });
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('writes each case its own after-state across statements of 500 rows', async () => {
    const before = Array.from({ length: 1_203 }, (_, i) =>
      makeCase('housing', { assigneeId: i % 2 === 0 ? 'stf-housing.agent1' : null, tags: ['a'], rating: i % 3 === 0 ? 4 : null }),
    );
    await insertFixtureCases(store, before);
    const after = before.map((c, i) => {
      switch (i % 4) {
        case 0:
          return { ...c, assigneeId: null, version: c.version + 1 };
        case 1:
          return { ...c, status: 'answered' as const, answeredAt: 1_800_000_000_123, escalated: true, version: c.version + 1 };
        case 2:
          return { ...c, tags: ['a', 'رسوم'], subject: 'إنارة الشارع', rating: null, version: c.version + 1 };
        default:
          return c;
      }
    });
    await store.transaction((tx) => updateCases(tx, store.dialect, before.map((c, i) => ({ before: c, after: after[i] ?? c }))));
    const rows = await store.db.selectFrom('cases').selectAll().where('agency_id', '=', 'housing').orderBy('id').execute();
    expect(rows.map(rowToCase)).toEqual([...after].sort((a, b) => a.id.localeCompare(b.id)));
  });
});
