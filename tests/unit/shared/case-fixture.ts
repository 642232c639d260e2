import type { Case } from '../../../shared/domain';

export const T0 = Date.UTC(2026, 10, 1, 6, 0); // Sunday 09:00 in Bahrain

export function makeCase(overrides: Partial<Case> = {}): Case {
  return {
    id: 'case-1',
    ref: 'TW-2026-00000001',
    kind: 'complaint',
    agencyId: 'housing',
    category: 'maintenance',
    channel: 'app',
    citizen: { name: 'Fatima Ali', cpr: '880101234', phone: '+97333001122', language: 'ar' },
    subject: 'Leaking roof in the housing unit',
    body: 'The roof leaks since the rain.',
    language: 'en',
    status: 'new',
    priority: 'normal',
    assigneeId: null,
    createdAt: T0,
    updatedAt: T0,
    acknowledgedAt: null,
    firstResponseDueAt: T0 + 86_400_000,
    resolutionDueAt: T0 + 10 * 86_400_000,
    firstRespondedAt: null,
    answeredAt: null,
    closedAt: null,
    reopenCount: 0,
    rating: null,
    outcome: null,
    tags: [],
    escalated: false,
    transferredFrom: null,
    massGroupId: null,
    version: 1,
    ...overrides,
  };
}
