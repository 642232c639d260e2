// Hand-made cases written straight into the store, for tests and benchmarks that need exact
// due times or many cases at once (the intake API numbers and times cases itself).
import type { Case } from '../../../shared/domain';
import { formatCaseRef } from '../../../shared/domain';
import { insertCases } from '../../../server/store/cases';
import { makeCase as makeSharedCase } from '../../unit/shared/case-fixture';
import type { Store } from '../../../server/store/db';

let counter = 0;

/** A valid case of `agencyId`; every field can be overridden. Refs use year 2001 so they never meet the server's own numbering. */
export function makeCase(agencyId: string, overrides: Partial<Case> = {}): Case {
  counter += 1;
  const at = overrides.createdAt ?? Date.UTC(2025, 0, 1);
  // The shared fixture holds the lifecycle defaults (a new, unassigned, unanswered case);
  // these are what server tests need on top: unique ids and refs, and due times from `at`.
  return makeSharedCase({
    id: `fx-${process.pid}-${String(counter).padStart(7, '0')}`,
    ref: formatCaseRef(2001, counter + (process.pid % 1000) * 100_000),
    agencyId,
    category: 'general',
    channel: 'web',
    citizen: { name: 'Maryam Al-Khalifa', cpr: '880512345', phone: '+97333123456', language: 'en' },
    subject: 'Street light out',
    body: 'The street light has been out for a week.',
    createdAt: at,
    updatedAt: at,
    firstResponseDueAt: at + 5 * 86_400_000,
    resolutionDueAt: at + 20 * 86_400_000,
    ...overrides,
  });
}

export async function insertFixtureCases(store: Store, cases: readonly Case[]): Promise<void> {
  await store.transaction(async (tx) => {
    await insertCases(tx, cases);
  });
}
