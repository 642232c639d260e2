// Delete (or the editor's archive button): archive a pair after a confirmation. Enter archives
// (the button has the focus), Esc keeps it. Desks stop offering it once the server has it.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from '../ui/focus';
import { describeError } from '../ui/errors';
import { closeDialog } from '../state/inbox';
import { archivePair } from '../state/template-admin';

export function ArchiveTemplateDialog({ agencyId, code, title }: { agencyId: string | null; code: string; title: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = () => {
    setBusy(true);
    archivePair({ agencyId, code }).then(
      () => {
        closeDialog();
        notifications.show({ message: t('templatesAdmin.archived', { code }), autoClose: 3_000 });
        requestAnimationFrame(() => document.getElementById(DOM_IDS.templatesList)?.focus());
      },
      (failure: unknown) => {
        setBusy(false);
        setError(describeError(failure));
      },
    );
  };

  return (
    <Modal opened onClose={closeDialog} title={t('templatesAdmin.archiveTitle')} data-testid="template-archive-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('templatesAdmin.archiveConfirm', { title, code })}</Text>
        {error !== null && <Text size="sm" c="red">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={closeDialog}>{t('templatesAdmin.cancel')}</Button>
          <Button color="red" onClick={confirm} loading={busy} data-autofocus data-testid="template-archive-confirm">{t('templatesAdmin.archive')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
