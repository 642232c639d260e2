// Shift+L on the board: the chosen agent's leave, from one day to another (both included, on
// Bahrain's calendar). Saved on the server, audited; from its first day auto-assignment skips
// them, and Shift+C covers the cases they hold.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DAY_MS } from '../../../shared/working-time';
import { describeError } from '../ui/errors';
import { dayStart, localDate } from '../format/bahrain-day';
import { desk } from '../desk/client';
import { closeDialog } from '../state/inbox';
import { staffName, useSession } from '../state/session';
import { loadWorkload, useWorkload } from '../state/workload';

export function LeaveDialog({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const name = useSession((s) => staffName(s.reference, staffId)) ?? staffId;
  const current = useWorkload((s) => s.presence[staffId]?.leave ?? null);
  const [from, setFrom] = useState(() => localDate(current?.from ?? Date.now()));
  const [to, setTo] = useState(() => localDate(current === null ? Date.now() + 6 * DAY_MS : current.to - 1));
  const [busy, setBusy] = useState(false);
  const start = dayStart(from);
  const lastDay = dayStart(to);
  const valid = start !== null && lastDay !== null && lastDay >= start;

  const save = async (leave: { from: number; to: number } | null) => {
    setBusy(true);
    try {
      await desk()['supervision.setLeave']({ staffId, leave });
      closeDialog();
      notifications.show({ message: leave === null ? t('leave.ended', { name }) : t('leave.saved', { name, from, to }), autoClose: 4_000 });
      await loadWorkload();
    } catch (error) {
      notifications.show({ color: 'red', message: describeError(error), autoClose: 6_000 });
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    if (valid && start !== null && lastDay !== null) void save({ from: start, to: lastDay + DAY_MS });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Modal opened onClose={closeDialog} title={t('leave.title', { name })} data-testid="leave-dialog">
      <Stack gap="sm" onKeyDown={onKeyDown}>
        <Group grow>
          <TextInput type="date" label={t('leave.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="leave-from" data-autofocus />
          <TextInput type="date" label={t('leave.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="leave-to" error={valid ? undefined : t('leave.invalid')} />
        </Group>
        <Text size="xs" c="dimmed">{t('leave.hint')}</Text>
        <Group justify="space-between">
          {current === null ? <span /> : (
            <Button variant="subtle" color="red" disabled={busy} onClick={() => void save(null)} data-testid="leave-end">{t('leave.end')}</Button>
          )}
          <Group gap="sm">
            <Text size="xs" c="dimmed">{t('leave.keys')}</Text>
            <Button disabled={!valid || busy} onClick={submit} data-testid="leave-save">{t('leave.save')}</Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
