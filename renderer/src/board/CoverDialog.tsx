// Shift+C on the board: cover an agent's open cases. Tick colleagues (Space; type to filter);
// the plan (shared/supervision.ts planCover, the server's own rule) spreads the cases by room
// left under each one's capacity and the citizen's language, and the table shows who gets how
// many and what that does to each load. Ctrl+Enter applies exactly that plan as one bulk
// mutation (`bulk.cover`), with progress.
import { Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRow } from '../../../shared/desk-api';
import { MAX_BULK_CASES } from '../../../shared/mutations';
import { onLeaveAt, planCover } from '../../../shared/supervision';
import { showBulkProgress } from '../ui/bulk-progress';
import { mutate } from '../ui/mutate';
import { Picker } from '../ui/Picker';
import { desk } from '../desk/client';
import { formatNumber } from '../format/time';
import { useNow } from '../hooks/use-now';
import { currentLanguage } from '../i18n';
import { closeDialog } from '../state/inbox';
import { staffName, useSession } from '../state/session';
import { agentStatus, figuresOf, useWorkload } from '../state/workload';
import type { AgentStatus } from '../state/workload';
import { useBoard } from '../state/board';
import { loadPercent } from './load';

async function openCasesOf(staffId: string): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  let after: string | null = null;
  do {
    const page: { rows: CaseRow[]; nextCursor: string | null } = await desk()['cases.page']({ view: 'inbox', filter: { assigneeId: staffId }, after, limit: 500 });
    rows.push(...page.rows);
    after = page.nextCursor;
  } while (after !== null && rows.length <= MAX_BULK_CASES);
  return rows;
}

export function CoverDialog({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const n = (value: number) => formatNumber(value, language);
  const name = useSession((s) => staffName(s.reference, staffId)) ?? staffId;
  const agents = useBoard((s) => s.agents);
  const workload = useWorkload();
  const [cases, setCases] = useState<CaseRow[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void openCasesOf(staffId).then((rows) => live && setCases(rows), () => live && setCases([]));
    return () => {
      live = false;
    };
  }, [staffId]);

  const now = useNow(60_000);
  /** away or offline said beside the load (on leave colleagues are not offered) */
  const statusWords = (status: AgentStatus) => (status === 'away' || status === 'offline' ? [t(`board.status.${status}`)] : []);
  const colleagues = agents.map((a) => a.agent).filter((a) => a.id !== staffId && !onLeaveAt(workload.presence[a.id]?.leave ?? null, now));
  const plan = useMemo(() => {
    const candidates = chosen.flatMap((id) => {
      const person = colleagues.find((c) => c.id === id);
      return person === undefined ? [] : [{ id, open: figuresOf(workload, id).open, capacity: person.capacity, languages: person.languages }];
    });
    return planCover((cases ?? []).map((c) => ({ id: c.id, language: c.language })), candidates);
    // colleagues derive from agents and workload
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cases, chosen, agents, workload]);

  const toggle = (id: string) => setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  const ready = cases !== null && cases.length > 0 && plan.caseIds.length === cases.length;

  const apply = async () => {
    if (!ready) return;
    closeDialog();
    const mutationId = await mutate('bulk.cover', { caseIds: plan.caseIds, assigneeIds: plan.assigneeIds });
    if (mutationId !== null) showBulkProgress(mutationId, plan.caseIds.length, 'cover.applying');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void apply();
    }
  };

  return (
    <Modal opened onClose={closeDialog} size="lg" title={t('cover.title', { name })} data-testid="cover-dialog">
      <Stack gap="sm" onKeyDown={onKeyDown}>
        {cases === null ? (
          <Loader size="xs" aria-label={t('board.loading')} />
        ) : (
          <Text size="sm" data-testid="cover-count" data-count={cases.length}>{t('cover.count', { n: n(cases.length), name })}</Text>
        )}
        <Picker
          options={colleagues.map((c) => ({
            id: c.id,
            label: c.displayName,
            keywords: [c.username],
            detail: [t('assign.workload', { open: n(figuresOf(workload, c.id).open), capacity: n(c.capacity) }), ...statusWords(agentStatus(workload.presence[c.id], now))].join(' · '),
          }))}
          placeholder={t('cover.search')}
          empty={t('templates.empty')}
          onPick={toggle}
          ticked={new Set(chosen)}
          onTick={toggle}
          testId="cover-picker"
        />
        <Text size="xs" c="dimmed">{t('cover.hint')}</Text>
        {chosen.length > 0 && (
          <Table className="cover-table" data-testid="cover-preview" aria-label={t('cover.previewTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('board.agent')}</Table.Th>
                <Table.Th className="num">{t('cover.gets')}</Table.Th>
                <Table.Th className="num">{t('cover.loadBefore')}</Table.Th>
                <Table.Th className="num">{t('cover.loadAfter')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.shares.map((share) => (
                <Table.Tr key={share.id} data-testid="cover-share" data-agent-id={share.id} data-count={share.count} data-after={share.openAfter}>
                  <Table.Td>{colleagues.find((c) => c.id === share.id)?.displayName ?? share.id}</Table.Td>
                  <Table.Td className="num">{n(share.count)}</Table.Td>
                  <Table.Td className="num">{t('cover.load', { open: n(share.openBefore), capacity: n(share.capacity), percent: n(loadPercent(share.openBefore, share.capacity)) })}</Table.Td>
                  <Table.Td className="num" c={share.openAfter > share.capacity ? 'red' : undefined}>
                    {t('cover.load', { open: n(share.openAfter), capacity: n(share.capacity), percent: n(loadPercent(share.openAfter, share.capacity)) })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end" gap="sm">
          <Text size="xs" c="dimmed">{t('cover.keys')}</Text>
          <Button disabled={!ready} onClick={() => void apply()} data-testid="cover-apply">{t('cover.apply', { n: n(plan.caseIds.length) })}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
