// Failed-login throttling, per username and per client address, in memory. Each node keeps
// its own counts; behind N nodes an attacker gets at most N times the allowance, which the
// scrypt cost still makes slow.
export type LoginLimits = { perUser: number; perAddress: number; windowMs: number };

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 10, perAddress: 100, windowMs: 5 * 60 * 1000 };

export type LoginLimiter = {
  /** true when this username or address has failed too often recently */
  blocked(username: string, address: string, now: number): boolean;
  recordFailure(username: string, address: string, now: number): void;
  recordSuccess(username: string): void;
};

export function createLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS): LoginLimiter {
  const failures = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < limits.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  }

  return {
    blocked(username, address, now) {
      return (
        recent(`u:${username.toLowerCase()}`, now).length >= limits.perUser ||
        recent(`a:${address}`, now).length >= limits.perAddress
      );
    },
    recordFailure(username, address, now) {
      for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) {
        const list = recent(key, now);
        list.push(now);
        failures.set(key, list);
      }
    },
    recordSuccess(username) {
      failures.delete(`u:${username.toLowerCase()}`);
    },
  };
}
