// Synthetic cases for cache tests: deterministic, varied enough to exercise every view.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Case, CaseStatus } from '../../../shared/domain';
import { formatCaseRef } from '../../../shared/domain';

export const SELF = 'staff-self';
export const OTHER = 'staff-other';
export const NOW = Date.UTC(2026, 2, 10, 9, 0, 0);
const HOUR = 3_600_000;

const STATUSES: CaseStatus[] = ['new', 'assigned', 'in_progress', 'awaiting_citizen', 'answered', 'closed', 'reopened'];

export function makeCase(n: number, overrides: Partial<Case> = {}): Case {
  const status = STATUSES[n % STATUSES.length];
  const assignee = status === 'new' ? null : n % 3 === 0 ? SELF : OTHER;
  return {
    id: `case-${String(n).padStart(6, '0')}`,
    ref: formatCaseRef(2026, n + 1),
    kind: n % 5 === 0 ? 'suggestion' : 'complaint',
    agencyId: n % 2 === 0 ? 'housing' : 'health',
    category: 'general',
    channel: 'app',
    citizen: { name: `Citizen ${n}`, cpr: String(800000000 + n), phone: `+9733${String(n).padStart(7, '0')}`, language: 'ar' },
    subject: `Subject ${n}`,
    body: `Body of case ${n}`,
    language: 'en',
    status,
    priority: n % 7 === 0 ? 'urgent' : 'normal',
    assigneeId: assignee,
    // several cases share an updatedAt so keyset ties on id are exercised
    createdAt: NOW - 30 * 24 * HOUR + n,
    updatedAt: NOW - Math.floor(n / 3) * 60_000,
    acknowledgedAt: null,
    firstResponseDueAt: NOW + 24 * HOUR,
    resolutionDueAt: n % 4 === 0 ? NOW - HOUR : n % 4 === 1 ? NOW + HOUR : NOW + 5 * 24 * HOUR,
    firstRespondedAt: null,
    answeredAt: null,
    closedAt: null,
    reopenCount: status === 'reopened' ? 1 : 0,
    rating: null,
    outcome: null,
    tags: n % 10 === 0 ? ['vip'] : [],
    escalated: n % 11 === 0,
    transferredFrom: null,
    massGroupId: null,
    version: 1,
    ...overrides,
  };
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fixed device key and cache key for tests that open desk files directly. */
export const TEST_DEVICE_KEY = Buffer.alloc(32, 0x5a);
export const TEST_KEY_HEX = '7e'.repeat(32);
