// The send stopped: the case changed since the agent last looked. Say what, then let them choose.
import { Button, Group, List, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { cancelCollision, send } from './send';
import { useComposer } from '../state/composer';
import { useOpenCase } from '../state/open-case';
import { staffName, useSession } from '../state/session';

export function CollisionDialog() {
  const { t } = useTranslation();
  const collision = useComposer((s) => s.collision);
  const detail = useOpenCase((s) => s.detail);
  const reference = useSession((s) => s.reference);
  if (collision === null || detail === null) return null;
  return (
    <Modal opened onClose={cancelCollision} title={t('collision.title')} data-testid="collision-dialog">
      <Text size="sm" mb="xs">{t('collision.intro')}</Text>
      <List size="sm" spacing={4} mb="md">
        {collision.unseen > 0 && <List.Item>{t('collision.newMessages', { n: collision.unseen })}</List.Item>}
        {collision.statusChanged && <List.Item>{t('collision.statusChanged', { status: t(`status.${detail.case.status}`) })}</List.Item>}
        {collision.assigneeChanged && (
          <List.Item>{t('collision.assigneeChanged', { name: staffName(reference, detail.case.assigneeId) ?? t('list.unassigned') })}</List.Item>
        )}
      </List>
      <Group
        justify="flex-end"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void send({ force: true });
          }
        }}
      >
        <Text size="xs" c="dimmed">{t('collision.keys')}</Text>
        <Button variant="default" onClick={cancelCollision} data-testid="collision-cancel" data-autofocus>{t('collision.cancel')}</Button>
        <Button color="orange" onClick={() => void send({ force: true })} data-testid="collision-send">{t('collision.sendAnyway')}</Button>
      </Group>
    </Modal>
  );
}
