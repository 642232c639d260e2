// `?`: every shortcut of the table, grouped, in the UI language.
import { Modal, SimpleGrid, Stack, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { helpExited } from './commands';
import { closeDialog, useInbox } from '../state/inbox';
import { useSession } from '../state/session';
import { SHORTCUT_GROUPS, SHORTCUTS, shortcutCapability } from '../shortcuts/table';
import { KeyChords } from './KeyChords';

export function HelpOverlay() {
  const { t } = useTranslation();
  const open = useInbox((s) => s.dialog?.type === 'help');
  const staff = useSession((s) => s.staff);
  return (
    <Modal opened={open} onClose={closeDialog} onExitTransitionEnd={helpExited} title={t('shortcut.helpTitle')} size="xl" data-testid="help-overlay">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {SHORTCUT_GROUPS.map((group) => (
          <Stack key={group} gap={6}>
            <Title order={6} c="dimmed">{t(`shortcut.groups.${group}`)}</Title>
            {SHORTCUTS.filter((s) => s.group === group && (s.keys.length > 0 || s.typed !== undefined)).map((s) => {
              // what the server would refuse this user is listed struck through, with the reason
              const verdict = shortcutCapability(s, staff);
              return (
                <Group key={s.id} justify="space-between" wrap="nowrap" gap="md" data-testid="help-shortcut" data-shortcut={s.id} data-denied={verdict.allowed ? undefined : verdict.reason}>
                  <Stack gap={0}>
                    <Text size="sm" td={verdict.allowed ? undefined : 'line-through'}>{t(s.label)}</Text>
                    {!verdict.allowed && <Text size="xs">{t('capability.unavailable', { reason: t(`capability.${verdict.reason}`) })}</Text>}
                  </Stack>
                  <KeyChords shortcut={s} />
                </Group>
              );
            })}
          </Stack>
        ))}
      </SimpleGrid>
    </Modal>
  );
}
