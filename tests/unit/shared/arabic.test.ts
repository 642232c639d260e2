import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../../shared/arabic';

describe('normalizeForSearch', () => {
  it('unifies alef forms, alef maqsura and ta marbuta', () => {
    expect(normalizeForSearch('أحمد إسكان آمال ٱلوزارة')).toBe(normalizeForSearch('احمد اسكان امال الوزارة'));
    expect(normalizeForSearch('مستشفى')).toBe('مستشفي');
    expect(normalizeForSearch('وزارة الصحة')).toBe('وزاره الصحه');
  });

  it('strips tashkeel and tatweel so a vowelled or stretched word matches its plain form', () => {
    expect(normalizeForSearch('الإِسْكَانُ')).toBe('الاسكان');
    expect(normalizeForSearch('شـــكوى')).toBe('شكوي');
    expect(normalizeForSearch('مُقْتَرَحٌ')).toBe('مقترح');
  });

  it('turns Arabic-Indic and Persian digits into ASCII', () => {
    expect(normalizeForSearch('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(normalizeForSearch('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(normalizeForSearch('TW-٢٠٢٦-٠٠٠١٢٣٤٥')).toBe('tw-2026-00012345');
  });

  it('lower-cases Latin text and leaves everything else alone', () => {
    expect(normalizeForSearch('Housing ROOF leak')).toBe('housing roof leak');
    expect(normalizeForSearch('')).toBe('');
  });

  it('is idempotent', () => {
    const once = normalizeForSearch('أَحْمَدُ ـ مستشفى ٣');
    expect(normalizeForSearch(once)).toBe(once);
  });
});
