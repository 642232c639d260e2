// The keyboard dispatcher: one window listener reading the shortcut table.
import { useEffect } from 'react';
import { commands } from '../actions/commands';
import { useComposer } from '../state/composer';
import { useInbox } from '../state/inbox';
import type { Chord } from './table';
import { SHORTCUTS } from './table';
import { matchShortcut } from './match';
import { paletteStore } from './palette-store';

const SEQUENCE_TIMEOUT_MS = 1_500;

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** A dialog or the palette owns the keyboard while it is open (it handles its own Esc). */
function overlayOpen(): boolean {
  return useInbox.getState().dialog !== null || useComposer.getState().collision !== null || paletteStore.getState().opened;
}

export function useShortcuts(): void {
  useEffect(() => {
    let prefix: Chord[] = [];
    let prefixAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (overlayOpen()) return;
      if (prefix.length > 0 && event.timeStamp - prefixAt > SEQUENCE_TIMEOUT_MS) prefix = [];
      const result = matchShortcut(SHORTCUTS, event, { typing: isTextField(event.target), prefix, mac: isMac });
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
      result.shortcut.run(commands);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
