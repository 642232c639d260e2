// `g s`: workload and SLA risk per agent, and the way into an agent's cases to reassign them
// (j/k to the agent, Enter lists their open cases, x / Shift+J picks, a reassigns).
import { Badge, Group, Kbd, Loader, Progress, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from '../actions/commands';
import { personName } from '../format/names';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { useSession } from '../state/session';
import { CommitmentChart } from './CommitmentChart';
import { loadBoard, loadCommitment, mayUseBoard, useBoard } from './board-data';

export function SupervisorBoard() {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const allowed = mayUseBoard(staff);
  const { agents, unassigned, selectedIndex, loading } = useBoard();
  const language = currentLanguage();
  const n = (value: number) => formatNumber(value, language);

  useEffect(() => {
    if (!allowed) return;
    const ignore = () => undefined; // the board keeps its last figures; the next change retries
    void loadBoard().then(loadCommitment).catch(ignore);
  }, [allowed]);

  useEffect(() => {
    document.getElementById(`board-agent-${selectedIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedIndex]);

  if (!allowed) {
    return (
      <section className="board board-denied" id={DOM_IDS.board} tabIndex={-1} data-testid="supervisor-board" data-allowed="false">
        <Stack align="center" gap="xs">
          <Title order={4}>{t('board.title')}</Title>
          <Text c="dimmed" data-testid="board-denied">{t('board.supervisorsOnly')}</Text>
        </Stack>
      </section>
    );
  }

  return (
    <ScrollArea className="board" viewportProps={{ id: DOM_IDS.board, tabIndex: -1 }} data-testid="supervisor-board" data-allowed="true" data-loading={loading || undefined}>
      <Stack gap="md" p="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{t('board.title')}</Title>
          {loading && <Loader size="xs" aria-label={t('board.loading')} />}
        </Group>
        <Group gap="lg" data-testid="board-unassigned">
          <Text size="sm">{t('board.unassigned', { n: n(unassigned.open) })}</Text>
          <Text size="sm" c={unassigned.overdue > 0 ? 'red' : 'dimmed'}>{t('board.unassignedOverdue', { n: n(unassigned.overdue) })}</Text>
        </Group>
        <Table highlightOnHover={false} verticalSpacing={6} data-testid="board-table" aria-label={t('board.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('board.agent')}</Table.Th>
              <Table.Th className="num">{t('board.open')}</Table.Th>
              <Table.Th className="num">{t('board.overdue')}</Table.Th>
              <Table.Th className="num">{t('board.dueToday')}</Table.Th>
              <Table.Th>{t('board.load')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agents.map((row, index) => (
              <Table.Tr
                key={row.agent.id}
                id={`board-agent-${index}`}
                className="board-row"
                aria-selected={index === selectedIndex}
                data-testid="board-agent"
                data-agent-id={row.agent.id}
                data-open={row.open}
                data-overdue={row.overdue}
                data-due-today={row.dueToday}
              >
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{personName(row.agent, currentLanguage())}</Text>
                    {row.agent.role === 'supervisor' && <Badge size="xs" variant="light" color="gray">{t('board.supervisor')}</Badge>}
                  </Group>
                  <Text size="xs" c="dimmed" dir="ltr" className="board-username">{row.agent.username}</Text>
                </Table.Td>
                <Table.Td className="num" data-testid="board-open">{n(row.open)}</Table.Td>
                <Table.Td className="num" c={row.overdue > 0 ? 'red' : undefined} fw={row.overdue > 0 ? 600 : 400} data-testid="board-overdue">{n(row.overdue)}</Table.Td>
                <Table.Td className="num" c={row.dueToday > 0 ? 'orange' : undefined} data-testid="board-due-today">{n(row.dueToday)}</Table.Td>
                <Table.Td w={160}>
                  <Progress
                    value={row.capacity === 0 ? 0 : Math.min(100, (100 * row.open) / row.capacity)}
                    color={row.open > row.capacity ? 'red' : 'indigo'}
                    size="sm"
                    aria-label={t('board.loadOf', { open: n(row.open), capacity: n(row.capacity) })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">J</Kbd> / <Kbd size="xs">K</Kbd> {t('board.hintMove')} · <Kbd size="xs">Enter</Kbd> {t('board.hintOpen')}
        </Text>
        <CommitmentChart />
      </Stack>
    </ScrollArea>
  );
}
