// `s`: move the case (or the selection) along its lifecycle, or change its priority.
import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../shared/domain';
import type { Priority } from '../../../shared/domain';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { closeDialog, listLength, useInbox } from '../state/inbox';
import { clearSelection, resolveCaseIds } from './bulk';
import { mutate } from '../ui/mutate';
import { Picker } from '../ui/Picker';

type StatusAction = 'start' | 'markAnswered' | 'close';
const STATUS_ACTIONS: readonly StatusAction[] = ['start', 'markAnswered', 'close'];

export function StatusDialog({ caseIds }: { caseIds: string[] | 'view' }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const count = caseIds === 'view' ? listLength(useInbox.getState()) : caseIds.length;
  const options = [
    ...STATUS_ACTIONS.map((action) => ({ id: action, label: t(`statusMenu.${action}`) })),
    ...PRIORITIES.map((priority) => ({ id: `priority:${priority}`, label: t('statusMenu.priority', { priority: t(`priority.${priority}`) }) })),
  ];

  const pick = async (id: string) => {
    closeDialog();
    const priority = id.startsWith('priority:') ? (id.slice('priority:'.length) as Priority) : null;
    if (count <= 1 && Array.isArray(caseIds) && caseIds[0] !== undefined) {
      const caseId = caseIds[0];
      if (priority !== null) await mutate('case.setPriority', { caseId, priority });
      else if (id === 'start') await mutate('case.start', { caseId });
      else if (id === 'markAnswered') await mutate('case.markAnswered', { caseId });
      else await mutate('case.close', { caseId });
      return;
    }
    const ids = await resolveCaseIds(caseIds);
    if (ids === null) return;
    const done = priority !== null
      ? await mutate('bulk.setPriority', { caseIds: ids, priority })
      : await mutate('bulk.setStatus', { caseIds: ids, action: id as StatusAction });
    if (done !== null) clearSelection();
  };

  return (
    <Modal opened onClose={closeDialog} title={count > 1 ? t('statusMenu.bulkTitle', { n: formatNumber(count, language) }) : t('statusMenu.title')} data-testid="status-dialog">
      <Picker options={options} placeholder={t('shortcut.paletteSearch')} empty={t('shortcut.paletteEmpty')} onPick={(id) => void pick(id)} />
    </Modal>
  );
}
