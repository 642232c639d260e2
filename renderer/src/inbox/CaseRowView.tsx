// One line of the list: dense, two text lines, everything an agent triages by.
import { Badge, Group, Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRow } from '../../../shared/desk-api';
import { isOpenStatus } from '../../../shared/domain';
import type { Language } from '../../../shared/domain';
import { formatRelative } from '../format/time';
import { useInbox } from '../state/inbox';

type Props = {
  row: CaseRow;
  index: number;
  assigneeName: string | null;
  language: Language;
  now: number;
  onSelect: (index: number) => void;
};

const PRIORITY_COLOURS = { normal: 'gray', high: 'orange', urgent: 'red' } as const;

// Each row reads its own selected and checked state: a j/k re-renders the two rows whose
// answer changed, not the list.
export const CaseRowView = memo(function CaseRowView({ row, index, assigneeName, language, now, onSelect }: Props) {
  const { t } = useTranslation();
  const selected = useInbox((s) => s.selectedIndex === index);
  const checked = useInbox((s) => s.allInView || s.checked.has(row.id));
  const due = isOpenStatus(row.status) ? row.firstResponseDueAt : null;
  const overdue = due !== null && due < now;
  return (
    <div
      role="option"
      id={`case-row-${row.id}`}
      className="case-row"
      data-testid="case-row"
      data-case-id={row.id}
      data-checked={checked || undefined}
      aria-selected={selected}
      onMouseDown={(e) => {
        e.preventDefault(); // keep the focus on the list so j/k keep working
        onSelect(index);
      }}
    >
      <span className={`priority-bar priority-${row.priority}`} aria-hidden />
      <span className="row-check" aria-hidden>{checked ? '✓' : ''}</span>
      <div className="row-body">
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Text size="sm" fw={row.status === 'new' || row.status === 'reopened' ? 600 : 400} truncate="end" className="row-subject" lang={row.language} dir="auto">
            {row.subject}
          </Text>
          {due !== null && (
            <Text size="xs" c={overdue ? 'red' : 'dimmed'} className="row-due" fw={overdue ? 600 : 400}>
              {formatRelative(due, now, language)}
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" className="row-ref" dir="ltr">{row.ref}</Text>
          <Text size="xs" truncate="end" className="row-citizen" dir="auto">{row.citizenName}</Text>
          <Badge size="xs" variant="light" color="gray" radius="sm" className="row-status">{t(`status.${row.status}`)}</Badge>
          {row.priority !== 'normal' && (
            <Badge size="xs" variant="light" color={PRIORITY_COLOURS[row.priority]} radius="sm">{t(`priority.${row.priority}`)}</Badge>
          )}
          {row.escalated && <Badge size="xs" color="red" variant="filled" radius="sm">{t('list.escalated')}</Badge>}
          <Text size="xs" c="dimmed" truncate="end" ms="auto" className="row-assignee">
            {row.pending ? t('list.pending') : (assigneeName ?? t('list.unassigned'))}
          </Text>
        </Group>
      </div>
    </div>
  );
});

export function PlaceholderRow({ index }: { index: number }) {
  const { t } = useTranslation();
  return (
    <div className="case-row case-row-placeholder" role="option" aria-selected={false} aria-busy data-index={index}>
      <Text size="xs" c="dimmed">{t('list.loadingRow')}</Text>
    </div>
  );
}
