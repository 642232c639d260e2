// Bulk actions over a selection or a whole view. A whole view is resolved to case ids only
// when the action runs, page by page (ids, not rows), up to the server's bulk limit.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { MAX_BULK_CASES } from '../../../shared/mutations';
import { desk } from '../desk/client';
import { useInbox } from '../state/inbox';

export async function resolveCaseIds(target: string[] | 'view'): Promise<string[] | null> {
  if (target !== 'view') return target;
  const { view, filter } = useInbox.getState();
  const ids: string[] = [];
  const progressId = `collect-${Date.now()}`;
  notifications.show({ id: progressId, loading: true, autoClose: false, message: i18next.t('bulk.collecting', { n: 0 }) });
  let after: string | null = null;
  do {
    const page: { rows: { id: string }[]; nextCursor: string | null } = await desk()['cases.page']({ view, filter, after, limit: 500 });
    for (const row of page.rows) ids.push(row.id);
    after = page.nextCursor;
    notifications.update({ id: progressId, message: i18next.t('bulk.collecting', { n: ids.length }) });
  } while (after !== null && ids.length <= MAX_BULK_CASES);
  notifications.hide(progressId);
  if (ids.length > MAX_BULK_CASES) {
    notifications.show({ color: 'red', message: i18next.t('bulk.tooMany', { max: MAX_BULK_CASES }) });
    return null;
  }
  return ids;
}

/** How a balanced assignment spreads `total` cases over agents: round-robin, as the server does. */
export function balancedShares(total: number, agents: number): number[] {
  return Array.from({ length: agents }, (_, i) => Math.floor(total / agents) + (i < total % agents ? 1 : 0));
}

export function clearSelection(): void {
  useInbox.setState({ checked: new Set(), allInView: false });
}
