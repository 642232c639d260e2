import { describe, expect, it } from 'vitest';
import type { Staff, Template } from '../../../shared/domain';
import { draftOf, draftProblem, filterPairs, mayEditPair, mayManageTemplates, newDraft, pairsOf } from '../../../renderer/src/state/template-admin';

const person = (role: Staff['role'], agencyId: string | null): Staff => ({
  id: `stf-${role}`,
  username: role,
  displayName: role,
  role,
  agencyId,
  languages: ['ar', 'en'],
  capacity: 10,
  active: true,
});

const half = (agencyId: string | null, code: string, language: 'ar' | 'en', title: string, usageCount = 0): Template => ({
  id: `tpl-${agencyId ?? 'national'}-${code}-${language}`,
  agencyId,
  code,
  title,
  language,
  body: 'Dear {{citizen.name}}',
  kinds: ['complaint'],
  usageCount,
});

const templates = [
  half(null, 'ack', 'ar', 'إشعار استلام', 5),
  half(null, 'ack', 'en', 'Acknowledgement', 7),
  half('housing', 'housing-queue', 'ar', 'قائمة الانتظار'),
  half('housing', 'housing-queue', 'en', 'Waiting list'),
  half('ewa', 'ack', 'en', 'EWA acknowledgement'),
];

describe('the reply templates screen', () => {
  it('groups halves into pairs by agency and code, the agencies\' own before the national ones', () => {
    const pairs = pairsOf(templates);
    expect(pairs.map((p) => p.key)).toEqual(['ewa/ack', 'housing/housing-queue', 'national/ack']);
    const national = pairs[2];
    expect([national?.ar?.title, national?.en?.title, national?.usage]).toEqual(['إشعار استلام', 'Acknowledgement', 12]);
  });

  it('filters by code or either title, Arabic normalised', () => {
    const pairs = pairsOf(templates);
    expect(filterPairs(pairs, 'waiting').map((p) => p.code)).toEqual(['housing-queue']);
    expect(filterPairs(pairs, 'اشعار').map((p) => p.key)).toEqual(['national/ack']);
    expect(filterPairs(pairs, '  ')).toHaveLength(3);
  });

  it('lets a supervisor edit their agency\'s pairs only, an admin every pair, an agent none', () => {
    const supervisor = person('supervisor', 'housing');
    expect(mayManageTemplates(supervisor)).toBe(true);
    expect(mayEditPair(supervisor, 'housing')).toBe(true);
    expect(mayEditPair(supervisor, null)).toBe(false);
    expect(mayEditPair(supervisor, 'ewa')).toBe(false);
    expect(mayEditPair(person('admin', null), null)).toBe(true);
    expect(mayManageTemplates(person('agent', 'housing'))).toBe(false);
    expect(mayEditPair(person('agent', 'housing'), 'housing')).toBe(false);
    expect(draftOf(pairsOf(templates)[2], supervisor).readOnly).toBe(true);
  });

  it('says what stops a draft from being saved', () => {
    const draft = { ...newDraft(person('supervisor', 'housing')), code: 'visit' };
    expect(draftProblem({ ...draft, code: 'Visit Now' })).toEqual({ key: 'code' });
    expect(draftProblem(draft)).toEqual({ key: 'noHalf' });
    expect(draftProblem({ ...draft, kinds: [] })).toEqual({ key: 'kinds' });
    expect(draftProblem({ ...draft, en: { title: 'Visit', body: '' } })).toEqual({ key: 'enIncomplete' });
    expect(draftProblem({ ...draft, ar: { title: 'زيارة', body: 'عزيزي {{citizen.nmae}} و {{case.link}}' } })).toEqual({ key: 'placeholders', params: { names: 'citizen.nmae, case.link' } });
    expect(draftProblem({ ...draft, en: { title: 'Visit', body: 'Dear {{citizen.name}}' } })).toBeNull();
  });
});
