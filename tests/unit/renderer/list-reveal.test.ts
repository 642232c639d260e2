import { describe, expect, it } from 'vitest';
import { scrollToReveal } from '../../../renderer/src/inbox/reveal';

describe('revealing the selected row', () => {
  // rows of 58 px in a 580 px list: rows 0–9 are in view at the top
  it('does not scroll while the row is in view', () => {
    expect(scrollToReveal(0, 58, 0, 580)).toBeNull();
    expect(scrollToReveal(9, 58, 0, 580)).toBeNull();
  });

  it('scrolls just far enough to show a row below or above the view', () => {
    expect(scrollToReveal(10, 58, 0, 580)).toBe(58);
    expect(scrollToReveal(4, 58, 300, 580)).toBe(232);
  });
});
