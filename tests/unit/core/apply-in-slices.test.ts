// A feed batch is applied in slices: the desk answers between them (a bulk change of thousands
// of cases never holds the core, nor another desk of the same browser host), the agency's seq
// moves only with the last slice, and a desk closed half-way pulls the batch again without
// harm. One batch at a time per agency.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import type { Cache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import { openOutboxStore } from '../../../main/core/outbox/outbox-store';
import type { OutboxStore } from '../../../main/core/outbox/outbox-store';
import { createOptimisticState } from '../../../main/core/outbox/optimistic';
import { applyChanges, createAgencyTurns } from '../../../main/core/sync/apply-changes';
import type { ApplyDeps } from '../../../main/core/sync/apply-changes';
import type { Change } from '../../../shared/protocol';
import { NOW, OTHER, SELF, makeCase, tempDir, TEST_KEY_HEX } from './fixtures';

const COUNT = 1_500;
let dir: ReturnType<typeof tempDir>;
let cache: Cache;
let store: OutboxStore;
let deps: ApplyDeps;

const ctx = { selfId: SELF, now: NOW };
const mine = () => cache.views.counts(ctx).mine;
/** every case of the agency handed to OTHER, as a supervisor's bulk reassignment arrives */
const bulkAssign = (): Change[] =>
  Array.from({ length: COUNT }, (_, i) => ({ seq: i + 1, type: 'case' as const, case: { ...makeCase(i, { status: 'assigned', assigneeId: OTHER }), version: 2 } }));

beforeEach(async () => {
  dir = tempDir('desk-apply-slices-');
  store = openOutboxStore(join(dir.dir, 'outbox.sqlite'), TEST_KEY_HEX, silentLogger);
  cache = openCache({ keyHex: TEST_KEY_HEX, file: join(dir.dir, 'cache.sqlite'), logger: silentLogger, isPending: (id) => store.isPending(id) });
  const optimistic = createOptimisticState(cache, store, (m) => ({ actorId: m.actorId, now: m.createdAt, templates: [], agencies: [], staff: [], slaPolicies: [] }));
  deps = { cache, optimistic, store, selfId: SELF };
  const seed = Array.from({ length: COUNT }, (_, i) => ({ seq: i + 1, type: 'case' as const, case: makeCase(i, { status: 'assigned', assigneeId: SELF }) }));
  await applyChanges(deps, 'housing', seed, COUNT);
});

afterEach(() => {
  cache.close();
  store.close();
  dir.remove();
});

describe('applying a feed batch in slices', () => {
  it('answers the desk between slices, and leaves every case, its search rows and the seq as one batch would', async () => {
    expect(mine()).toBe(COUNT);
    const seenBetween: number[] = [];
    let watching = true;
    const watch = () => {
      seenBetween.push(mine());
      if (watching) setImmediate(watch);
    };
    setImmediate(watch);
    const applied = await applyChanges(deps, 'housing', bulkAssign(), 2 * COUNT, { sliceMs: 1, sizer: { size: 50 } });
    watching = false;
    expect(applied.touched).toHaveLength(COUNT);
    // views were read while the batch went in: partway through, some cases had moved already
    expect(seenBetween.some((n) => n > 0 && n < COUNT)).toBe(true);
    expect(mine()).toBe(0);
    expect(cache.reference.lastSeq('housing')).toBe(2 * COUNT);
    const search = (view: 'mine' | 'team') => cache.search.search({ query: 'Subject', view, filter: {}, limit: 5_000 }, ctx).length;
    expect(search('mine')).toBe(0);
    expect(search('team')).toBe(COUNT);
  });

  it('moves the seq only with the last slice: a desk closed half-way applies the batch again, harmlessly', async () => {
    const batch = bulkAssign();
    let slices = 0;
    const half = applyChanges(deps, 'housing', batch, 2 * COUNT, { sliceMs: 1, sizer: { size: 100 }, stopped: () => ++slices > 5 });
    expect(await half).toEqual({ touched: [], assignedToMe: [] });
    expect(cache.reference.lastSeq('housing')).toBe(COUNT);
    const partly = mine();
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(COUNT);
    // the pull brings the same batch again: what was written is skipped by its version
    const again = await applyChanges(deps, 'housing', batch, 2 * COUNT);
    expect(again.touched).toHaveLength(partly);
    expect(mine()).toBe(0);
    expect(cache.reference.lastSeq('housing')).toBe(2 * COUNT);
  });

  it('runs one batch at a time per agency, in the order they came, while other agencies go on', async () => {
    const turns = createAgencyTurns();
    const order: string[] = [];
    const step = (name: string, ms: number) => async () => {
      order.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${name} end`);
    };
    await Promise.all([
      turns.run('housing', step('housing 1', 30)),
      turns.run('housing', step('housing 2', 1)),
      turns.run('health', step('health 1', 1)),
    ]);
    expect(order.indexOf('housing 2 start')).toBeGreaterThan(order.indexOf('housing 1 end'));
    expect(order.indexOf('health 1 end')).toBeLessThan(order.indexOf('housing 1 end'));
  });

  it('keeps the turns going after a batch that failed', async () => {
    const turns = createAgencyTurns();
    await expect(turns.run('housing', () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await expect(turns.run('housing', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
