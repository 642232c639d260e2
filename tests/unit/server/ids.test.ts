// Row ids: valid ULIDs, strictly increasing however many are made in one millisecond, and a
// random part that varies (drawn from pooled crypto bytes).
import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { nextId, pooledRandom } from '../../../server/ids';

describe('row ids', () => {
  it('are valid ULIDs of the given instant, strictly increasing within a millisecond', () => {
    const at = Date.UTC(2026, 0, 4, 9, 30);
    const ids = Array.from({ length: 10_000 }, () => nextId(at));
    for (const id of ids) expect(isValid(id)).toBe(true);
    expect(decodeTime(ids[0] ?? '')).toBe(at);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draw their random part uniformly from [0, 1) across pool refills', () => {
    const draws = Array.from({ length: 20_000 }, pooledRandom);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    const at = Date.UTC(2026, 0, 4, 9, 31);
    expect(nextId(at).slice(10)).not.toBe(nextId(at + 1).slice(10));
  });
});
