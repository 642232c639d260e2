// Every write goes through here: `cases.mutate`, then a calm toast that offers undo while the
// mutation still sits unsent in the outbox, and a translated reason if it is refused.
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import type { MutationInput, MutationName } from '../../../shared/mutations';
import { desk } from '../desk/client';
import { describeError, describeFailure } from './errors';

const UNDO_WINDOW_MS = 10_000;

type Undoable = { mutationId: string; name: MutationName; at: number };
let lastUndoable: Undoable | null = null;
const afterApplied = new Map<string, () => void>();

/** Runs `then` once the server has taken the mutation (a logged request learns its reference). */
export function whenApplied(mutationId: string, then: () => void): void {
  afterApplied.set(mutationId, then);
}

function undoMessage(name: MutationName, mutationId: string) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Text size="sm">{i18next.t('undo.pending', { action: i18next.t(`mutation.${name}`) })}</Text>
      <Button size="compact-xs" variant="light" onClick={() => void undo(mutationId)} data-testid="undo-button">
        {i18next.t('undo.button')}
      </Button>
    </Group>
  );
}

export async function mutate<N extends MutationName>(name: N, args: MutationInput<N>): Promise<string | null> {
  try {
    const { mutationId } = await desk()['cases.mutate']({ name, args });
    lastUndoable = { mutationId, name, at: Date.now() };
    notifications.show({ id: mutationId, message: undoMessage(name, mutationId), autoClose: UNDO_WINDOW_MS, withCloseButton: true });
    return mutationId;
  } catch (error) {
    notifications.show({ color: 'red', message: describeError(error), autoClose: 6_000 });
    return null;
  }
}

export async function undo(mutationId?: string): Promise<void> {
  const target = mutationId ?? (lastUndoable !== null && Date.now() - lastUndoable.at < UNDO_WINDOW_MS ? lastUndoable.mutationId : null);
  if (target === null) return;
  try {
    const { undone } = await desk()['outbox.undo']({ mutationId: target });
    notifications.hide(target);
    if (undone) afterApplied.delete(target);
    if (lastUndoable?.mutationId === target) lastUndoable = null;
    notifications.show({ message: i18next.t(undone ? 'undo.done' : 'undo.tooLate'), autoClose: 3_000, color: undone ? 'teal' : 'yellow' });
  } catch (error) {
    notifications.show({ color: 'red', message: describeError(error) });
  }
}

/** The server took it: the toast stays as a receipt, without the undo it can no longer honour. */
export function mutationApplied(mutationId: string, name: MutationName): void {
  if (lastUndoable?.mutationId === mutationId) lastUndoable = null;
  notifications.update({ id: mutationId, message: i18next.t(`mutation.${name}`), autoClose: 2_500 });
  const then = afterApplied.get(mutationId);
  afterApplied.delete(mutationId);
  then?.();
}

export function mutationRejected(mutationId: string, code: string, message: string, params: Record<string, string>): void {
  afterApplied.delete(mutationId);
  if (lastUndoable?.mutationId === mutationId) lastUndoable = null;
  notifications.hide(mutationId);
  notifications.show({
    color: 'red',
    autoClose: 8_000,
    message: i18next.t('mutation.rejected', { reason: describeFailure(code, message, params) }),
  });
}
