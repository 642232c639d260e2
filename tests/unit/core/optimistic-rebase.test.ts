import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCache } from '../../../main/core/cache/index';
import type { Cache } from '../../../main/core/cache/index';
import { silentLogger } from '../../../main/core/logger';
import { openOutboxStore } from '../../../main/core/outbox/outbox-store';
import type { OutboxStore } from '../../../main/core/outbox/outbox-store';
import { createOptimisticState } from '../../../main/core/outbox/optimistic';
import type { OptimisticState } from '../../../main/core/outbox/optimistic';
import { createOutbox } from '../../../main/core/outbox/outbox';
import type { Outbox, SendOutcome } from '../../../main/core/outbox/outbox';
import type { MutationEnvelope } from '../../../shared/mutations';
import type { Case } from '../../../shared/domain';
import { NOW, OTHER, SELF, makeCase, tempDir, TEST_KEY_HEX } from './fixtures';

// The server side is a scripted transport here: these tests pin the desk's own bookkeeping
// (prediction, rebase, rollback); the real server round trip is in tests/integration/core.
let dir: ReturnType<typeof tempDir>;
let cache: Cache;
let store: OutboxStore;
let optimistic: OptimisticState;
let outbox: Outbox;
let connected: boolean;
let sent: MutationEnvelope[];
let answer: (envelope: MutationEnvelope) => SendOutcome;
const rejected: string[] = [];

beforeEach(() => {
  dir = tempDir('desk-rebase-');
  store = openOutboxStore(join(dir.dir, 'outbox.sqlite'), TEST_KEY_HEX, silentLogger);
  cache = openCache({ keyHex: TEST_KEY_HEX, file: join(dir.dir, 'cache.sqlite'), logger: silentLogger, isPending: (id) => store.isPending(id) });
  optimistic = createOptimisticState(cache, store, (m) => ({ actorId: m.actorId, now: m.createdAt, templates: [], agencies: [], staff: [], slaPolicies: [] }));
  connected = false;
  sent = [];
  answer = () => ({ kind: 'unsent', reason: 'offline' });
  outbox = createOutbox({
    cache,
    store,
    optimistic,
    transport: {
      isConnected: () => connected,
      send: (envelope) => {
        sent.push(envelope);
        return Promise.resolve(answer(envelope));
      },
    },
    actorId: SELF,
    holdMs: 0,
    undoWindowMs: 0,
    predictContext: (actorId, now) => ({ actorId, now, templates: [], agencies: [], staff: [], slaPolicies: [] }),
    casesChanged: () => undefined,
    seesAgency: (agencyId) => agencyId !== 'labour',
    applied: () => undefined,
    rejected: (p) => rejected.push(p.code),
    sizeChanged: () => undefined,
    logger: silentLogger,
  });
  cache.transaction(() => {
    cache.cases.writeCase(makeCase(1, { status: 'assigned', assigneeId: SELF, version: 3 }));
    cache.cases.reindex('case-000001');
  });
});

afterEach(() => {
  outbox.close();
  cache.close();
  store.close();
  dir.remove();
});

const flushed = () => new Promise((r) => setTimeout(r, 20));

