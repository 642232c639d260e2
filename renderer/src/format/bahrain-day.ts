// Days on Bahrain's calendar (UTC+3, no daylight saving), as the leave and dashboard forms
// type them: 'YYYY-MM-DD'.
const BAHRAIN_OFFSET_MS = 3 * 3_600_000;

/** 'YYYY-MM-DD' of an instant on Bahrain's calendar. */
export function localDate(epochMs: number): string {
  return new Date(epochMs + BAHRAIN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Bahrain day starts; null for text that is not a date. */
export function dayStart(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - BAHRAIN_OFFSET_MS;
}

/** 'YYYY-MM-DD HH:mm' of an instant on Bahrain's clock (tables and their exports alike). */
export function localDateTime(epochMs: number): string {
  return new Date(epochMs + BAHRAIN_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
