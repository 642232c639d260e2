// Where the keyboard focus goes. The desk is worked from the keyboard all day, so the focus is
// never left on <body>: after a dialog, a toast's button, a send or a refusal it returns to the
// place the agent was working in (the list, the case's thread, the composer, the board or the
// templates list), where the focus ring shows it.
import { useComposer } from '../state/composer';
import { useInbox } from '../state/inbox';
import { paletteStore } from '../state/palette';
import { useTemplateAdmin } from '../state/template-admin';

export const DOM_IDS = {
  list: 'case-list',
  thread: 'case-thread',
  composer: 'composer-input',
  search: 'search-input',
  board: 'supervisor-board',
  dashboard: 'sla-dashboard',
  mass: 'mass-complaints',
  templatesList: 'templates-list',
  templatesFilter: 'templates-filter',
  templateCode: 'template-code',
} as const;

export function focusById(id: string): void {
  // At once when the target is already on screen, so the keys typed right after this one
  // land there (the keydown that got here is cancelled, so it types nothing itself); else
  // after React has painted what the state change shows.
  const now = document.getElementById(id);
  now?.focus();
  if (now !== null && document.activeElement === now) return;
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** A dialog, the palette or the collision question owns the focus now. */
export function overlayOpen(): boolean {
  return useInbox.getState().dialog !== null || paletteStore.getState().opened || useComposer.getState().collision !== null;
}

/** The element ids that stand for where the agent works now, the likeliest first. */
function workingPlaces(): string[] {
  const { screen, focus } = useInbox.getState();
  if (screen === 'board') return [DOM_IDS.board];
  if (screen === 'mass') return [DOM_IDS.mass];
  if (screen === 'templates') return useTemplateAdmin.getState().draft === null ? [DOM_IDS.templatesList] : [DOM_IDS.templateCode, DOM_IDS.templatesList];
  if (focus === 'composer') return [DOM_IDS.composer, DOM_IDS.thread, DOM_IDS.list];
  if (focus === 'case') return [DOM_IDS.thread, DOM_IDS.list];
  return [DOM_IDS.list];
}

function usable(element: HTMLElement | null): element is HTMLElement {
  if (element === null || !element.isConnected) return false;
  if (element instanceof HTMLTextAreaElement && element.disabled) return false;
  return element.getClientRects().length > 0; // on screen (display: none has no boxes)
}

/** Puts the focus back where the agent works (the first of those places on screen). */
export function returnFocus(): void {
  for (const id of workingPlaces()) {
    const element = document.getElementById(id);
    if (usable(element)) {
      element.focus({ preventScroll: true });
      return;
    }
  }
}

/** The focus is nowhere the agent can see: on <body>, or on an element gone or hidden. */
export function focusLost(): boolean {
  const active = document.activeElement;
  if (active === null || active === document.body || active === document.documentElement) return true;
  return active instanceof HTMLElement && !usable(active);
}
