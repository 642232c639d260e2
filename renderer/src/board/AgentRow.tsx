// One agent on the board: live figures from the workload store, their presence (online,
// away, offline, on leave until…) and their load past capacity.
import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../shared/domain';
import { personName } from '../format/names';
import { formatDateTime, formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { agentStatus, figuresOf, useWorkload } from '../state/workload';
import type { AgentStatus } from '../state/workload';
import { LoadBar } from './LoadBar';

export function AgentRow({ agent, index, selected, now }: { agent: Staff; index: number; selected: boolean; now: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const n = (value: number) => formatNumber(value, language);
  const figures = useWorkload((s) => figuresOf(s, agent.id));
  const presence = useWorkload((s) => s.presence[agent.id]);
  const leave = presence?.leave ?? null;
  const status: AgentStatus = agentStatus(presence, now);
  return (
    <Table.Tr
      id={`board-agent-${index}`}
      className="board-row"
      aria-selected={selected}
      data-testid="board-agent"
      data-agent-id={agent.id}
      data-open={figures.open}
      data-overdue={figures.overdue}
      data-due-today={figures.dueToday}
      data-reopened={figures.reopened}
      data-capacity={agent.capacity}
      data-status={status}
    >
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{personName(agent, language)}</Text>
          {agent.role === 'supervisor' && <Badge size="xs" variant="light" color="gray">{t('board.supervisor')}</Badge>}
        </Group>
        <Text size="xs" c="dimmed" dir="ltr" className="board-username">{agent.username}</Text>
      </Table.Td>
      <Table.Td data-testid="board-status">
        {status === 'leave' && leave !== null ? (
          <Badge size="sm" variant="light" color="yellow">{t('board.onLeaveUntil', { date: formatDateTime(leave.to, language) })}</Badge>
        ) : status === 'unknown' ? (
          <Text size="xs" c="dimmed">–</Text>
        ) : (
          <Badge size="sm" variant="dot" color={status === 'online' ? 'teal' : status === 'away' ? 'orange' : 'gray'}>{t(`board.status.${status}`)}</Badge>
        )}
        {status !== 'leave' && leave !== null && leave.from > now && (
          <Text size="xs" c="dimmed">{t('board.leaveFrom', { date: formatDateTime(leave.from, language) })}</Text>
        )}
      </Table.Td>
      <Table.Td className="num" data-testid="board-open">{n(figures.open)}</Table.Td>
      <Table.Td className="num" c={figures.overdue > 0 ? 'red' : undefined} fw={figures.overdue > 0 ? 600 : 400} data-testid="board-overdue">{n(figures.overdue)}</Table.Td>
      <Table.Td className="num" c={figures.dueToday > 0 ? 'orange' : undefined} data-testid="board-due-today">{n(figures.dueToday)}</Table.Td>
      <Table.Td className="num" data-testid="board-reopened">{n(figures.reopened)}</Table.Td>
      <Table.Td className="num">{n(agent.capacity)}</Table.Td>
      <Table.Td w={220}>
        <LoadBar open={figures.open} capacity={agent.capacity} />
      </Table.Td>
    </Table.Tr>
  );
}
