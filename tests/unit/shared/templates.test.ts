import { describe, expect, it } from 'vitest';
import { pickTemplate, renderTemplate, unknownPlaceholders } from '../../../shared/templates';
import type { Template } from '../../../shared/domain';
import { makeCase } from './case-fixture';

const ctx = {
  case: makeCase(),
  agency: { nameAr: 'وزارة الإسكان', nameEn: 'Ministry of Housing' },
  staff: { displayName: 'Maryam' },
  language: 'ar' as const,
  formatDate: (ms: number, language: string) => `${language}:${new Date(ms).toISOString().slice(0, 10)}`,
};

describe('reply templates', () => {
  it('fills placeholders from the case, citizen, agency (in the letter language) and agent', () => {
    const text = renderTemplate('عزيزي {{citizen.name}}، بخصوص {{ case.ref }} لدى {{agency.name}}. {{staff.name}} {{case.resolutionDue}}', ctx);
    expect(text).toBe('عزيزي Fatima Ali، بخصوص TW-2026-00000001 لدى وزارة الإسكان. Maryam ar:2026-11-11');
    expect(renderTemplate('{{agency.name}}', { ...ctx, language: 'en' })).toBe('Ministry of Housing');
  });

  it('leaves unknown placeholders visible and can list them', () => {
    expect(renderTemplate('Hello {{citizen.nickname}}', ctx)).toBe('Hello {{citizen.nickname}}');
    expect(unknownPlaceholders('{{citizen.name}} {{foo.bar}}')).toEqual(['foo.bar']);
  });

  it('picks the half of a pair in the citizen language, falling back to the other', () => {
    const base: Template = { id: 'a', agencyId: null, code: 'ack', title: 'Ack', language: 'ar', body: 'x', kinds: ['complaint'], usageCount: 0 };
    const pair = [base, { ...base, id: 'b', language: 'en' as const }];
    expect(pickTemplate(pair, 'ack', 'en')?.id).toBe('b');
    expect(pickTemplate([base], 'ack', 'en')?.id).toBe('a');
    expect(pickTemplate(pair, 'missing', 'en')).toBeUndefined();
  });
});
