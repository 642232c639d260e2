import { describe, expect, it } from 'vitest';
import { createTokenBucket, MAX_PACING_MS } from '../../../server/sockets/rate-limit';

describe("a socket's request pacing", () => {
  it('serves the burst at once, then spaces further requests by the rate instead of refusing them', () => {
    const bucket = createTokenBucket(5, 3);
    const now = Date.now();
    expect([0, 1, 2].map(() => bucket.reserve(now, MAX_PACING_MS))).toEqual([0, 0, 0]);
    // 5 per second: the next ones are due 200, 400, 600 ms from now
    expect([0, 1, 2].map(() => bucket.reserve(now, MAX_PACING_MS))).toEqual([200, 400, 600]);
    // time passing pays the debt off
    expect(bucket.reserve(now + 1_000, MAX_PACING_MS)).toBe(0);
  });

  it('refuses a client so far ahead it would wait longer than the bound, and takes no token for it', () => {
    const bucket = createTokenBucket(1, 1);
    const now = Date.now();
    expect(bucket.reserve(now, 2_000)).toBe(0);
    expect(bucket.reserve(now, 2_000)).toBe(1_000);
    expect(bucket.reserve(now, 2_000)).toBe(2_000);
    expect(bucket.reserve(now, 2_000)).toBeNull();
    expect(bucket.reserve(now, 2_000)).toBeNull();
    // the refused ones reserved nothing: three seconds on, one token is free again
    expect(bucket.reserve(now + 3_000, 2_000)).toBe(0);
  });
});
