import { Group, Kbd, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Shortcut } from '../shortcuts/table';
import { chordLabel } from '../shortcuts/match';
import { isMac } from './use-shortcuts';

/** The keys of a shortcut as the user presses them: "G then I", "Shift+T", "::". */
export function KeyChords({ shortcut }: { shortcut: Shortcut }) {
  const { t } = useTranslation();
  const sequences = shortcut.keys.map((keys, s) => (
    <Group key={s} gap={4} wrap="nowrap">
      {keys.map((chord, i) => (
        <Group key={i} gap={4} wrap="nowrap">
          {i > 0 && <Text size="xs" c="dimmed">{t('shortcut.then')}</Text>}
          <Kbd size="xs">{chordLabel(chord, isMac)}</Kbd>
        </Group>
      ))}
    </Group>
  ));
  return (
    <Group gap={6} wrap="nowrap">
      {sequences}
      {shortcut.typed !== undefined && <Text size="xs" c="dimmed">{t('shortcut.typedTrigger', { text: shortcut.typed })}</Text>}
    </Group>
  );
}
