import { describe, expect, it } from 'vitest';
import { BAHRAIN_CALENDAR, addWorkingMinutes, localDayBounds, workingMinutesBetween } from '../../../shared/working-time';

// Bahrain is UTC+3: 07:00 local = 04:00Z.
const at = (y: number, m: number, d: number, hh: number, mm = 0) => Date.UTC(y, m - 1, d, hh - 3, mm);

describe('working time (Sunday–Thursday, 07:00–14:00, Asia/Bahrain)', () => {
  it('counts within one working day', () => {
    expect(addWorkingMinutes(at(2026, 11, 1, 9), 60)).toBe(at(2026, 11, 1, 10));
  });

  it('carries over the night to the next morning', () => {
    expect(addWorkingMinutes(at(2026, 11, 1, 13), 120)).toBe(at(2026, 11, 2, 8));
  });

  it('skips Friday and Saturday: filed Thursday evening, the clock starts Sunday 07:00', () => {
    // 2026-11-05 is a Thursday
    expect(addWorkingMinutes(at(2026, 11, 5, 18), 30)).toBe(at(2026, 11, 8, 7, 30));
  });

  it('five working days from Sunday 07:00 end on Thursday at 14:00', () => {
    expect(addWorkingMinutes(at(2026, 11, 1, 7), 5 * 420)).toBe(at(2026, 11, 5, 14));
  });

  it('skips holidays', () => {
    const cal = { ...BAHRAIN_CALENDAR, holidays: new Set(['2026-11-02']) };
    expect(addWorkingMinutes(at(2026, 11, 1, 13), 120, cal)).toBe(at(2026, 11, 3, 8));
  });

  it('measures working minutes between two instants, the inverse of adding them', () => {
    const start = at(2026, 11, 4, 12, 17);
    for (const minutes of [1, 59, 420, 1000, 8400]) {
      expect(workingMinutesBetween(start, addWorkingMinutes(start, minutes))).toBe(minutes);
    }
    expect(workingMinutesBetween(at(2026, 11, 6, 8), at(2026, 11, 7, 13))).toBe(0);
  });

  it('gives the local calendar day around an instant', () => {
    const { start, end } = localDayBounds(at(2026, 11, 1, 1));
    expect(start).toBe(at(2026, 11, 1, 0));
    expect(end - start).toBe(86_400_000);
  });
});
