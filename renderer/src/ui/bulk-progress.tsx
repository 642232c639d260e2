// A bulk mutation is one mutation: its progress is waiting, sending, then done on every case.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { whenApplied, whenNotApplied } from './mutate';

/** `pendingKey` words the wait, e.g. bulk.assigning: "Assigning {{n}} cases…". */
export function showBulkProgress(mutationId: string, count: number, pendingKey: string): void {
  const id = `bulk-${mutationId}`;
  const n = formatNumber(count, currentLanguage());
  notifications.show({
    id,
    loading: true,
    autoClose: false,
    withCloseButton: false,
    message: <span data-testid="bulk-progress" data-state="pending">{i18next.t(pendingKey, { n })}</span>,
  });
  whenApplied(mutationId, () =>
    notifications.update({
      id,
      loading: false,
      color: 'teal',
      autoClose: 6_000,
      withCloseButton: true,
      message: <span data-testid="bulk-progress" data-state="done">{i18next.t('bulk.queued', { n })}</span>,
    }),
  );
  // refused (the reason shows in a toast of its own) or undone: nothing is in progress any more
  whenNotApplied(mutationId, () => notifications.hide(id));
}
