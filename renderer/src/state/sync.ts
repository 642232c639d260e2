// The desk core's sync state and outbox size, as last pushed (`sync.status`).
import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/desk-api';

export const useSync = create<SyncStatus>(() => ({
  state: 'connecting',
  progress: null,
  outboxSize: 0,
  lastError: null,
  lastSyncedAt: null,
}));