describe('optimistic state', () => {
  it('shows a prediction at once and keeps the server version as its base', () => {
    outbox.mutate('case.setPriority', { caseId: 'case-000001', priority: 'urgent' });
    expect(cache.cases.readCase('case-000001')).toMatchObject({ priority: 'urgent', version: 4 });
    expect(cache.cases.readBase('case-000001')).toMatchObject({ priority: 'normal', version: 3 });
    expect(store.isPending('case-000001')).toBe(true);
  });

  it('rebases pending predictions on a newer server version', () => {
    outbox.mutate('case.tag', { caseId: 'case-000001', add: ['mine'] });
    const server = makeCase(1, { status: 'assigned', assigneeId: SELF, version: 4, tags: ['theirs'], subject: 'edited elsewhere', updatedAt: NOW + 1 });
    cache.transaction(() => optimistic.applyServerCase(server));
    const shown = cache.cases.readCase('case-000001')!;
    expect(shown.subject).toBe('edited elsewhere');
    expect(shown.tags).toEqual(['theirs', 'mine']);
    expect(shown.version).toBe(5);
    expect(cache.cases.readBase('case-000001')?.version).toBe(4);
  });

  it('ignores a server version older than the base', () => {
    outbox.mutate('case.setPriority', { caseId: 'case-000001', priority: 'high' });
    const stale = makeCase(1, { status: 'assigned', assigneeId: SELF, version: 2, subject: 'stale' });
    expect(cache.transaction(() => optimistic.applyServerCase(stale)).applied).toBe(false);
    expect(cache.cases.readCase('case-000001')).toMatchObject({ priority: 'high', subject: 'Subject 1' });
  });

  it('rolls back a rejected mutation to the server version and drops its predicted messages', async () => {
    const before = cache.cases.readCase('case-000001');
    outbox.mutate('case.reply', { caseId: 'case-000001', body: 'predicted reply' });
    expect(cache.cases.messagesOf('case-000001').map((m) => m.body)).toContain('predicted reply');
    answer = () => ({ kind: 'rejected', error: { code: 'conflict', message: 'changed meanwhile' } });
    connected = true;
    outbox.flush();
    await flushed();
    expect(rejected).toContain('conflict');
    expect(cache.cases.readCase('case-000001')).toEqual(before);
    expect(cache.cases.messagesOf('case-000001')).toEqual([]);
    expect(cache.cases.readBase('case-000001')).toBeUndefined();
    expect(store.size()).toBe(0);
  });

  it('keeps an undelivered mutation and resends it with the same id, in order', async () => {
    const first = outbox.mutate('case.setPriority', { caseId: 'case-000001', priority: 'high' });
    const second = outbox.mutate('case.tag', { caseId: 'case-000001', add: ['x'] });
    connected = true;
    outbox.flush();
    await flushed();
    expect(new Set(sent.map((e) => e.id))).toEqual(new Set([first.mutationId]));
    expect(store.size()).toBe(2);
    answer = (envelope) => ({
      kind: 'applied',
      result: { mutationId: envelope.id, replayed: false, cases: [] },
    });
    outbox.flush();
    await flushed();
    const ids = sent.map((e) => e.id);
    expect(ids.filter((id) => id === second.mutationId)).toHaveLength(1);
    expect(ids.at(-1)).toBe(second.mutationId);
    expect(ids.slice(0, -1).every((id) => id === first.mutationId)).toBe(true);
    expect(store.size()).toBe(0);
  });

  it('refuses a mutation the lifecycle forbids, queueing nothing', () => {
    expect(() => outbox.mutate('case.close', { caseId: 'case-000001' })).toThrow(/cannot close/);
    expect(store.size()).toBe(0);
    expect(cache.cases.readBase('case-000001')).toBeUndefined();
  });

  it('undoes an unsent mutation and restores the case', () => {
    const before = cache.cases.readCase('case-000001');
    const { mutationId } = outbox.mutate('case.note', { caseId: 'case-000001', body: 'oops' });
    expect(outbox.undo(mutationId)).toEqual({ undone: true, how: 'dropped' });
    expect(cache.cases.readCase('case-000001')).toEqual(before);
    expect(cache.cases.messagesOf('case-000001')).toEqual([]);
  });

  it('files a case this desk transferred away as a read-only record, in no view or search', async () => {
    const ctx = { selfId: SELF, now: NOW };
    const inbox = () => cache.views.page({ view: 'inbox', filter: {}, after: null, limit: 100 }, ctx).rows.map((r) => r.id);
    expect(inbox()).toContain('case-000001');
    outbox.mutate('case.transfer', { caseId: 'case-000001', toAgencyId: 'labour', reason: 'wrong_agency', note: '' });
    const moved = makeCase(1, { agencyId: 'labour', status: 'new', assigneeId: null, version: 4, transferredFrom: 'housing' });
    connected = true;
    answer = (envelope) => ({ kind: 'applied', result: { mutationId: envelope.id, replayed: false, cases: [moved] } });
    outbox.flush();
    await flushed();
    expect(store.size()).toBe(0);
    expect(inbox()).not.toContain('case-000001');
    expect(cache.views.counts(ctx).inbox).toBe(0);
    expect(cache.search.search({ query: 'Subject 1', view: 'all', filter: {}, limit: 10 }, ctx)).toEqual([]);
    expect(cache.cases.readCase('case-000001')).toBeNull();
    expect(cache.cases.readMoved('case-000001')).toEqual(moved);
    // transferred back: a case of this desk again
    cache.transaction(() => optimistic.applyServerCase({ ...moved, agencyId: 'housing', version: 5 }));
    expect(cache.cases.readMoved('case-000001')).toBeNull();
    expect(inbox()).toContain('case-000001');
  });

  it('predicts a bulk assignment round-robin in one pass, rebases it on the feed and settles it on the ack', async () => {
    const ids = [2, 3, 4, 5, 6].map((n) => makeCase(n, { status: 'new', assigneeId: null, version: 1 }));
    cache.transaction(() => {
      for (const c of ids) cache.cases.writeCase(c);
      cache.cases.reindexCases(ids.map((c) => c.id));
    });
    const caseIds = ids.map((c) => c.id);
    outbox.mutate('bulk.assign', { caseIds, assigneeIds: [SELF, OTHER] });
    expect(caseIds.map((id) => cache.cases.readCase(id)?.assigneeId)).toEqual([SELF, OTHER, SELF, OTHER, SELF]);
    expect(caseIds.every((id) => cache.cases.readBase(id)?.version === 1)).toBe(true);
    const ctx = { selfId: SELF, now: NOW };
    const mine = () => cache.views.page({ view: 'mine', filter: {}, after: null, limit: 100 }, ctx).rows.map((r) => r.id);
    expect(mine()).toEqual(expect.arrayContaining([caseIds[0], caseIds[2], caseIds[4]]));
    expect(mine()).not.toContain(caseIds[1]);
    // the feed brings the server's versions before the ack, as the server broadcasts first
    const served = ids.map((c, i) => ({ ...c, status: 'assigned' as const, assigneeId: i % 2 === 0 ? SELF : OTHER, version: 2, updatedAt: NOW + 5 }));
    const toIndex = new Set<string>();
    cache.transaction(() => {
      for (const c of served) optimistic.applyServerCase(c, toIndex);
      cache.cases.reindexCases(toIndex);
    });
    expect(toIndex).toEqual(new Set(caseIds));
    expect(caseIds.every((id) => cache.cases.readBase(id)?.version === 2)).toBe(true);
    connected = true;
    answer = (envelope) => ({ kind: 'applied', result: { mutationId: envelope.id, replayed: false, cases: [] } });
    outbox.flush();
    await flushed();
    expect(store.size()).toBe(0);
    // as the server has them (the cache masks the citizen's numbers, whatever arrives)
    const fields = (c: Case | null) => c && { id: c.id, assigneeId: c.assigneeId, status: c.status, version: c.version, updatedAt: c.updatedAt, acknowledgedAt: c.acknowledgedAt };
    expect(caseIds.map((id) => fields(cache.cases.readCase(id)))).toEqual(served.map(fields));
    expect(caseIds.every((id) => cache.cases.readBase(id) === undefined)).toBe(true);
    expect(mine()).toEqual(expect.arrayContaining([caseIds[0], caseIds[2], caseIds[4]]));
    expect(mine()).not.toContain(caseIds[3]);
  });

  it('keeps what waits in the outbox file as the desk saw it: sent, moved, removed, and read again on reopening', () => {
    const first = outbox.mutate('case.setPriority', { caseId: 'case-000001', priority: 'high' });
    const second = outbox.mutate('case.tag', { caseId: 'case-000001', add: ['x'] });
    store.markSent(first.mutationId);
    store.setSendAfter(second.mutationId, NOW + 99);
    expect(store.forCase('case-000001').map((m) => [m.id, m.sent, m.attempts])).toEqual([
      [first.mutationId, true, 1],
      [second.mutationId, false, 0],
    ]);
    const seen = store.list();
    store.close();
    store = openOutboxStore(join(dir.dir, 'outbox.sqlite'), TEST_KEY_HEX, silentLogger);
    expect(store.list()).toEqual(seen);
    expect(store.get(second.mutationId)?.sendAfter).toBe(NOW + 99);
    expect(store.remove(first.mutationId)).toBe(true);
    expect(store.forCase('case-000001').map((m) => m.id)).toEqual([second.mutationId]);
    expect(store.remove(second.mutationId)).toBe(true);
    expect(store.isPending('case-000001')).toBe(false);
  });

  it("shows the server's version of its own pending change as it is, keeps no base for it, and the ack leaves it so", async () => {
    outbox.mutate('case.assign', { caseId: 'case-000001', assigneeId: OTHER });
    expect(cache.cases.readBase('case-000001')?.version).toBe(3);
    const served = makeCase(1, { status: 'assigned', assigneeId: OTHER, acknowledgedAt: NOW, version: 4, updatedAt: NOW + 9 });
    cache.transaction(() => optimistic.applyServerCase(served));
    expect(store.isPending('case-000001')).toBe(true);
    expect(cache.cases.readBase('case-000001')).toBeUndefined();
    expect(cache.cases.readCase('case-000001')).toMatchObject({ assigneeId: OTHER, version: 4, updatedAt: NOW + 9 });
    // an older version arriving late changes nothing
    expect(cache.transaction(() => optimistic.applyServerCase({ ...served, version: 3, assigneeId: SELF })).applied).toBe(false);
    connected = true;
    answer = (envelope) => ({ kind: 'applied', result: { mutationId: envelope.id, replayed: false, cases: [] } });
    outbox.flush();
    await flushed();
    expect(store.size()).toBe(0);
    expect(cache.cases.readCase('case-000001')).toMatchObject({ assigneeId: OTHER, version: 4, updatedAt: NOW + 9 });
  });
});
