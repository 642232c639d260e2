// Exponential backoff with full jitter (AWS architecture blog): the delay is uniform in
// [0, min(cap, base·2^attempt)], so a thousand desks cut off by one server restart spread
// their reconnects instead of arriving together.
export type BackoffOptions = { baseMs: number; capMs: number };

export function fullJitterDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(o.capMs, o.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
