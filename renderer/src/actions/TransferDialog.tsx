// `Shift+T`: send a misrouted case to the right agency, with a reason.
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSFER_REASONS } from '../../../shared/domain';
import type { TransferReason } from '../../../shared/domain';
import { currentLanguage } from '../i18n';
import { closeDialog } from '../state/inbox';
import { useOpenCase } from '../state/open-case';
import { useSession } from '../state/session';
import { mutate } from '../ui/mutate';

export function TransferDialog({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const reference = useSession((s) => s.reference);
  const currentAgency = useOpenCase((s) => (s.detail?.case.id === caseId ? s.detail.case.agencyId : null));
  const [agency, setAgency] = useState<string | null>(null);
  const [reason, setReason] = useState<TransferReason>('wrong_agency');
  const [note, setNote] = useState('');
  const language = currentLanguage();
  const agencies = (reference?.agencies ?? [])
    .filter((a) => a.active && a.id !== currentAgency)
    .map((a) => ({ value: a.id, label: language === 'ar' ? a.nameAr : a.nameEn }));

  const confirm = () => {
    if (agency === null) return;
    closeDialog();
    void mutate('case.transfer', { caseId, toAgencyId: agency, reason, note });
  };

  return (
    <Modal opened onClose={closeDialog} title={t('transfer.title')} data-testid="transfer-dialog">
      <Stack
        gap="sm"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            confirm();
          }
        }}
      >
        <Select label={t('transfer.agency')} data={agencies} value={agency} onChange={setAgency} searchable data-autofocus data-testid="transfer-agency" />
        <Select
          label={t('transfer.reason')}
          data={TRANSFER_REASONS.map((r) => ({ value: r, label: t(`transferReason.${r}`) }))}
          value={reason}
          onChange={(value) => setReason((value ?? 'wrong_agency'))}
          allowDeselect={false}
        />
        <Textarea label={t('transfer.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} dir="auto" />
        <Group justify="flex-end">
          <Text size="xs" c="dimmed">{t('assign.confirmKeys')}</Text>
          <Button onClick={confirm} disabled={agency === null} data-testid="transfer-confirm">{t('transfer.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
