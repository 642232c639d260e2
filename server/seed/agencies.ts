// The 51 agencies (resources/agencies.json) with their 2022 request volumes, and how a
// demo of N cases shares them out.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { agencySchema } from '../../shared/domain';

const agencyFileSchema = z.array(agencySchema.omit({ active: true }).extend({ volume2022: z.number().int().positive() })).length(51);
export type SeedAgency = z.infer<typeof agencyFileSchema>[number];

export function loadSeedAgencies(): SeedAgency[] {
  const file = new URL('../../resources/agencies.json', import.meta.url);
  return agencyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * How many of `total` cases each agency gets: proportional to its 2022 volume (largest
 * remainder), but at least one each when there are enough cases to go round, so a small
 * test seed still exercises every agency.
 */
export function shareCases(agencies: readonly SeedAgency[], total: number): Map<string, number> {
  const volume = agencies.reduce((sum, a) => sum + a.volume2022, 0);
  const floor = total >= agencies.length ? 1 : 0;
  const spare = total - floor * agencies.length;
  const exact = agencies.map((a) => ({ id: a.id, value: (a.volume2022 / volume) * spare }));
  const shares = new Map(exact.map((e) => [e.id, floor + Math.floor(e.value)]));
  let left = total - [...shares.values()].reduce((s, n) => s + n, 0);
  const byRemainder = [...exact].sort((x, y) => y.value - Math.floor(y.value) - (x.value - Math.floor(x.value)));
  for (const e of byRemainder) {
    if (left <= 0) break;
    shares.set(e.id, (shares.get(e.id) ?? 0) + 1);
    left--;
  }
  return shares;
}
