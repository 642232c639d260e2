// How the agency assigns arriving cases: off, round-robin or least-loaded. The server applies
// it (to agents online, not on leave, under capacity) and audits every switch; this only
// shows and sets it. Tab reaches it; arrows choose; Shift+M steps to the next mode.
import { Group, SegmentedControl, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { AUTO_ASSIGN_MODES } from '../../../shared/supervision';
import type { AutoAssignMode } from '../../../shared/supervision';
import { describeError } from '../ui/errors';
import { desk } from '../desk/client';
import { useSession } from '../state/session';
import { loadWorkload, useWorkload } from '../state/workload';

export async function setAutoAssign(mode: AutoAssignMode): Promise<void> {
  const agencyId = useSession.getState().staff?.agencyId ?? null;
  if (agencyId === null) return;
  try {
    await desk()['supervision.setAutoAssign']({ agencyId, mode });
    useWorkload.setState({ autoAssign: mode });
    notifications.show({ message: i18next.t('board.autoAssignSet', { mode: i18next.t(`board.autoAssign.${mode}`) }), autoClose: 3_000 });
  } catch (error) {
    notifications.show({ color: 'red', message: describeError(error), autoClose: 6_000 });
  }
  await loadWorkload().catch(() => undefined);
}

/** Shift+M on the board. */
export function nextAutoAssignMode(): void {
  const current = useWorkload.getState().autoAssign;
  if (current === null) return;
  const next = AUTO_ASSIGN_MODES[(AUTO_ASSIGN_MODES.indexOf(current) + 1) % AUTO_ASSIGN_MODES.length] ?? 'off';
  void setAutoAssign(next);
}

export function AutoAssignControl() {
  const { t } = useTranslation();
  const mode = useWorkload((s) => s.autoAssign);
  const agencyId = useSession((s) => s.staff?.agencyId ?? null);
  if (agencyId === null) return null;
  return (
    <Group gap="sm" wrap="nowrap" data-testid="auto-assign" data-mode={mode ?? 'unknown'}>
      <Text size="sm" id="auto-assign-label">{t('board.autoAssignLabel')}</Text>
      <SegmentedControl
        size="xs"
        aria-labelledby="auto-assign-label"
        disabled={mode === null}
        value={mode ?? 'off'}
        onChange={(value) => void setAutoAssign(value)}
        data={AUTO_ASSIGN_MODES.map((m) => ({ value: m, label: t(`board.autoAssign.${m}`) }))}
      />
      {mode === null && <Text size="xs" c="dimmed">{t('board.autoAssignOffline')}</Text>}
    </Group>
  );
}
