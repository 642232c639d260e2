// `l` over several cases (checked, or the whole view): tags to add and tags to remove, shown
// as a preview line before Ctrl/Cmd+Enter applies them to every case in one bulk mutation.
import { Button, Group, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/time';
import { currentLanguage } from '../i18n';
import { closeDialog, listLength, useInbox } from '../state/inbox';
import { clearSelection, resolveCaseIds } from './bulk';
import { showBulkProgress } from '../ui/bulk-progress';
import { mutate } from '../ui/mutate';

export function BulkTagsDialog({ caseIds }: { caseIds: string[] | 'view' }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const count = caseIds === 'view' ? listLength(useInbox.getState()) : caseIds.length;
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const n = formatNumber(count, language);
  const nothing = add.length === 0 && remove.length === 0;

  const apply = async () => {
    if (nothing) return;
    closeDialog();
    const ids = await resolveCaseIds(caseIds);
    if (ids === null) return;
    const mutationId = await mutate('bulk.tag', { caseIds: ids, add, remove: remove.filter((tag) => !add.includes(tag)) });
    if (mutationId === null) return;
    clearSelection();
    showBulkProgress(mutationId, ids.length, 'bulk.tagging');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void apply();
    }
  };

  const summary = [...add.map((tag) => `+ ${tag}`), ...remove.map((tag) => `− ${tag}`)].join('  ');
  return (
    <Modal opened onClose={closeDialog} title={t('bulkTags.title', { n })} data-testid="bulk-tags-dialog">
      <Stack gap="sm" onKeyDown={onKeyDown}>
        <TagsInput label={t('bulkTags.add')} value={add} onChange={setAdd} maxTags={20} data-autofocus data-testid="bulk-tags-add" />
        <TagsInput label={t('bulkTags.remove')} value={remove} onChange={setRemove} maxTags={20} data-testid="bulk-tags-remove" />
        <Text size="sm" data-testid="bulk-tags-preview">
          {nothing ? t('bulkTags.pick') : t('bulkTags.preview', { n, changes: summary })}
        </Text>
        <Group justify="flex-end">
          <Text size="xs" c="dimmed">{t('bulkTags.keys')}</Text>
          <Button disabled={nothing} onClick={() => void apply()} data-testid="bulk-tags-apply">{t('bulkTags.apply')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
