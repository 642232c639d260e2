// Direction isolation for values set inside a sentence. A name, reference or tag list in one
// script inside a sentence in the other ("أسند Noora Al-Haddad الطلب إلى …", "TW-2026-00012345
// copied") otherwise takes part in the sentence's bidi ordering: neighbouring punctuation and
// digits jump sides. First-strong isolates (U+2068 … U+2069) make each value its own run,
// laid out in its own direction, wherever the string ends up (text, a toast, an aria-label).
const FSI = '\u2068';
const PDI = '\u2069';

export function isolate(value: string): string {
  return value === '' ? value : `${FSI}${value}${PDI}`;
}

/** Every value of a set of i18n parameters, isolated. */
export function isolateAll(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, isolate(value)]));
}
