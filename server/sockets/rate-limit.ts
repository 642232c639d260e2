// A token bucket per socket: a desk's normal traffic (a burst at bootstrap, then a few events
// a second) passes; a client in a loop is answered with `rate_limited` instead of served.
export type TokenBucket = { take(now: number): boolean };

export function createTokenBucket(perSecond: number, burst: number): TokenBucket {
  let tokens = burst;
  let last = Date.now();
  return {
    take(now) {
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
