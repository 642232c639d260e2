import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
import { MAX_UNASSIGN_COMPENSATIONS } from '../../../main/core/outbox/undo-rules';
import type { ErrorCode } from '../../../shared/errors';
import type { Case } from '../../../shared/domain';
import type { MutationEnvelope } from '../../../shared/mutations';
import { OTHER, SELF, makeCase, tempDir, TEST_KEY_HEX } from './fixtures';

// Every way `outbox.undo` can say no, each with its code (what the renderer words) and the
// details the message names. The server is a scripted transport that applies what it is sent,
// answering with the case as the desk predicted it; tests/integration/core/undo.test.ts does
// the same against the real server for the common refusals.
const WINDOW_MS = 10_000;
let dir: ReturnType<typeof tempDir>;
let cache: Cache;
let store: OutboxStore;
let optimistic: OptimisticState;
let outbox: Outbox;
let answer: (envelope: MutationEnvelope) => Promise<SendOutcome>;
const seen = new Set<ErrorCode>();
/** every code of shared/errors.ts that `outbox.undo` answers with */
const UNDO_CODES: ErrorCode[] = [
  'in_flight', 'not_reversible', 'gone', 'window_passed', 'before_unknown',
  'case_left', 'changed_since', 'too_many_unassigned',
];

const caseIds = (envelope: MutationEnvelope): string[] => {
  const args = envelope.args as { caseId?: string; caseIds?: string[] };
  return args.caseIds ?? (args.caseId === undefined ? [] : [args.caseId]);
};

const applyAsPredicted = (envelope: MutationEnvelope): Promise<SendOutcome> => {
  const cases = caseIds(envelope).map((id) => cache.cases.readCase(id)).filter((c): c is Case => c !== null);
  return Promise.resolve({ kind: 'applied', result: { mutationId: envelope.id, replayed: false, cases } });
};

function seed(cases: Case[]): void {
  cache.transaction(() => {
    for (const c of cases) {
      cache.cases.writeCase(c);
      cache.cases.reindex(c.id);
    }
  });
}

const settled = () => new Promise((r) => setTimeout(r, 20));

/** the refusal of an undo of `mutationId`, which must be one */
function refusal(mutationId: string) {
  const result = outbox.undo(mutationId);
  if (result.undone) throw new Error(`${mutationId} was undone`);
  seen.add(result.code);
  expect(result.reason.length).toBeGreaterThan(0);
  return result;
}

beforeEach(() => {
  dir = tempDir('desk-undo-refusals-');
  store = openOutboxStore(join(dir.dir, 'outbox.sqlite'), TEST_KEY_HEX, silentLogger);
  cache = openCache({ keyHex: TEST_KEY_HEX, file: join(dir.dir, 'cache.sqlite'), logger: silentLogger, isPending: (id) => store.isPending(id) });
  optimistic = createOptimisticState(cache, store, (m) => ({ actorId: m.actorId, now: m.createdAt, templates: [], agencies: [], staff: [], slaPolicies: [] }));
  answer = applyAsPredicted;
  outbox = createOutbox({
    cache,
    store,
    optimistic,
    transport: { isConnected: () => true, send: (envelope) => answer(envelope) },
    actorId: SELF,
    holdMs: 0,
    undoWindowMs: WINDOW_MS,
    predictContext: (actorId, now) => ({ actorId, now, templates: [], agencies: [], staff: [], slaPolicies: [] }),
    casesChanged: () => undefined,
    seesAgency: () => true,
    applied: () => undefined,
    rejected: () => undefined,
    sizeChanged: () => undefined,
    logger: silentLogger,
  });
  seed([makeCase(1, { status: 'assigned', assigneeId: SELF, version: 3 })]);
});

afterEach(() => {
  vi.useRealTimers();
  outbox.close();
  cache.close();
  store.close();
  dir.remove();
});

describe('an undo refused says why, with a code', () => {
  it('in_flight: sent, and the server has not answered yet', async () => {
    answer = () => new Promise<SendOutcome>(() => undefined);
    const { mutationId } = outbox.mutate('case.reply', { caseId: 'case-000001', body: 'on its way' });
    expect(outbox.sendNow(mutationId)).toBe(true);
    await settled();
    const refused = refusal(mutationId);
    expect(refused.code).toBe('in_flight');
    expect(refused.reason).toMatch(/not answered yet/);
    expect(store.size()).toBe(1);
  });

  it('not_reversible: a reply the server has taken', async () => {
    const { mutationId } = outbox.mutate('case.reply', { caseId: 'case-000001', body: 'to the citizen' });
    outbox.sendNow(mutationId);
    await settled();
    expect(store.size()).toBe(0);
    const refused = refusal(mutationId);
    expect(refused.code).toBe('not_reversible');
    expect(refused.reason).toMatch(/once it is sent/);
  });

  it('gone: unknown to this desk, or already undone', async () => {
    expect(refusal('01JUNKNOWN000000000000000').code).toBe('gone');
    const { mutationId } = outbox.mutate('case.setPriority', { caseId: 'case-000001', priority: 'urgent' });
    await settled();
    expect(outbox.undo(mutationId)).toEqual({ undone: true, how: 'compensated' });
    expect(refusal(mutationId).code).toBe('gone');
  });

  it('window_passed: with the window in seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { mutationId } = outbox.mutate('case.setPriority', { caseId: 'case-000001', priority: 'urgent' });
    await settled();
    vi.setSystemTime(Date.now() + WINDOW_MS + 1);
    expect(refusal(mutationId)).toMatchObject({ code: 'window_passed', params: { seconds: '10' } });
  });

  it('before_unknown: a bulk action on a case this desk had not cached', async () => {
    const { mutationId } = outbox.mutate('bulk.assign', { caseIds: ['case-000001', 'case-000099'], assigneeIds: [OTHER] });
    await settled();
    expect(refusal(mutationId).code).toBe('before_unknown');
  });

  it('case_left: the case has left this desk since', async () => {
    const { mutationId } = outbox.mutate('case.setPriority', { caseId: 'case-000001', priority: 'urgent' });
    await settled();
    cache.transaction(() => cache.cases.deleteCase('case-000001'));
    expect(refusal(mutationId).code).toBe('case_left');
  });

  it('changed_since: with the reference of the case someone else changed', async () => {
    const { mutationId } = outbox.mutate('case.setPriority', { caseId: 'case-000001', priority: 'urgent' });
    await settled();
    const theirs = makeCase(1, { status: 'assigned', assigneeId: SELF, priority: 'urgent', tags: ['theirs'], version: 5 });
    cache.transaction(() => optimistic.applyServerCase(theirs));
    expect(refusal(mutationId)).toMatchObject({ code: 'changed_since', params: { ref: theirs.ref } });
  });

  it('too_many_unassigned: with how many, and the most that can be', async () => {
    const many = Array.from({ length: MAX_UNASSIGN_COMPENSATIONS + 1 }, (_, i) => makeCase(1000 + i, { status: 'new', assigneeId: null }));
    seed(many);
    const { mutationId } = outbox.mutate('bulk.assign', { caseIds: many.map((c) => c.id), assigneeIds: [OTHER] });
    await settled();
    expect(refusal(mutationId)).toMatchObject({
      code: 'too_many_unassigned',
      params: { n: String(MAX_UNASSIGN_COMPENSATIONS + 1), max: String(MAX_UNASSIGN_COMPENSATIONS) },
    });
  });
});

afterAll(() => {
  // every code the contract names is one the core really gives (and was checked above)
  expect([...seen].sort()).toEqual([...UNDO_CODES].sort());
});
