// The popover of the status bar: which agencies are not at the server's head, what each is
// doing and why (timed out, refused, offline…), with "Retry now". All of it is the core's
// `sync.status` as pushed; nothing here decides whether the desk is up to date.
import { Button, Popover, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgencyLag } from '../../../shared/desk-api';
import { currentLanguage } from '../i18n';
import { formatNumber } from '../format/time';
import { useSession } from '../state/session';
import { retrySyncNow } from '../state/sync';

export function SyncBehind({ behind, label }: { behind: readonly AgencyLag[]; label: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const agencies = useSession((s) => s.reference?.agencies ?? []);
  const nameOf = (id: string) => {
    const agency = agencies.find((a) => a.id === id);
    return agency === undefined ? id : language === 'ar' ? agency.nameAr : agency.nameEn;
  };
  return (
    <Popover position="top-start" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <UnstyledButton data-testid="sync-details" aria-haspopup="dialog" className="status-link">
          <Text size="xs" data-testid="sync-state">{label}</Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="sync-behind" role="dialog" aria-label={t('sync.behindTitle')}>
        <Stack gap="xs" maw={420}>
          <Text size="sm" fw={600}>{behind.length === 0 ? t('sync.noneBehind') : t('sync.behindTitle')}</Text>
          {behind.length > 0 && (
            <Table.ScrollContainer minWidth={320} mah={260}>
              <Table fz="xs" verticalSpacing={2}>
                <Table.Tbody>
                  {behind.map((lag) => (
                    <Table.Tr key={lag.agencyId} data-agency={lag.agencyId} data-phase={lag.phase} data-reason={lag.reason ?? ''}>
                      <Table.Td>{nameOf(lag.agencyId)}</Table.Td>
                      <Table.Td>{t(`sync.phase.${lag.phase}`)}{lag.reason === null ? '' : ` — ${t(`sync.reason.${lag.reason}`)}`}</Table.Td>
                      <Table.Td ta="end">{lag.total === 0 ? '' : t('sync.ofCases', { done: formatNumber(lag.done, language), total: formatNumber(lag.total, language) })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Button size="xs" variant="light" onClick={retrySyncNow} data-testid="sync-retry-popover">{t('sync.retryNow')}</Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
