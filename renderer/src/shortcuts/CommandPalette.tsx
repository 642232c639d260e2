// Ctrl/Cmd+K: the shortcut table as searchable commands, each showing its keys.
import { Spotlight } from '@mantine/spotlight';
import type { SpotlightActionData } from '@mantine/spotlight';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { commands } from '../actions/commands';
import { SHORTCUTS } from './table';
import { KeyChords } from './KeyChords';
import { paletteStore } from './palette-store';

export function CommandPalette() {
  const { t, i18n } = useTranslation();
  const actions: SpotlightActionData[] = useMemo(
    () =>
      SHORTCUTS.filter((s) => s.inPalette).map((s) => ({
        id: s.id,
        label: t(s.label),
        keywords: [s.id, i18n.getFixedT(i18n.language === 'ar' ? 'en' : 'ar')(s.label)],
        rightSection: <KeyChords shortcut={s} />,
        // Let the palette close and give the focus back before the command moves it.
        onClick: () => setTimeout(() => s.run(commands), 0),
      })),
    [t, i18n],
  );
  return (
    <Spotlight
      store={paletteStore}
      actions={actions}
      shortcut={null}
      nothingFound={t('shortcut.paletteEmpty')}
      highlightQuery
      searchProps={{ placeholder: t('shortcut.paletteSearch') }}
      scrollable
      maxHeight={420}
    />
  );
}
