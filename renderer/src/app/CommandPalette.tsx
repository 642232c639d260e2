// Ctrl/Cmd+K: the shortcut table as searchable commands, each showing its keys.
import { Spotlight, useSpotlight } from '@mantine/spotlight';
import type { SpotlightActionData } from '@mantine/spotlight';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { runShortcut } from './commands';
import { useSession } from '../state/session';
import { SHORTCUTS, shortcutCapability } from '../shortcuts/table';
import { KeyChords } from './KeyChords';
import { paletteStore } from '../state/palette';

const SEARCH_ID = 'command-palette-search';

/**
 * While the palette is open the focus stays in it. Mantine's trap only keeps Tab inside, and
 * parts of the desk move the focus late: a dialog still closing gives it back to where it was
 * a few ms after, a case that finishes loading pulls it into its thread, a command's focus
 * may wait for the next frame. One of those landing after the palette took the focus left
 * its search box without it, and what was typed next went elsewhere.
 */
function useHoldFocus(opened: boolean): void {
  useEffect(() => {
    if (!opened) return;
    const onFocusIn = (event: FocusEvent) => {
      const search = document.getElementById(SEARCH_ID);
      const dialog = search?.closest('[role="dialog"]');
      if (search === null || dialog === null || dialog === undefined) return; // still opening
      if (event.target instanceof Node && dialog.contains(event.target)) return;
      search.focus({ preventScroll: true });
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [opened]);
}

export function CommandPalette() {
  const { t, i18n } = useTranslation();
  const { opened } = useSpotlight(paletteStore);
  const staff = useSession((s) => s.staff);
  useHoldFocus(opened);
  const actions: SpotlightActionData[] = useMemo(
    () =>
      SHORTCUTS.filter((s) => s.inPalette).map((s) => {
        // what the server would refuse this user is shown disabled, with the reason
        const verdict = shortcutCapability(s, staff);
        return {
          id: s.id,
          label: t(s.label),
          keywords: [s.id, i18n.getFixedT(i18n.language === 'ar' ? 'en' : 'ar')(s.label)],
          rightSection: <KeyChords shortcut={s} />,
          ...(verdict.allowed ? {} : { disabled: true, description: t('capability.unavailable', { reason: t(`capability.${verdict.reason}`) }) }),
          // Let the palette close and give the focus back before the command moves it.
          onClick: () => setTimeout(() => runShortcut(s), 0),
        };
      }),
    [t, i18n, staff],
  );
  return (
    <Spotlight
      store={paletteStore}
      actions={actions}
      shortcut={null}
      nothingFound={t('shortcut.paletteEmpty')}
      highlightQuery
      searchProps={{ id: SEARCH_ID, placeholder: t('shortcut.paletteSearch') }}
      scrollable
      maxHeight={420}
      // the commands are chosen from the search box; the list's scroller is reachable by Tab too
      scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}
    />
  );
}
