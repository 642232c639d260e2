// The threads a bootstrap page carries, on both back ends: read straight into the wire shape,
// each message is exactly the one written (meta parsed, no table column left over), in thread
// order (case, time, id), across more cases than one IN list holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { messageSchema } from '../../../shared/domain';
import { insertMessages, messagesOfCases } from '../../../server/store/cases';
import { openStore } from '../../../server/store/db';
import type { Store } from '../../../server/store/db';
import { insertFixtureCases, makeCase } from './case-fixture';
import { BACKENDS } from './harness';

describe.each(BACKENDS)('bootstrap threads on $name', (backend) => {
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

  it('returns every message of the cases asked for, as written and in thread order', async () => {
    const cases = Array.from({ length: 1_203 }, () => makeCase('housing'));
    await insertFixtureCases(store, cases);
    const written: Message[] = cases.flatMap((c, i) => {
      const at = 1_800_000_000_000 + i;
      // written newest first, with two at the same time, so only the ORDER BY can put them right
      return [
        { id: `${c.id}-m3`, caseId: c.id, author: 'stf-housing.agent1', kind: 'reply', body: 'تم إصلاح الإنارة', meta: { template: 'T-01', channel: 'sms' }, createdAt: at + 10 },
        { id: `${c.id}-m2`, caseId: c.id, author: 'stf-housing.agent1', kind: 'note', body: 'called the citizen', meta: null, createdAt: at + 5 },
        { id: `${c.id}-m1`, caseId: c.id, author: 'citizen', kind: 'citizen', body: 'Still dark', meta: null, createdAt: at + 5 },
      ] satisfies Message[];
    });
    await store.transaction((tx) => insertMessages(tx, written));
    const other = makeCase('housing');
    await insertFixtureCases(store, [other]);
    await store.transaction((tx) => insertMessages(tx, [{ id: `${other.id}-m1`, caseId: other.id, author: 'citizen', kind: 'citizen', body: 'not asked for', meta: null, createdAt: 1 }]));

    const read = await messagesOfCases(store.db, cases.map((c) => c.id));

    const expected = [...written].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)));
    expect(read).toEqual(expected);
    for (const m of read) expect(Object.keys(m).sort()).toEqual(Object.keys(messageSchema.shape).sort());
    expect(read.filter((m) => m.meta !== null).every((m) => m.meta?.template === 'T-01')).toBe(true);
  });
});
