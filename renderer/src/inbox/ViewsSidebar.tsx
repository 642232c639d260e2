// The views with their live counts (`views.counts`, refreshed on every change).
import { NavLink, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VIEW_IDS } from '../../../shared/desk-api';
import { currentLanguage } from '../i18n';
import { formatNumber } from '../format/time';
import { showView, useInbox } from '../state/inbox';

export function ViewsSidebar() {
  const { t } = useTranslation();
  const view = useInbox((s) => s.view);
  const counts = useInbox((s) => s.counts);
  const searching = useInbox((s) => s.results !== null);
  const language = currentLanguage();
  return (
    <ScrollArea component="nav" className="views-sidebar" aria-label={t('views.title')}>
      <Text size="xs" fw={600} c="dimmed" px="sm" pt="sm" pb={4} tt="uppercase">{t('views.title')}</Text>
      {VIEW_IDS.map((id) => (
        <NavLink
          key={id}
          active={!searching && id === view}
          label={t(`views.${id}`)}
          onClick={() => showView(id)}
          data-testid={`view-${id}`}
          aria-current={!searching && id === view ? 'page' : undefined}
          rightSection={
            <Text size="xs" c="dimmed" data-testid={`view-count-${id}`} data-count={counts[id] ?? ''}>
              {counts[id] === undefined ? '' : formatNumber(counts[id], language)}
            </Text>
          }
          py={6}
        />
      ))}
    </ScrollArea>
  );
}
