// The keyboard dispatcher: one window listener reading the shortcut table.
import { useEffect } from 'react';
import { runShortcut } from './commands';
import { useComposer } from '../state/composer';
import { useInbox } from '../state/inbox';
import type { Chord } from '../shortcuts/table';
import { SHORTCUTS } from '../shortcuts/table';
import { matchShortcut, shortcutsOver } from '../shortcuts/match';
import type { Overlay } from '../shortcuts/match';
import { paletteStore } from '../state/palette';

const SEQUENCE_TIMEOUT_MS = 1_500;

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** What is open over the desk now (see `shortcutsOver`). */
function overlay(): Overlay {
  if (useComposer.getState().collision !== null || paletteStore.getState().opened) return 'dialog';
  const dialog = useInbox.getState().dialog;
  if (dialog === null) return 'none';
  return dialog.type === 'help' ? 'help' : 'dialog';
}

export function useShortcuts(): void {
  useEffect(() => {
    let prefix: Chord[] = [];
    let prefixAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const open = overlay();
      // A dialog that closed itself on this key (Mantine's Esc runs first, on the dialog) has
      // already done what the key meant; as the desk's `back` too, it went a level further up
      // (out of the case to the list) and the focus with it. Only Esc: any other key typed while
      // a closed dialog fades out (the palette's ?, say) is meant for the desk.
      if (open === 'none' && event.code === 'Escape' && event.target instanceof Element && event.target.closest('[role="dialog"]') !== null) return;
      const table = shortcutsOver(SHORTCUTS, open);
      if (table.length === 0) return;
      if (prefix.length > 0 && event.timeStamp - prefixAt > SEQUENCE_TIMEOUT_MS) prefix = [];
      const result = matchShortcut(table, event, { typing: isTextField(event.target), prefix, mac: isMac });
      if (result.type === 'none') {
        prefix = [];
        return;
      }
      event.preventDefault();
      if (result.type === 'prefix') {
        prefix = result.prefix;
        prefixAt = event.timeStamp;
        return;
      }
      prefix = [];
      runShortcut(result.shortcut);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
