// `case.assignedToMe`: a colleague (or the supervisor) gave this agent a case. Say which, and
// let them go straight to it: a click on the notice, or `g` then `n` for the latest one.
import { Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import type { DeskEventPayload } from '../../../shared/desk-api';
import { jumpToCase } from '../state/jump';

type Assigned = DeskEventPayload<'case.assignedToMe'>;

let latest: Assigned | null = null;
const NOTICE_MS = 12_000;

function noticeId(caseId: string): string {
  return `assigned-${caseId}`;
}

export function openAssigned(assigned: Assigned | null = latest): void {
  if (assigned === null) return;
  notifications.hide(noticeId(assigned.caseId));
  if (latest?.caseId === assigned.caseId) latest = null;
  void jumpToCase(assigned.caseId, assigned.ref);
}

export function showAssignedNotice(assigned: Assigned): void {
  latest = assigned;
  notifications.show({
    id: noticeId(assigned.caseId),
    title: i18next.t('notify.assignedTitle'),
    autoClose: NOTICE_MS,
    withCloseButton: true,
    color: 'indigo',
    message: (
      <UnstyledButton onClick={() => openAssigned(assigned)} data-testid="assigned-notice" data-case-id={assigned.caseId} className="notice-link">
        <Text size="sm" component="span" dir="ltr" className="notice-ref">{assigned.ref}</Text>
        <Text size="sm" component="span" dir="auto"> · {assigned.subject}</Text>
        <Text size="xs" c="dimmed" component="div">{i18next.t('notify.assignedHint')}</Text>
      </UnstyledButton>
    ),
  });
}
