// The demo generator reproduces the 2022 figures at full scale and keeps every agency in a
// small test seed; the same seed gives the same data.
import { describe, expect, it } from 'vitest';
import { caseSchema, CASE_REF_PATTERN, messageSchema } from '../../../shared/domain';
import { loadSeedAgencies, shareCases } from '../../../server/seed/agencies';
import { generateCases, policyKey } from '../../../server/seed/cases';
import type { CaseBatch } from '../../../server/seed/cases';
import { createRandom } from '../../../server/seed/prng';
import { seedSlaPolicies, seedStaff, seedTemplates } from '../../../server/seed/reference';

const agencies = loadSeedAgencies();
const NOW = Date.UTC(2026, 5, 15, 9, 0, 0);

function generate(total: number, seed = 7): CaseBatch[] {
  const random = createRandom(seed);
  const staff = seedStaff(agencies, random);
  const policies = seedSlaPolicies(agencies, random);
  const agentsByAgency = new Map<string, string[]>();
  const supervisorByAgency = new Map<string, string>();
  for (const s of staff) {
    if (s.agencyId === null) continue;
    if (s.role === 'agent') agentsByAgency.set(s.agencyId, [...(agentsByAgency.get(s.agencyId) ?? []), s.id]);
    else supervisorByAgency.set(s.agencyId, s.id);
  }
  return [
    ...generateCases({
      agencies,
      agentsByAgency,
      supervisorByAgency,
      policies: new Map(policies.map((p) => [policyKey(p.agencyId, p.kind), p])),
      total,
      now: NOW,
      random,
      batchSize: 1_000,
    }),
  ];
}

describe('demo agencies', () => {
  it('are 51 with distinct slugs and bilingual names', () => {
    expect(agencies).toHaveLength(51);
    expect(new Set(agencies.map((a) => a.id)).size).toBe(51);
    for (const id of ['housing', 'iga', 'npra', 'labour', 'education', 'health', 'works', 'ewa', 'sio', 'traffic']) {
      expect(agencies.map((a) => a.id)).toContain(id);
    }
    expect(agencies.every((a) => /[\u0600-\u06FF]/.test(a.nameAr) && /[A-Za-z]/.test(a.nameEn))).toBe(true);
  });

  it('share 155,000 cases like 2022: three above 10,000, seven more above 5,000, the rest below', () => {
    const shares = shareCases(agencies, 155_000);
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(155_000);
    const above10k = [...shares].filter(([, n]) => n > 10_000).map(([id]) => id).sort();
    expect(above10k).toEqual(['housing', 'iga', 'npra']);
    const above5k = [...shares].filter(([, n]) => n > 5_000 && n <= 10_000).map(([id]) => id).sort();
    expect(above5k).toEqual(['education', 'ewa', 'health', 'labour', 'sio', 'traffic', 'works']);
  });

  it('give every agency at least one of 300 cases, and housing the most', () => {
    const shares = shareCases(agencies, 300);
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(300);
    expect(Math.min(...shares.values())).toBeGreaterThanOrEqual(1);
    expect(shares.get('housing')).toBe(Math.max(...shares.values()));
    expect(shares.get('housing')).toBeGreaterThanOrEqual(20);
  });
});

describe('demo cases', () => {
  const batches = generate(6_000);
  const cases = batches.flatMap((b) => b.cases);
  const messages = batches.flatMap((b) => b.messages);

  it('are valid domain objects with unique ids and references in creation order', () => {
    for (const c of cases.slice(0, 500)) caseSchema.parse(c);
    for (const m of messages.slice(0, 500)) messageSchema.parse(m);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.ref)).size).toBe(cases.length);
    expect(cases.every((c) => CASE_REF_PATTERN.test(c.ref))).toBe(true);
    const sorted = [...cases].sort((a, b) => a.createdAt - b.createdAt);
    expect(sorted.map((c) => c.ref)).toEqual(cases.map((c) => c.ref));
    expect(cases.every((c) => Number.isInteger(c.createdAt) && Number.isInteger(c.updatedAt))).toBe(true);
  });

  it('answer about 99% of requests within the first-response target', () => {
    const answered = cases.filter((c) => c.firstRespondedAt !== null);
    const inTime = answered.filter((c) => (c.firstRespondedAt ?? 0) <= c.firstResponseDueAt).length;
    expect(inTime / answered.length).toBeGreaterThan(0.975);
    expect(inTime / answered.length).toBeLessThan(1);
  });

  it('hold about 3% suggestions, Arabic and English, and threads that match their status', () => {
    const suggestions = cases.filter((c) => c.kind === 'suggestion').length / cases.length;
    expect(suggestions).toBeGreaterThan(0.015);
    expect(suggestions).toBeLessThan(0.05);
    expect(cases.some((c) => c.language === 'ar') && cases.some((c) => c.language === 'en')).toBe(true);
    const byCase = new Map<string, string[]>();
    for (const m of messages) byCase.set(m.caseId, [...(byCase.get(m.caseId) ?? []), m.body]);
    for (const c of cases.filter((x) => x.status === 'closed').slice(0, 200)) {
      expect(byCase.get(c.id)).toEqual(expect.arrayContaining(['created', 'answered', 'closed']));
    }
    for (const c of cases.filter((x) => x.status === 'new')) {
      expect(c.assigneeId).toBeNull();
    }
  });

  it('are the same for the same seed', () => {
    const again = generate(6_000).flatMap((b) => b.cases);
    expect(again).toEqual(cases);
    expect(generate(6_000, 8).flatMap((b) => b.cases)[0]).not.toEqual(cases[0]);
  });
});

describe('demo reference data', () => {
  it('keeps the logins the team relies on and pairs every template in Arabic and English', () => {
    const staff = seedStaff(agencies, createRandom(1));
    const usernames = staff.map((s) => s.username);
    for (const u of ['housing.agent1', 'housing.agent2', 'housing.supervisor', 'callcentre.agent1', 'admin']) expect(usernames).toContain(u);
    expect(new Set(usernames).size).toBe(usernames.length);
    const templates = seedTemplates(agencies);
    const codes = new Map<string, string[]>();
    for (const t of templates) codes.set(`${t.agencyId}/${t.code}`, [...(codes.get(`${t.agencyId}/${t.code}`) ?? []), t.language]);
    for (const languages of codes.values()) expect(languages.sort()).toEqual(['ar', 'en']);
  });
});
