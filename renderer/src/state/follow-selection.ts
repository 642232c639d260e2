// The case pane follows the list's selection as it moves, in the same keypress (no effect and
// second render in between), and asks ahead for the cases j/k reach next.
import { rowAt, useInbox } from './inbox';
import { caseDetails, showCase } from './open-case';

/** Rows asked for ahead in the direction of travel, and behind it. */
const AHEAD = 2;
const BEHIND = 1;

function prefetchAround(index: number, direction: 1 | -1): void {
  const state = useInbox.getState();
  if (state.selectedIndex !== index) return; // moved on already; the next move asks for its own
  const ids: string[] = [];
  for (let step = 1; step <= Math.max(AHEAD, BEHIND); step++) {
    if (step <= AHEAD) ids.push(rowAt(state, index + direction * step)?.id ?? '');
    if (step <= BEHIND) ids.push(rowAt(state, index - direction * step)?.id ?? '');
  }
  caseDetails.prefetch(ids.filter((id) => id !== ''));
}

/** Starts following; returns the way to stop. */
export function followSelection(): () => void {
  showCase(useInbox.getState().selectedId);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = useInbox.subscribe((state, previous) => {
    if (state.selectedId === previous.selectedId) return;
    showCase(state.selectedId);
    if (state.selectedId === null) return;
    const direction = state.selectedIndex < previous.selectedIndex ? -1 : 1;
    const index = state.selectedIndex;
    // after this keypress's render: the selected case's own request (if any) goes out first
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      prefetchAround(index, direction);
    }, 0);
  });
  return () => {
    if (timer !== null) clearTimeout(timer);
    unsubscribe();
  };
}
