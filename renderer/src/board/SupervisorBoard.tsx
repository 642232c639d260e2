// `g s`: workload and SLA risk per agent, and the way into an agent's cases to reassign them
// (j/k to the agent, Enter lists their open cases, x / Shift+J picks, a reassigns); Shift+L
// sets the chosen agent's leave, Shift+C covers their open cases, Shift+M steps the agency's
// auto-assignment.
import { Group, Kbd, Loader, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DOM_IDS } from '../ui/focus';
import { formatNumber } from '../format/time';
import { useNow } from '../hooks/use-now';
import { currentLanguage } from '../i18n';
import { useSession } from '../state/session';
import { loadWorkload, useWorkload } from '../state/workload';
import { AgentRow } from './AgentRow';
import { AutoAssignControl } from './AutoAssignControl';
import { CommitmentChart } from './CommitmentChart';
import { loadBoard, loadCommitment, mayUseBoard, useBoard } from '../state/board';

/** how often the board asks who is online, away or offline (presence is not pushed) */
const PRESENCE_POLL_MS = 15_000;

export function SupervisorBoard() {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const allowed = mayUseBoard(staff);
  const { agents, selectedIndex, loading } = useBoard();
  const unassigned = useWorkload((s) => s.unassigned);
  const source = useWorkload((s) => s.source);
  const language = currentLanguage();
  const now = useNow(60_000);
  const n = (value: number) => formatNumber(value, language);

  useEffect(() => {
    if (!allowed) return;
    const ignore = () => undefined; // the board keeps its last figures; the next change retries
    void loadBoard().then(loadCommitment).catch(ignore);
  }, [allowed]);

  // who is online, away or offline is not pushed to desks: the board asks again while it shows
  useEffect(() => {
    if (!allowed) return;
    const timer = setInterval(() => void loadWorkload().catch(() => undefined), PRESENCE_POLL_MS);
    return () => clearInterval(timer);
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
    <ScrollArea className="board" viewportProps={{ id: DOM_IDS.board, tabIndex: -1 }} data-testid="supervisor-board" data-allowed="true" data-loading={loading || undefined} data-source={source ?? undefined}>
      <Stack gap="md" p="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{t('board.title')}</Title>
          {loading && <Loader size="xs" aria-label={t('board.loading')} />}
          <AutoAssignControl />
        </Group>
        <Group gap="lg" data-testid="board-unassigned" aria-live="polite">
          <Text size="sm">{t('board.unassigned', { n: n(unassigned.open) })}</Text>
          <Text size="sm" c={unassigned.overdue > 0 ? 'red' : 'dimmed'}>{t('board.unassignedOverdue', { n: n(unassigned.overdue) })}</Text>
          {source === 'cache' && <Text size="xs" c="dimmed">{t('board.fromCache')}</Text>}
        </Group>
        <Table highlightOnHover={false} verticalSpacing={6} data-testid="board-table" aria-label={t('board.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('board.agent')}</Table.Th>
              <Table.Th>{t('board.statusTitle')}</Table.Th>
              <Table.Th className="num">{t('board.open')}</Table.Th>
              <Table.Th className="num">{t('board.overdue')}</Table.Th>
              <Table.Th className="num">{t('board.dueToday')}</Table.Th>
              <Table.Th className="num">{t('board.reopened')}</Table.Th>
              <Table.Th className="num">{t('board.capacity')}</Table.Th>
              <Table.Th>{t('board.load')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agents.map((row, index) => (
              <AgentRow key={row.agent.id} agent={row.agent} index={index} selected={index === selectedIndex} now={now} />
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">J</Kbd> / <Kbd size="xs">K</Kbd> {t('board.hintMove')} · <Kbd size="xs">Enter</Kbd> {t('board.hintOpen')} · <Kbd size="xs">Shift+L</Kbd> {t('board.hintLeave')} · <Kbd size="xs">Shift+C</Kbd> {t('board.hintCover')} · <Kbd size="xs">Shift+M</Kbd> {t('board.hintAutoAssign')}
        </Text>
        <CommitmentChart />
      </Stack>
    </ScrollArea>
  );
}
