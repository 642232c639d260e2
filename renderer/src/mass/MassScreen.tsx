// `g c`: the mass complaints, groups of near-identical complaints the server formed as they
// arrived ("14 complaints about the same subject" with the first one's words). j/k choose a
// group, Enter lists its cases in the inbox (where Shift+P makes the selected one the master),
// a assigns the group's open cases, t answers all of them from one template in one action.
import { Badge, Group, Kbd, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MassGroup } from '../../../shared/mass';
import { isolate } from '../format/bidi';
import { agencyNameById } from '../format/names';
import { formatDateTime, formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { loadMassGroups, mayUseMass, useMass } from '../state/mass';
import { useSession } from '../state/session';
import { DOM_IDS } from '../ui/focus';

function GroupRow({ group, index, selected }: { group: MassGroup; index: number; selected: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const reference = useSession((s) => s.reference);
  const self = useSession((s) => s.staff);
  const n = (value: number) => formatNumber(value, language);
  return (
    <li
      id={`mass-group-${index}`}
      className="mass-row"
      role="option"
      aria-selected={selected}
      data-testid="mass-group"
      data-group-id={group.id}
      data-members={group.memberCount}
      data-open={group.openCount}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text fw={600} size="sm" data-testid="mass-group-count">
          {t('mass.count', { n: n(group.memberCount) })}
        </Text>
        <Group gap={6} wrap="nowrap">
          {group.openCount > 0 ? (
            <Badge size="sm" variant="filled" color="red.9" data-testid="mass-group-open">{t('mass.open', { n: n(group.openCount) })}</Badge>
          ) : (
            <Badge size="sm" variant="filled" color="teal.9" data-testid="mass-group-open">{t('mass.allAnswered')}</Badge>
          )}
          {self?.agencyId === null && <Badge size="sm" variant="outline" color="gray">{agencyNameById(reference?.agencies, group.agencyId, language)}</Badge>}
        </Group>
      </Group>
      <Text size="sm" lang={group.language} dir={group.language === 'ar' ? 'rtl' : 'ltr'} className="mass-subject" data-testid="mass-group-subject">
        {group.subject}
      </Text>
      <Text size="xs" c="dimmed" lang={group.language} dir={group.language === 'ar' ? 'rtl' : 'ltr'} className="mass-excerpt">
        {group.excerpt}
      </Text>
      <Group gap="md">
        <Text size="xs" c="dimmed">
          {t('mass.filed', { first: formatDateTime(group.firstFiledAt, language), last: formatDateTime(group.lastFiledAt, language) })}
        </Text>
        <Text size="xs" c={group.masterRef === null ? 'dimmed' : undefined} data-testid="mass-group-master">
          {group.masterRef === null ? t('mass.noMaster') : t('mass.master', { ref: isolate(group.masterRef) })}
        </Text>
      </Group>
    </li>
  );
}

export function MassScreen() {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const allowed = mayUseMass(staff);
  const { groups, selectedIndex, loading, failed } = useMass();

  useEffect(() => {
    if (allowed) void loadMassGroups();
  }, [allowed]);

  useEffect(() => {
    document.getElementById(`mass-group-${selectedIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedIndex]);

  if (!allowed) {
    return (
      <section className="board board-denied" id={DOM_IDS.mass} tabIndex={-1} data-testid="mass-screen" data-allowed="false">
        <Stack align="center" gap="xs">
          <Title order={4}>{t('mass.title')}</Title>
          <Text c="dimmed" data-testid="mass-denied">{t('mass.supervisorsOnly')}</Text>
        </Stack>
      </section>
    );
  }

  const active = groups[selectedIndex];
  return (
    <ScrollArea className="board" data-testid="mass-screen" data-allowed="true" data-loading={loading || undefined}>
      <Stack gap="md" p="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{t('mass.title')}</Title>
          {loading && <Loader size="xs" aria-label={t('mass.loading')} />}
        </Group>
        <Text size="sm" c="dimmed">{t('mass.intro')}</Text>
        {failed && <Text size="sm" c="orange" role="status">{t('mass.failed')}</Text>}
        <Text size="sm" aria-live="polite" data-testid="mass-summary">
          {groups.length === 0 && !loading ? t('mass.empty') : t('mass.summary', { n: formatNumber(groups.length, currentLanguage()) })}
        </Text>
        <ul
            className="mass-list"
            id={DOM_IDS.mass}
            tabIndex={-1}
            role="listbox"
            aria-label={t('mass.title')}
            aria-activedescendant={active === undefined ? undefined : `mass-group-${selectedIndex}`}
            data-testid="mass-list"
          >
            {groups.map((group, index) => (
              <GroupRow key={group.id} group={group} index={index} selected={index === selectedIndex} />
            ))}
        </ul>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">J</Kbd> / <Kbd size="xs">K</Kbd> {t('mass.hintMove')} · <Kbd size="xs">Enter</Kbd> {t('mass.hintOpen')} · <Kbd size="xs">A</Kbd> {t('mass.hintAssign')} · <Kbd size="xs">T</Kbd> {t('mass.hintReply')} · <Kbd size="xs">Shift+P</Kbd> {t('mass.hintMaster')}
        </Text>
      </Stack>
    </ScrollArea>
  );
}
