// The views with their live counts (`views.counts`, refreshed on every change).
import { NavLink, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VIEW_IDS } from '../../../shared/desk-api';
import { currentLanguage } from '../i18n';
import { formatNumber } from '../format/time';
import type { AppCommands } from '../shortcuts/table';
import { showView, useInbox } from '../state/inbox';
import { mayUseBoard } from '../state/board';
import { useSession } from '../state/session';

export function ViewsSidebar({ commands }: { commands: AppCommands }) {
  const { t } = useTranslation();
  const view = useInbox((s) => s.view);
  const counts = useInbox((s) => s.counts);
  const searching = useInbox((s) => s.results !== null);
  const onBoard = useInbox((s) => s.screen === 'board');
  const onTemplates = useInbox((s) => s.screen === 'templates');
  const onMass = useInbox((s) => s.screen === 'mass');
  const offInbox = onBoard || onTemplates || onMass;
  const filtered = useInbox((s) => s.filterLabel !== null);
  const supervisor = useSession((s) => mayUseBoard(s.staff));
  const language = currentLanguage();
  return (
    <ScrollArea component="nav" className="views-sidebar" aria-label={t('views.title')}>
      <Text size="xs" fw={600} c="dimmed" px="sm" pt="sm" pb={4} tt="uppercase">{t('views.title')}</Text>
      {VIEW_IDS.map((id) => (
        <NavLink
          key={id}
          active={!searching && !offInbox && !filtered && id === view}
          label={t(`views.${id}`)}
          onClick={() => showView(id)}
          data-testid={`view-${id}`}
          aria-current={!searching && !offInbox && !filtered && id === view ? 'page' : undefined}
          rightSection={
            <Text size="xs" c="dimmed" data-testid={`view-count-${id}`} data-count={counts[id] ?? ''}>
              {counts[id] === undefined ? '' : formatNumber(counts[id], language)}
            </Text>
          }
          py={6}
        />
      ))}
      {supervisor && (
        <NavLink
          active={onBoard}
          label={t('board.title')}
          onClick={() => commands.openBoard()}
          data-testid="view-board"
          aria-current={onBoard ? 'page' : undefined}
          py={6}
          mt="sm"
        />
      )}
      {supervisor && (
        <NavLink
          active={onMass}
          label={t('mass.title')}
          onClick={() => commands.openMass()}
          data-testid="view-mass"
          aria-current={onMass ? 'page' : undefined}
          py={6}
        />
      )}
      {supervisor && (
        <NavLink
          active={onTemplates}
          label={t('templatesAdmin.title')}
          onClick={() => commands.openTemplatesScreen()}
          data-testid="view-templates"
          aria-current={onTemplates ? 'page' : undefined}
          py={6}
        />
      )}
    </ScrollArea>
  );
}
