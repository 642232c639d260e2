// Dates, numbers and relative times in the UI language, always on Bahrain's clock (the
// agencies' working day), whatever the workstation's time zone.
import type { Language } from '../../../shared/domain';

const TIME_ZONE = 'Asia/Bahrain';
const locales: Record<Language, string> = { ar: 'ar-BH', en: 'en-GB' };

const dateTimeCache = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(language: Language, style: 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${language}:${style}`;
  let format = dateTimeCache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locales[language], {
      timeZone: TIME_ZONE,
      ...(style === 'short'
        ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
        : { dateStyle: 'medium', timeStyle: 'short' }),
    });
    dateTimeCache.set(key, format);
  }
  return format;
}

export function formatDateTime(epochMs: number, language: Language, style: 'short' | 'long' = 'short'): string {
  return dateTimeFormat(language, style).format(epochMs);
}

// Building an Intl formatter costs far more than formatting with one (a list row formats a due
// time on every render): one of each per language.
const numberCache = new Map<Language, Intl.NumberFormat>();
const relativeCache = new Map<Language, Intl.RelativeTimeFormat>();

export function formatNumber(value: number, language: Language): string {
  let format = numberCache.get(language);
  if (format === undefined) {
    format = new Intl.NumberFormat(locales[language]);
    numberCache.set(language, format);
  }
  return format.format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 hours", "2 days ago"; under a minute is "now" in the language's own words. */
export function formatRelative(epochMs: number, now: number, language: Language): string {
  let format = relativeCache.get(language);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locales[language], { numeric: 'auto' });
    relativeCache.set(language, format);
  }
  const delta = epochMs - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.round(delta / size), unit);
  }
  return format.format(0, 'second');
}
