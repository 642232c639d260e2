import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { syncLabel } from '../../../renderer/src/state/sync';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import type { SyncStatus } from '../../../shared/desk-api';

const base: SyncStatus = { state: 'syncing', progress: null, outboxSize: 0, lastError: null, lastSyncedAt: null };
const coverage = { agencies: 51, complete: 37, current: 36, cases: 31_020, casesTotal: 46_682, casesKnown: true, searchAgencies: null };

async function translator(language: 'en' | 'ar') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: language, resources: { en: { translation: en }, ar: { translation: ar } }, interpolation: { escapeValue: false } });
  return (key: string, params?: Record<string, string>) => i18n.t(key, params);
}
const n = (value: number) => value.toLocaleString('en');

describe('the words of the sync state', () => {
  it('says how many agencies and cases are in while syncing, in both languages', async () => {
    expect(syncLabel({ ...base, coverage }, await translator('en'), n)).toBe('Syncing — 37 of 51 agencies, 31,020 of 46,682 cases');
    expect(syncLabel({ ...base, coverage }, await translator('ar'), n)).toBe('جارٍ المزامنة — 37 من 51 جهة، 31,020 من 46,682 طلب');
  });

  it('names no case total before the server has counted every agency (never "0 of 0")', async () => {
    const t = await translator('en');
    expect(syncLabel({ ...base, coverage: { ...coverage, complete: 0, cases: 0, casesTotal: 0, casesKnown: false } }, t, n)).toBe('Syncing — 0 of 51 agencies');
  });

  it('says "Up to date" only from the state the core gives, and counts agencies current once all are complete', async () => {
    const t = await translator('en');
    expect(syncLabel({ ...base, state: 'online', coverage: { ...coverage, complete: 51, current: 51 } }, t, n)).toBe('Up to date');
    expect(syncLabel({ ...base, coverage: { ...coverage, complete: 51, current: 49, cases: 46_682 } }, t, n)).toBe('Syncing — 49 of 51 agencies, 46,682 of 46,682 cases');
    expect(syncLabel({ ...base, state: 'offline' }, t, n)).toBe('Offline');
  });
});
