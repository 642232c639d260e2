// A million housing cases for one agent's cache, made by the server's own demo generator (the
// same topics, names, statuses by age and thread shapes as the seeded server), so the inbox
// the benchmark walks looks like the one agents work in.
import { formatCaseRef } from '../../../shared/domain';
import type { Case, Message, SlaPolicy } from '../../../shared/domain';
import type { ReferenceData } from '../../../shared/protocol';
import { loadSeedAgencies } from '../../../server/seed/agencies';
import { generateCases, policyKey } from '../../../server/seed/cases';
import { createRandom } from '../../../server/seed/prng';

export type SyntheticBatch = { cases: Case[]; messages: Message[] };

/** Threads are kept for recent cases and a share of older ones: a cache trimmed as agents use it. */
const THREAD_RECENT_DAYS = 45;
const THREAD_OLDER_SHARE = 0.1;
/** Reference numbers far above anything the seeded server hands out, so none collides. */
const REF_OFFSET = 50_000_000;

export function* syntheticHousingCases(reference: ReferenceData, total: number, now: number, batchSize = 10_000): Generator<SyntheticBatch> {
  const agencyId = 'housing';
  const housing = loadSeedAgencies().filter((a) => a.id === agencyId);
  if (housing.length === 0) throw new Error('resources/agencies.json has no housing agency');
  const agents = reference.staff.filter((s) => s.agencyId === agencyId && s.role === 'agent').map((s) => s.id);
  const supervisor = reference.staff.find((s) => s.agencyId === agencyId && s.role === 'supervisor')?.id ?? 'system';
  const policies = new Map<string, SlaPolicy>(reference.slaPolicies.map((p) => [policyKey(p.agencyId, p.kind), p]));
  const random = createRandom(1_000_003);
  const keepThreads = createRandom(7);
  let n = 0;
  for (const batch of generateCases({
    agencies: housing,
    agentsByAgency: new Map([[agencyId, agents]]),
    supervisorByAgency: new Map([[agencyId, supervisor]]),
    policies,
    total,
    now,
    random,
    batchSize,
  })) {
    const threaded = new Set<string>();
    for (const c of batch.cases) {
      n += 1;
      c.ref = formatCaseRef(Number(c.ref.slice(3, 7)), REF_OFFSET + n);
      if (now - c.updatedAt < THREAD_RECENT_DAYS * 86_400_000 || keepThreads.chance(THREAD_OLDER_SHARE)) threaded.add(c.id);
    }
    yield { cases: batch.cases, messages: batch.messages.filter((m) => threaded.has(m.caseId)) };
  }
}
