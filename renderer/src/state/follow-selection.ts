// The case pane follows the list's selection. A j/k paints the moved selection first and the
// case in the frame after: the keypress's own frame then costs what the two changed rows cost,
// not a whole case view (header, thread, composer), and keys pressed within one frame show only
// the last case. The selected case's detail is asked for at once when it is not cached, and
// the cases j/k reach next are asked for ahead.
import { rowAt, useInbox } from './inbox';
import { caseDetails, showCase } from './open-case';

/** Rows asked for ahead in the direction of travel, and behind it. */
const AHEAD = 2;
const BEHIND = 1;
/** A hidden window gets no animation frames: the pane still follows, a little later. */
const FRAME_FALLBACK_MS = 100;

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

/** Runs `task` once, in a task after the next frame has been painted; returns the way to cancel it. */
function afterNextPaint(task: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    cancelAnimationFrame(frame);
    task();
  };
  // a timer set inside the frame's callback fires after that frame's paint
  const frame = requestAnimationFrame(() => setTimeout(run, 0));
  const fallback = setTimeout(run, FRAME_FALLBACK_MS);
  return () => {
    done = true;
    clearTimeout(fallback);
    cancelAnimationFrame(frame);
  };
}

/** Starts following; returns the way to stop. */
export function followSelection(): () => void {
  showCase(useInbox.getState().selectedId);
  let cancel: (() => void) | null = null;
  const unsubscribe = useInbox.subscribe((state, previous) => {
    if (state.selectedId === previous.selectedId) return;
    cancel?.();
    cancel = null;
    const caseId = state.selectedId;
    if (caseId === null) {
      showCase(null);
      return;
    }
    // the one request a keypress may send: the selected case, when it was not asked for ahead
    caseDetails.prefetch([caseId]);
    const direction = state.selectedIndex < previous.selectedIndex ? -1 : 1;
    const index = state.selectedIndex;
    cancel = afterNextPaint(() => {
      cancel = null;
      showCase(caseId);
      prefetchAround(index, direction);
    });
  });
  return () => {
    cancel?.();
    unsubscribe();
  };
}
