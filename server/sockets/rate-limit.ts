// A token bucket per socket. A desk's normal traffic (a burst at bootstrap, then a few events
// a second) is paced, not refused: a request beyond the burst waits for its token, so a
// call-centre bootstrap under a tight limit is slower but complete. Only a client that has
// run so far ahead that it would wait longer than MAX_PACING_MS (a client in a loop) is
// answered with `rate_limited`; its refused requests take no token.
export const MAX_PACING_MS = 10_000;

export type TokenBucket = {
  /** takes a token now: true, or false if none is left (nothing taken) */
  take(now: number): boolean;
  /**
   * reserves the next token: how many ms until it is due (0: now), or null (nothing reserved)
   * when that would be longer than `maxWaitMs`
   */
  reserve(now: number, maxWaitMs: number): number | null;
};

export function createTokenBucket(perSecond: number, burst: number): TokenBucket {
  // tokens may go below zero: each reservation made ahead of time is a debt paid by the refill
  let tokens = burst;
  let last = Date.now();
  const refill = (now: number) => {
    tokens = Math.min(burst, tokens + (Math.max(0, now - last) / 1000) * perSecond);
    last = Math.max(last, now);
  };
  return {
    take(now) {
      refill(now);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    reserve(now, maxWaitMs) {
      refill(now);
      const wait = tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / perSecond) * 1000);
      if (wait > maxWaitMs) return null;
      tokens -= 1;
      return wait;
    },
  };
}
