// An agent's load as a percentage of capacity, unbounded above: 160 open of 40 is 400%.
export function loadPercent(open: number, capacity: number): number {
  if (capacity === 0) return open === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.round((100 * open) / capacity);
}
