// Bottom line: sync state, outbox, host reachability, and the way to the shortcuts.
import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { formatNumber, formatRelative } from '../format/time';
import { useSession } from '../state/session';
import { useSync } from '../state/sync';
import { useNow } from '../hooks/use-now';

const DOT_COLOURS = { online: 'var(--mantine-color-teal-6)', syncing: 'var(--mantine-color-blue-6)', connecting: 'var(--mantine-color-yellow-6)', offline: 'var(--mantine-color-red-6)' } as const;

export function StatusBar() {
  const { t } = useTranslation();
  const sync = useSync();
  const host = useSession((s) => s.host);
  const language = currentLanguage();
  const now = useNow();
  const state = host === 'open' ? sync.state : 'offline';
  return (
    <Group component="footer" className="status-bar" data-testid="status-bar" data-sync={sync.state} gap="lg" px="sm" wrap="nowrap" role="status">
      <Group gap={6} wrap="nowrap">
        <span className="sync-dot" style={{ background: DOT_COLOURS[state] }} aria-hidden />
        <Text size="xs" data-testid="sync-state">
          {host === 'open' ? t(`sync.${sync.state}`) : t('sync.hostDown')}
        </Text>
      </Group>
      {sync.progress !== null && (
        <Group gap={6} wrap="nowrap" w={220}>
          <Progress value={sync.progress.total === 0 ? 0 : (100 * sync.progress.done) / sync.progress.total} size="sm" w={80} />
          <Text size="xs">{t('sync.progress', { done: formatNumber(sync.progress.done, language), total: formatNumber(sync.progress.total, language) })}</Text>
        </Group>
      )}
      <Text size="xs" c={sync.outboxSize > 0 ? 'orange' : 'dimmed'} data-testid="outbox-size" data-count={sync.outboxSize}>
        {sync.outboxSize > 0 ? t('sync.outbox', { n: formatNumber(sync.outboxSize, language) }) : t('sync.outboxEmpty')}
      </Text>
      {sync.lastSyncedAt !== null && (
        <Text size="xs" c="dimmed">{t('sync.lastSynced', { when: formatRelative(sync.lastSyncedAt, now, language) })}</Text>
      )}
      <Text size="xs" c="dimmed" ms="auto">{t('sync.helpHint')}</Text>
    </Group>
  );
}
