// The desk core's sync state and outbox size, as last pushed (`sync.status`), and "Retry now".
import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/desk-api';
import { desk } from '../desk/client';

export const useSync = create<SyncStatus>(() => ({
  state: 'connecting',
  progress: null,
  outboxSize: 0,
  lastError: null,
  lastSyncedAt: null,
}));

/** Reconnects at once if offline and retries every agency that waits (the core's `sync.retry`). */
export function retrySyncNow(): void {
  void desk()['sync.retry']().catch(() => undefined);
}

/**
 * The words of the sync state: "Up to date" only when the core says every agency in scope is
 * at the server's head; while syncing, how many agencies and cases the cache holds.
 */
export function syncLabel(status: SyncStatus, t: (key: string, params?: Record<string, string>) => string, n: (value: number) => string): string {
  const coverage = status.coverage;
  if (status.state !== 'syncing' || coverage === null || coverage === undefined) return t(`sync.${status.state}`);
  const agencies = { done: n(coverage.complete === coverage.agencies ? coverage.current : coverage.complete), total: n(coverage.agencies) };
  if (!coverage.casesKnown) return t('sync.syncingAgencies', agencies);
  return t('sync.syncingCases', { ...agencies, cases: n(coverage.cases), casesTotal: n(coverage.casesTotal) });
}
