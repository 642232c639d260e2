// Where the list scrolls when the selection moves: nowhere while the row is in view (a scroll
// costs a layout and a re-render of the window of rows), else just far enough to show it.

/** The scroll position that brings a row into view, or null when it is in view already. */
export function scrollToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}
