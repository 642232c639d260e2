// Failed-login throttling that slows a guesser without locking out the innocent. In memory, per
// node: behind N nodes an attacker gets N times the allowance, which scrypt still makes slow.
//
// - (user, address): the first few failures are free, then each one doubles the wait before
//   that pair may try again (a typo costs nothing, a guesser at one address slows at once);
// - user: past a ceiling of failures from anywhere, the wait grows the same way, capped, so
//   a user being guessed at is slowed, never locked out for good;
// - address: a ceiling high enough for a call centre of hundreds behind one NAT, so one
//   address spraying many usernames is stopped;
// - a user who signed in from an address recently is not held back there by the user and
//   address ceilings others' failures filled: only that pair's own backoff applies to them.
// Behind a proxy the address is the client's only when the server trusts the proxy
// (`trustProxy`, TAWASUL_TRUST_PROXY); otherwise every client is the proxy's one address.
export type LoginLimits = {
  /** how long a failure counts */
  windowMs: number;
  pairFreeFailures: number;
  pairBaseDelayMs: number;
  pairMaxDelayMs: number;
  userFreeFailures: number;
  userBaseDelayMs: number;
  userMaxDelayMs: number;
  /** failures from one address (all usernames) in the window before it is refused */
  addressCeiling: number;
  /** how long a successful login exempts its (user, address) from the user and address ceilings */
  trustedForMs: number;
};

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60_000,
  pairFreeFailures: 3,
  pairBaseDelayMs: 1_000,
  pairMaxDelayMs: 5 * 60_000,
  userFreeFailures: 10,
  userBaseDelayMs: 2_000,
  userMaxDelayMs: 5 * 60_000,
  addressCeiling: 2_000,
  trustedForMs: 12 * 60 * 60_000,
};

export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: 'pair' | 'user' | 'address' };

export type LoginLimiter = {
  /** whether this attempt may be checked now, before the password is */
  check(username: string, address: string, now: number): LoginVerdict;
  recordFailure(username: string, address: string, now: number): void;
  recordSuccess(username: string, address: string, now: number): void;
};

/** Above this many keys, expired ones are dropped on the next failure (the memory stays bounded by the window). */
const PRUNE_ABOVE = 50_000;

function growingDelay(failures: number, free: number, base: number, max: number): number {
  if (failures < free) return 0;
  return Math.min(max, base * 2 ** Math.min(30, failures - free));
}

export function createLoginLimiter(overrides: Partial<LoginLimits> = {}): LoginLimiter {
  const limits: LoginLimits = { ...DEFAULT_LOGIN_LIMITS, ...overrides };
  const failures = new Map<string, number[]>();
  const trusted = new Map<string, number>();

  function recent(key: string, now: number): number[] {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < limits.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  }

  function waitOf(list: number[], free: number, base: number, max: number, now: number): number {
    const last = list[list.length - 1];
    if (last === undefined) return 0;
    return Math.max(0, last + growingDelay(list.length, free, base, max) - now);
  }

  function prune(now: number): void {
    if (failures.size + trusted.size < PRUNE_ABOVE) return;
    for (const key of [...failures.keys()]) recent(key, now);
    for (const [key, until] of trusted) if (until <= now) trusted.delete(key);
  }

  const keys = (username: string, address: string) => {
    const user = username.trim().toLowerCase();
    return { pair: `p:${user}\n${address}`, user: `u:${user}`, address: `a:${address}` };
  };

  return {
    check(username, address, now) {
      const k = keys(username, address);
      const pairWait = waitOf(recent(k.pair, now), limits.pairFreeFailures, limits.pairBaseDelayMs, limits.pairMaxDelayMs, now);
      if (pairWait > 0) return { allowed: false, retryAfterMs: pairWait, reason: 'pair' };
      if ((trusted.get(k.pair) ?? 0) > now) return { allowed: true };
      const userWait = waitOf(recent(k.user, now), limits.userFreeFailures, limits.userBaseDelayMs, limits.userMaxDelayMs, now);
      if (userWait > 0) return { allowed: false, retryAfterMs: userWait, reason: 'user' };
      const fromAddress = recent(k.address, now);
      if (fromAddress.length >= limits.addressCeiling) {
        const oldest = fromAddress[0] ?? now;
        return { allowed: false, retryAfterMs: Math.max(1, oldest + limits.windowMs - now), reason: 'address' };
      }
      return { allowed: true };
    },
    recordFailure(username, address, now) {
      prune(now);
      const k = keys(username, address);
      for (const key of [k.pair, k.user, k.address]) {
        const list = recent(key, now);
        list.push(now);
        failures.set(key, list);
      }
    },
    recordSuccess(username, address, now) {
      const k = keys(username, address);
      failures.delete(k.pair);
      trusted.set(k.pair, now + limits.trustedForMs);
    },
  };
}
