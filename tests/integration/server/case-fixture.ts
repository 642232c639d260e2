// Hand-made cases written straight into the store, for tests and benchmarks that need exact
// due times or many cases at once (the intake API numbers and times cases itself).
import type { Case } from '../../../shared/domain';
import { formatCaseRef } from '../../../shared/domain';
import { insertCases } from '../../../server/store/cases';
import type { Store } from '../../../server/store/db';

let counter = 0;

/** A valid case of `agencyId`; every field can be overridden. Refs use year 2001 so they never meet the server's own numbering. */
export function makeCase(agencyId: string, overrides: Partial<Case> = {}): Case {
  counter += 1;
  const at = overrides.createdAt ?? Date.UTC(2025, 0, 1);
  return {
    id: `fx-${process.pid}-${String(counter).padStart(7, '0')}`,
    ref: formatCaseRef(2001, counter + (process.pid % 1000) * 100_000),
    kind: 'complaint',
    agencyId,
    category: 'general',
    channel: 'web',
    citizen: { name: 'Maryam Al-Khalifa', cpr: '880512345', phone: '+97333123456', language: 'en' },
    subject: 'Street light out',
    body: 'The street light has been out for a week.',
    language: 'en',
    status: 'new',
    priority: 'normal',
    assigneeId: null,
    createdAt: at,
    updatedAt: at,
    acknowledgedAt: null,
    firstResponseDueAt: at + 5 * 86_400_000,
    resolutionDueAt: at + 20 * 86_400_000,
    firstRespondedAt: null,
    answeredAt: null,
    closedAt: null,
    reopenCount: 0,
    rating: null,
    outcome: null,
    tags: [],
    escalated: false,
    transferredFrom: null,
    version: 1,
    ...overrides,
  };
}

export async function insertFixtureCases(store: Store, cases: readonly Case[]): Promise<void> {
  await store.transaction(async (tx) => {
    await insertCases(tx, cases);
  });
}
