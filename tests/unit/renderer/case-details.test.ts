import { describe, expect, it } from 'vitest';
import { CaseDetailCache } from '../../../renderer/src/state/case-details';
import type { CaseDetail } from '../../../renderer/src/state/case-details';

function detail(caseId: string, version = 1): CaseDetail {
  // only what the cache reads; the rest of a case does not matter to it
  return { case: { id: caseId, version }, messages: [], pending: [], viewers: [] } as unknown as CaseDetail;
}

/** A core whose answers the test releases one by one, in any order. */
function controlledCore() {
  const asked: string[] = [];
  const waiting = new Map<string, ((d: CaseDetail | null) => void)[]>();
  const fetch = (caseId: string) => {
    asked.push(caseId);
    return new Promise<CaseDetail | null>((resolve) => waiting.set(caseId, [...(waiting.get(caseId) ?? []), resolve]));
  };
  const answer = async (caseId: string, value: CaseDetail | null) => {
    const resolve = waiting.get(caseId)?.shift();
    if (resolve === undefined) throw new Error(`nothing asked for ${caseId}`);
    resolve(value);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { asked, fetch, answer };
}

describe('case detail cache', () => {
  it('asks once for a case however often it is wanted while the answer is on its way', async () => {
    const core = controlledCore();
    const cache = new CaseDetailCache(core.fetch);
    cache.prefetch(['a', 'b']);
    const wanted = cache.get('a');
    cache.prefetch(['a']);
    expect(core.asked).toEqual(['a', 'b']);
    await core.answer('a', detail('a'));
    expect((await wanted)?.case.id).toBe('a');
    expect(cache.peek('a')?.case.id).toBe('a');
    await cache.get('a');
    expect(core.asked).toEqual(['a', 'b']);
  });

  it('keeps at most its limit, dropping the least recently used', async () => {
    const core = controlledCore();
    const cache = new CaseDetailCache(core.fetch, 3);
    for (const id of ['a', 'b', 'c']) {
      cache.prefetch([id]);
      await core.answer(id, detail(id));
    }
    cache.peek('a'); // used again: b is now the oldest
    cache.prefetch(['d']);
    await core.answer('d', detail('d'));
    expect(cache.size).toBe(3);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBeDefined();
    expect(cache.peek('d')).toBeDefined();
  });

  it('does not keep an answer asked for before the case changed, and asks again', async () => {
    const core = controlledCore();
    const cache = new CaseDetailCache(core.fetch);
    cache.prefetch(['a']);
    cache.invalidate(['a']); // the case changed while the old copy was on its way
    await core.answer('a', detail('a', 1));
    expect(cache.peek('a')).toBeUndefined();
    const fresh = cache.get('a');
    expect(core.asked).toEqual(['a', 'a']);
    await core.answer('a', detail('a', 2));
    expect((await fresh)?.case.version).toBe(2);
    expect(cache.peek('a')?.case.version).toBe(2);
  });

  it('drops the changed cases only, or everything on a change to all', async () => {
    const core = controlledCore();
    const cache = new CaseDetailCache(core.fetch);
    for (const id of ['a', 'b']) {
      cache.prefetch([id]);
      await core.answer(id, detail(id));
    }
    cache.invalidate(['a']);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('b')).toBeDefined();
    cache.invalidate('all');
    expect(cache.size).toBe(0);
  });

  it('forgets a case the core no longer has, and survives a failed request', async () => {
    let fail = true;
    const cache = new CaseDetailCache((caseId) => (fail ? Promise.reject(new Error('offline')) : Promise.resolve(caseId === 'gone' ? null : detail(caseId))));
    await expect(cache.get('a')).rejects.toThrow('offline');
    fail = false;
    expect((await cache.get('a'))?.case.id).toBe('a');
    expect(await cache.get('gone')).toBeNull();
    expect(cache.peek('gone')).toBeUndefined();
  });

  it('keeps the viewers of a cached case current from presence pushes', async () => {
    const cache = new CaseDetailCache((caseId) => Promise.resolve(detail(caseId)));
    await cache.get('a');
    cache.updateViewers('a', [{ staffId: 's2', displayName: 'Sara', state: 'replying' }]);
    expect(cache.peek('a')?.viewers.map((v) => v.staffId)).toEqual(['s2']);
  });
});
