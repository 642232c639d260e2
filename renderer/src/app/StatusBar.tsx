// Bottom line: sync state (with the agencies behind and "Retry now"), search coverage, outbox,
// host reachability, and the way to the shortcuts. The desk retries at once when the window
// regains focus or the network comes back.
import { useEffect } from 'react';
import { Button, Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { formatNumber, formatRelative } from '../format/time';
import { useSession } from '../state/session';
import { retrySyncNow, syncLabel, useSync } from '../state/sync';
import { useNow } from '../hooks/use-now';
import { toggleAway, useAway } from '../state/away';
import { SyncBehind } from './SyncBehind';

const DOT_COLOURS = { online: 'var(--mantine-color-teal-6)', syncing: 'var(--mantine-color-blue-6)', connecting: 'var(--mantine-color-yellow-6)', offline: 'var(--mantine-color-red-6)' } as const;

function useRetryOnReturn(): void {
  useEffect(() => {
    const retry = () => {
      if (document.visibilityState !== 'hidden') retrySyncNow();
    };
    window.addEventListener('focus', retry);
    window.addEventListener('online', retry);
    return () => {
      window.removeEventListener('focus', retry);
      window.removeEventListener('online', retry);
    };
  }, []);
}

export function StatusBar() {
  const { t } = useTranslation();
  const sync = useSync();
  const host = useSession((s) => s.host);
  const language = currentLanguage();
  const now = useNow();
  const away = useAway((s) => s.away);
  useRetryOnReturn();
  const state = host === 'open' ? sync.state : 'offline';
  const n = (value: number) => formatNumber(value, language);
  const label = host === 'open' ? syncLabel(sync, t, n) : t('sync.hostDown');
  const behind = sync.behind ?? [];
  const coverage = sync.coverage;
  const waiting = state === 'offline' || state === 'connecting' || behind.some((lag) => lag.phase === 'retrying');
  return (
    <Group component="footer" className="status-bar" data-testid="status-bar" data-sync={sync.state} gap="lg" px="sm" wrap="nowrap" role="status">
      <Group gap={6} wrap="nowrap">
        <span className="sync-dot" style={{ background: DOT_COLOURS[state] }} aria-hidden />
        {host === 'open' ? <SyncBehind behind={behind} label={label} /> : <Text size="xs" data-testid="sync-state">{label}</Text>}
      </Group>
      {sync.progress !== null && coverage?.casesKnown !== false && sync.progress.total > 0 && (
        <Progress value={(100 * sync.progress.done) / sync.progress.total} size="sm" w={80} aria-label={label} />
      )}
      {host === 'open' && waiting && (
        <Button size="compact-xs" variant="subtle" onClick={retrySyncNow} data-testid="sync-retry">{t('sync.retryNow')}</Button>
      )}
      {coverage?.searchAgencies != null && (
        <Text size="xs" c="dimmed" data-testid="search-coverage">
          {t('sync.searchCovers', { done: n(coverage.searchAgencies), total: n(coverage.agencies) })}
        </Text>
      )}
      <Text size="xs" c={sync.outboxSize > 0 ? 'orange' : 'dimmed'} data-testid="outbox-size" data-count={sync.outboxSize}>
        {sync.outboxSize > 0 ? t('sync.outbox', { n: n(sync.outboxSize) }) : t('sync.outboxEmpty')}
      </Text>
      {sync.lastSyncedAt !== null && (
        <Text size="xs" c="dimmed">{t('sync.lastSynced', { when: formatRelative(sync.lastSyncedAt, now, language) })}</Text>
      )}
      <Button
        size="compact-xs"
        variant={away ? 'light' : 'subtle'}
        color={away ? 'orange' : 'gray'}
        ms="auto"
        onClick={toggleAway}
        aria-pressed={away}
        data-testid="away-toggle"
        data-away={away}
        title={t('away.title')}
      >
        {t('away.label')}
      </Button>
      <Text size="xs" c="dimmed">{t('sync.helpHint')}</Text>
    </Group>
  );
}
