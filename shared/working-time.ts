// Working-time arithmetic for SLA clocks. The public sector works Sunday to Thursday,
// 07:00–14:00 in Asia/Bahrain (UTC+3 all year, no daylight saving), minus public holidays.
// Targets are in working minutes: "answer within 5 working days" is 5 × 420 minutes.

export type WorkingCalendar = {
  /** minutes east of UTC; Bahrain is +180 all year */
  utcOffsetMinutes: number;
  /** local day of week, 0 = Sunday */
  workingDays: readonly number[];
  /** local minutes after midnight */
  dayStartMinute: number;
  dayEndMinute: number;
  /** local dates that are not worked, as YYYY-MM-DD */
  holidays: ReadonlySet<string>;
};

/** The agencies' time zone (UTC+3 all year): the calendar of letters, due dates and "today". */
export const AGENCY_TIME_ZONE = 'Asia/Bahrain';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export const BAHRAIN_CALENDAR: WorkingCalendar = {
  utcOffsetMinutes: 180,
  workingDays: [0, 1, 2, 3, 4],
  dayStartMinute: 7 * 60,
  dayEndMinute: 14 * 60,
  holidays: new Set(),
};

export function workingMinutesPerDay(cal: WorkingCalendar): number {
  return cal.dayEndMinute - cal.dayStartMinute;
}

function localDayStart(localMs: number): number {
  return Math.floor(localMs / DAY_MS) * DAY_MS;
}

function isoDate(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 10);
}

export function isWorkingDay(localDayStartMs: number, cal: WorkingCalendar): boolean {
  const weekday = new Date(localDayStartMs).getUTCDay();
  return cal.workingDays.includes(weekday) && !cal.holidays.has(isoDate(localDayStartMs));
}

/**
 * The instant `minutes` working minutes after `startMs`. Time outside working hours does not
 * count, so a request filed on Thursday evening starts its clock on Sunday at 07:00.
 */
export function addWorkingMinutes(startMs: number, minutes: number, cal: WorkingCalendar = BAHRAIN_CALENDAR): number {
  if (cal.workingDays.length === 0) throw new Error('a working calendar needs at least one working day');
  const offset = cal.utcOffsetMinutes * MINUTE_MS;
  let local = startMs + offset;
  let remaining = minutes * MINUTE_MS;
  // Bounded: a year of holidays cannot hold the clock forever.
  for (let guard = 0; guard < 3_700; guard++) {
    const day = localDayStart(local);
    const open = day + cal.dayStartMinute * MINUTE_MS;
    const close = day + cal.dayEndMinute * MINUTE_MS;
    if (isWorkingDay(day, cal) && local < close) {
      const from = Math.max(local, open);
      if (from + remaining <= close) return from + remaining - offset;
      remaining -= close - from;
    }
    local = day + DAY_MS;
  }
  throw new Error('working-time calendar has no working time within ten years');
}

/** Working minutes elapsed between two instants (0 when `end` is before `start`). */
export function workingMinutesBetween(startMs: number, endMs: number, cal: WorkingCalendar = BAHRAIN_CALENDAR): number {
  if (endMs <= startMs) return 0;
  const offset = cal.utcOffsetMinutes * MINUTE_MS;
  const start = startMs + offset;
  const end = endMs + offset;
  let total = 0;
  for (let day = localDayStart(start); day < end; day += DAY_MS) {
    if (!isWorkingDay(day, cal)) continue;
    const open = Math.max(day + cal.dayStartMinute * MINUTE_MS, start);
    const close = Math.min(day + cal.dayEndMinute * MINUTE_MS, end);
    if (close > open) total += close - open;
  }
  return Math.floor(total / MINUTE_MS);
}

/** Start of the local calendar day holding `ms`, as epoch ms (for "due today"). */
export function localDayBounds(ms: number, cal: WorkingCalendar = BAHRAIN_CALENDAR): { start: number; end: number } {
  const offset = cal.utcOffsetMinutes * MINUTE_MS;
  const start = localDayStart(ms + offset) - offset;
  return { start, end: start + DAY_MS };
}
