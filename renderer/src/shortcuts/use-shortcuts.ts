// The keyboard dispatcher: one window listener reading the shortcut table.
import { useEffect } from 'react';
import { commands } from '../actions/commands';
import { useInbox } from '../state/inbox';
import type { Chord } from './table';
import { SHORTCUTS } from './table';
import { matchShortcut } from './match';

const SEQUENCE_TIMEOUT_MS = 1_500;

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

function inDialog(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[role="dialog"]') !== null;
}

export function useShortcuts(): void {
  useEffect(() => {
    let prefix: Chord[] = [];
    let prefixAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // Dialogs and the palette own the keyboard while they are open.
      if (useInbox.getState().dialog !== null || inDialog(event.target)) return;
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
