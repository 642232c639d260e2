// The toast after an action: what happened, and while it can still be taken back, how long
// for — "Reply to the citizen · sending in 7 s · Undo (Z) · Send now".
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/time';
import { useNow } from '../hooks/use-now';
import { currentLanguage } from '../i18n';
import { useSync } from '../state/sync';
import { secondsLeft, toastState } from '../state/undo-stack';
import { useUndoEntries } from '../state/undo-entries';

type Props = { mutationId: string; onUndo: (mutationId: string) => void; onSendNow: (mutationId: string) => void };

export function ActionToast({ mutationId, onUndo, onSendNow }: Props) {
  const { t } = useTranslation();
  const entry = useUndoEntries((s) => s.entries[mutationId]);
  const offline = useSync((s) => s.state === 'offline');
  // a quarter second: the countdown's second changes on time without a timer per second edge
  const now = useNow(250);
  if (entry === undefined) return null;
  const state = toastState(entry, now);
  const action = t(`undo.action.${entry.name}`, { n: formatNumber(entry.count, currentLanguage()) });
  let line: string;
  let seconds: number | null = null;
  if (state === 'held') {
    seconds = entry.sendAt === null ? null : secondsLeft(entry.sendAt, now);
    line = seconds === null ? t('undo.heldLine', { action }) : t('undo.sendingIn', { action, seconds: formatNumber(seconds, currentLanguage()) });
  } else if (state === 'sending') {
    line = offline ? t('undo.waitingLine', { action }) : t('undo.sendingLine', { action });
  } else if (state === 'undoable') {
    seconds = secondsLeft(entry.undoableUntil ?? now, now);
    // once the server has it, say so: Z then sends the inverse, it does not stop anything
    const key = entry.phase === 'applied' ? 'undo.appliedUndoableFor' : 'undo.undoableFor';
    line = t(key, { action, seconds: formatNumber(seconds, currentLanguage()) });
  } else {
    line = t(`mutation.${entry.name}`);
  }
  const canUndo = state === 'held' || state === 'undoable' || (state === 'sending' && offline);
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" data-testid="action-toast" data-mutation-id={mutationId} data-state={state} data-phase={entry.phase}>
      <Text size="sm" data-testid="action-toast-line" data-seconds={seconds ?? undefined}>{line}</Text>
      <Group gap={6} wrap="nowrap">
        {canUndo && (
          <Button size="compact-xs" variant="light" onClick={() => onUndo(mutationId)} data-testid="undo-button">
            {t('undo.button')}
          </Button>
        )}
        {state === 'held' && (
          <Button size="compact-xs" variant="subtle" onClick={() => onSendNow(mutationId)} data-testid="send-now-button">
            {t('undo.sendNow')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
