// Cases closed before the retention window leave the cache with their threads and search rows;
// recent, open and still-pending ones stay; nothing is purged while a bootstrap writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import type { Cache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import { startRetentionPurge } from '../../../main/core/sync/retention-purge';
import type { RetentionPurgeOptions } from '../../../main/core/sync/retention-purge';
import { NOW, SELF, TEST_KEY_HEX, makeCase, tempDir } from './fixtures';

const DAY = 86_400_000;
const RETENTION = 90 * DAY;

let dir: ReturnType<typeof tempDir>;
let cache: Cache;
beforeEach(() => {
  dir = tempDir('desk-retention-');
  cache = openCache({ keyHex: TEST_KEY_HEX, file: join(dir.dir, 'cache.sqlite'), logger: silentLogger, isPending: () => false });
});
afterEach(() => {
  cache.close();
  dir.remove();
});

const closed = (n: number, daysAgo: number) =>
  makeCase(n, { status: 'closed', closedAt: NOW - daysAgo * DAY, subject: `Streetlight ${n}`, assigneeId: SELF });

// seven closed long ago, two closed lately, one open; case 3 has a mutation waiting
const OLD = [1, 2, 3, 4, 5, 6, 7].map((n) => closed(n, 91 + n));
const RECENT = [closed(8, 89), closed(9, 10)];
const OPEN = makeCase(10, { status: 'in_progress', subject: 'Streetlight 10' });

function fill(): void {
  cache.transaction(() => {
    for (const c of [...OLD, ...RECENT, OPEN]) {
      cache.cases.writeCase(c);
      cache.cases.insertMessage({ id: `m-${c.id}`, caseId: c.id, author: 'citizen', kind: 'citizen', body: 'thread', meta: null, createdAt: NOW - 100 * DAY });
      cache.cases.reindex(c.id);
    }
  });
}

function purge(extra: Partial<RetentionPurgeOptions> = {}) {
  const changed: string[] = [];
  const p = startRetentionPurge({
    cache,
    isBootstrapping: () => false,
    isPending: (id) => id === OLD[2].id,
    casesChanged: (ids) => changed.push(...ids),
    logger: silentLogger,
    now: () => NOW,
    retentionMs: RETENTION,
    firstRunMs: 3_600_000,
    batchSize: 2,
    ...extra,
  });
  return { p, changed };
}

const held = () => [...OLD, ...RECENT, OPEN].filter((c) => cache.cases.readCase(c.id) !== null).map((c) => c.id);
const found = (query: string) => cache.search.search({ query, view: 'all', filter: {}, limit: 50 }, { selfId: SELF, now: NOW }).map((r) => r.id);

describe('the retention purge', () => {
  it('removes cases closed before the window with their threads and search rows, in batches', async () => {
    fill();
    const { p, changed } = purge();
    expect(await p.run()).toBe(6);
    p.close();
    expect(held().sort()).toEqual([OLD[2].id, RECENT[0].id, RECENT[1].id, OPEN.id].sort());
    expect(changed.sort()).toEqual(OLD.filter((c) => c !== OLD[2]).map((c) => c.id).sort());
    expect(cache.cases.messagesOf(OLD[0].id)).toEqual([]);
    expect(found('Streetlight').sort()).toEqual([OLD[2].id, RECENT[0].id, RECENT[1].id, OPEN.id].sort());
    // nothing left to do: a second run removes nothing
    const again = purge();
    expect(await again.p.run()).toBe(0);
    again.p.close();
  });

  it('waits while a bootstrap writes', async () => {
    fill();
    const { p } = purge({ isBootstrapping: () => true });
    expect(await p.run()).toBe(0);
    p.close();
    expect(held()).toHaveLength(10);
  });
});
