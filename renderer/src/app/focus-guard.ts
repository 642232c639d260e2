// Keeps the keyboard focus where the agent can see it. Mantine gives the focus back when a
// modal's `opened` turns false, but the desk's dialogs are unmounted when they close (the
// inbox store holds which one is open), and a removed focused element leaves the focus on
// <body> without any event in Chromium: keys still worked, but nothing showed where the agent
// was. So: when an overlay closes, and whenever the focus leaves for nowhere, it is put back
// where the agent works (actions/focus.ts). A short delay lets a component that moves the
// focus itself (the help overlay, the templates picker back to the composer) go first.
import { useEffect } from 'react';
import { focusLost, overlayOpen, returnFocus } from '../ui/focus';
import { useComposer } from '../state/composer';
import { useInbox } from '../state/inbox';
import { paletteStore } from '../state/palette';

/** after Mantine's own focus return (10 ms after a modal closes) and a frame of React */
const SETTLE_MS = 40;
/**
 * A toast whose button had the focus is removed with no event at all; one look per second
 * finds it (a comparison, nothing rendered) without a MutationObserver over the whole desk.
 */
const WATCH_MS = 1_000;

function putBackIfLost(): void {
  if (!overlayOpen() && focusLost()) returnFocus();
}

export function useFocusGuard(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(putBackIfLost, SETTLE_MS);
    };
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget === null) soon();
    };
    document.addEventListener('focusout', onFocusOut);
    const unsubscribe = [
      useInbox.subscribe((now, before) => {
        if (before.dialog !== null && now.dialog === null) soon();
      }),
      useComposer.subscribe((now, before) => {
        if (before.collision !== null && now.collision === null) soon();
      }),
      paletteStore.subscribe((now) => {
        if (!now.opened) soon();
      }),
    ];
    const watch = setInterval(putBackIfLost, WATCH_MS);
    return () => {
      clearTimeout(timer);
      clearInterval(watch);
      document.removeEventListener('focusout', onFocusOut);
      for (const stop of unsubscribe) stop();
    };
  }, []);
}
