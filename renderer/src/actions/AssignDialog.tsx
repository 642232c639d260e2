// `a`: assign one case, or many (balanced over the chosen colleagues, with a preview).
import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { personName } from '../format/names';
import { formatNumber } from '../format/time';
import { useNow } from '../hooks/use-now';
import { currentLanguage } from '../i18n';
import { closeDialog, listLength, useInbox } from '../state/inbox';
import { useSession } from '../state/session';
import { agentStatus, figuresOf, loadWorkload, useWorkload } from '../state/workload';
import type { AgentStatus } from '../state/workload';
import { balancedShares, clearSelection, resolveCaseIds } from './bulk';
import { mutate } from '../ui/mutate';
import { showBulkProgress } from '../ui/bulk-progress';
import { Picker } from '../ui/Picker';
import type { PickerOption } from '../ui/Picker';

const NOBODY = '__nobody__';

export function AssignDialog({ caseIds }: { caseIds: string[] | 'view' }) {
  const { t } = useTranslation();
  const reference = useSession((s) => s.reference);
  const count = caseIds === 'view' ? listLength(useInbox.getState()) : caseIds.length;
  const bulk = count > 1;
  const [chosen, setChosen] = useState<string[]>([]);
  const language = currentLanguage();
  const workload = useWorkload();
  const now = useNow(60_000);
  /** away, on leave or offline said beside the load (online goes without saying) */
  const statusWords = (status: AgentStatus) => (status === 'away' || status === 'leave' || status === 'offline' ? [t(`board.status.${status}`)] : []);
  // the live figures, read again as the picker opens (changes refresh them after that)
  useEffect(() => {
    void loadWorkload().catch(() => undefined);
  }, []);

  const people = useMemo(() => {
    if (reference === null) return [];
    const agencyId = reference.self.agencyId;
    const all = [reference.self, ...reference.staff.filter((s) => s.id !== reference.self.id)];
    return all.filter((s) => s.active && (s.role === 'agent' || s.role === 'supervisor') && (agencyId === null || s.agencyId === agencyId));
  }, [reference]);

  const options: PickerOption[] = [
    ...people.map((s) => ({
      id: s.id,
      label: personName(s, language),
      keywords: [s.username, s.displayName, ...(s.displayNameAr === undefined ? [] : [s.displayNameAr])],
      detail: [
        t('assign.workload', { open: formatNumber(figuresOf(workload, s.id).open, language), capacity: formatNumber(s.capacity, language) }),
        ...statusWords(agentStatus(workload.presence[s.id], now)),
      ].join(' · '),
    })),
    ...(bulk ? [] : [{ id: NOBODY, label: t('assign.nobody') }]),
  ];

  const assignOne = (id: string) => {
    closeDialog();
    const caseId = Array.isArray(caseIds) ? caseIds[0] : undefined;
    if (caseId === undefined) return;
    void mutate('case.assign', { caseId, assigneeId: id === NOBODY ? null : id }).then((mutationId) => {
      if (mutationId !== null) clearSelection();
    });
  };

  const toggle = (id: string) => setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));

  const assignMany = async () => {
    closeDialog();
    const ids = await resolveCaseIds(caseIds);
    if (ids === null || chosen.length === 0) return;
    const mutationId = await mutate('bulk.assign', { caseIds: ids, assigneeIds: chosen });
    if (mutationId === null) return;
    clearSelection();
    showBulkProgress(mutationId, ids.length, 'bulk.assigning');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (bulk && event.key === 'Enter' && (event.ctrlKey || event.metaKey) && chosen.length > 0) {
      event.preventDefault();
      void assignMany();
    }
  };

  const nameOf = (id: string) => {
    const person = people.find((p) => p.id === id);
    return person === undefined ? id : personName(person, language);
  };
  const shares = balancedShares(count, chosen.length);
  const preview = chosen
    .map((id, i) => {
      const person = people.find((p) => p.id === id);
      const share = shares[i] ?? 0;
      const after = figuresOf(workload, id).open + share;
      return t('assign.share', {
        name: nameOf(id),
        n: formatNumber(share, language),
        after: formatNumber(after, language),
        capacity: formatNumber(person?.capacity ?? 0, language),
      });
    })
    .join(language === 'ar' ? '، ' : ', ');

  return (
    <Modal opened onClose={closeDialog} title={bulk ? t('assign.bulkTitle', { n: formatNumber(count, language) }) : t('assign.title')} data-testid="assign-dialog">
      <div onKeyDown={onKeyDown}>
      <Picker
        options={options}
        placeholder={t('assign.search')}
        empty={t('templates.empty')}
        onPick={bulk ? toggle : assignOne}
        {...(bulk ? { ticked: new Set(chosen), onTick: toggle } : {})}
        testId="assign-picker"
      />
      </div>
      {bulk && (
        <>
          <Text size="xs" c="dimmed" mt="sm">{t('assign.balancedHint')}</Text>
          <Text size="sm" mt={4} data-testid="assign-preview">
            {chosen.length === 0 ? t('assign.pick') : t('assign.preview', { n: formatNumber(count, language), agents: preview })}
          </Text>
          <Group justify="flex-end" mt="md">
            <Text size="xs" c="dimmed">{t('assign.confirmKeys')}</Text>
            <Button disabled={chosen.length === 0} onClick={() => void assignMany()} data-testid="assign-confirm">{t('assign.confirm')}</Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
