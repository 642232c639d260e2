import { describe, expect, it } from 'vitest';
import { cacheStillLoading, earlierCasesText } from '../../../renderer/src/actions/earlier-cases';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import type { SyncStatus } from '../../../shared/desk-api';

const status = (over: Partial<SyncStatus>): SyncStatus => ({
  state: 'online', progress: null, outboxSize: 0, lastError: null, lastSyncedAt: null, searchIndexing: null, ...over,
});

describe("a caller's earlier cases while the desk's cache is loading", () => {
  it('counts a bootstrap under way as loading, from its start to its last page', () => {
    // started, before its first page reports progress
    expect(cacheStillLoading(status({ state: 'syncing', searchIndexing: { done: 0, total: 0 } }))).toBe(true);
    expect(cacheStillLoading(status({ state: 'syncing', progress: { done: 500, total: 2000 }, searchIndexing: { done: 0, total: 0 } }))).toBe(true);
    // an agency bootstrapped again into a warm cache: progress only
    expect(cacheStillLoading(status({ progress: { done: 0, total: 0 } }))).toBe(true);
  });

  it('counts any agency of the scope not wholly cached, even once no bootstrap reports progress', () => {
    const coverage = { agencies: 51, complete: 50, current: 50, cases: 46_000, casesTotal: 46_682, casesKnown: true, searchAgencies: null };
    // one agency's page was refused and waits for its retry: lookups may miss its cases
    expect(cacheStillLoading(status({ state: 'syncing', coverage }))).toBe(true);
    expect(cacheStillLoading(status({ coverage: { ...coverage, complete: 51, current: 51, cases: 46_682 } }))).toBe(false);
  });

  it('does not count building the search index afterwards, nor a loaded cache', () => {
    expect(cacheStillLoading(status({ searchIndexing: { done: 400, total: 2000 } }))).toBe(false);
    expect(cacheStillLoading(status({}))).toBe(false);
    expect(cacheStillLoading({ progress: null, coverage: null })).toBe(false);
  });

  it('says "still loading" instead of "none" when nothing was found while loading', () => {
    expect(earlierCasesText(0, true)).toEqual({ heading: null, stillLoading: true });
    expect(earlierCasesText(0, false)).toEqual({ heading: 'none', stillLoading: false });
  });

  it('shows what it found, saying more may be missing while loading', () => {
    expect(earlierCasesText(3, true)).toEqual({ heading: 'some', stillLoading: true });
    expect(earlierCasesText(3, false)).toEqual({ heading: 'some', stillLoading: false });
  });

  it('has the loading line in both languages', () => {
    expect(en.newCase.earlierCasesLoading).toMatch(/still loading/i);
    expect(ar.newCase.earlierCasesLoading).toMatch(/[\u0600-\u06FF]/);
  });
});
