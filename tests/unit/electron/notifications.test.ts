import { describe, expect, it } from 'vitest';
import { describeAssignment } from '../../../main/shell/notifications';

const assigned = { caseId: '01J0000000000000000000000A', ref: 'TW-2026-00012345', subject: 'انقطاع المياه' };

describe('the OS notification of a newly assigned case', () => {
  it('is worded in the UI language only, Arabic for an Arabic desk', () => {
    const notice = describeAssignment({ ...assigned, language: 'ar' });
    expect(notice?.title).toContain('طلب جديد لك');
    expect(notice?.title).not.toMatch(/New case/);
    expect(notice?.body).toBe(assigned.subject);
  });

  it('is worded in English for an English desk, with no Arabic in the title but the reference', () => {
    const notice = describeAssignment({ ...assigned, language: 'en' });
    expect(notice?.title).toContain('New case for you');
    expect(notice?.title).not.toMatch(/[\u0600-\u06FF]/);
  });

  it('isolates the reference for direction in the title', () => {
    expect(describeAssignment({ ...assigned, language: 'ar' })?.title.startsWith(`\u2068${assigned.ref}\u2069`)).toBe(true);
  });

  it('shows nothing for a payload that is not an assignment (no language, a bad one)', () => {
    expect(describeAssignment(assigned)).toBeNull();
    expect(describeAssignment({ ...assigned, language: 'fr' })).toBeNull();
  });
});
