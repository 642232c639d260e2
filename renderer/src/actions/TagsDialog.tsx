// `l`: the case's tags.
import { Button, Group, Modal, TagsInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { closeDialog } from '../state/inbox';
import { useOpenCase } from '../state/open-case';
import { mutate } from '../ui/mutate';

export function TagsDialog({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const initial = useOpenCase((s) => (s.detail?.case.id === caseId ? s.detail.case.tags : []));
  const [tags, setTags] = useState<string[]>(initial);
  const save = () => {
    closeDialog();
    const add = tags.filter((tag) => !initial.includes(tag));
    const remove = initial.filter((tag) => !tags.includes(tag));
    if (add.length > 0 || remove.length > 0) void mutate('case.tag', { caseId, add, remove });
  };
  return (
    <Modal opened onClose={closeDialog} title={t('tagsDialog.title')} data-testid="tags-dialog">
      <TagsInput value={tags} onChange={setTags} placeholder={t('tagsDialog.placeholder')} maxTags={20} data-autofocus />
      <Group justify="flex-end" mt="md">
        <Button onClick={save}>{t('tagsDialog.save')}</Button>
      </Group>
    </Modal>
  );
}
