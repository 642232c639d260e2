import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../../main/core/sync/backoff';

describe('reconnect backoff', () => {
  it('draws from [0, min(cap, base·2^attempt)] (full jitter)', () => {
    const o = { baseMs: 500, capMs: 30_000 };
    expect(fullJitterDelay(0, o, () => 0)).toBe(0);
    expect(fullJitterDelay(0, o, () => 0.999)).toBe(499);
    expect(fullJitterDelay(3, o, () => 0.5)).toBe(2_000);
    expect(fullJitterDelay(20, o, () => 0.999)).toBe(29_970);
    expect(fullJitterDelay(1_000, o, () => 0.5)).toBe(15_000);
  });
});
