// Arabic-aware text folding for search. FTS5's unicode61 tokenizer folds none of these
// variants and splits words at tashkeel (measured), so the desk folds text with this one
// function both when it indexes and when it queries.

// U+064B–U+065F harakat and tanwin, U+0670 superscript alef, U+06D6–U+06ED Quranic marks.
const TASHKEEL = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671]/g; // آ أ إ ٱ
const ALEF_MAQSURA = /\u0649/g; // ى
const TA_MARBUTA = /\u0629/g; // ة
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g; // ٠–٩
const PERSIAN_DIGITS = /[\u06F0-\u06F9]/g; // ۰–۹

/**
 * Folds text for matching: strips tashkeel and tatweel, unifies alef forms (أ إ آ ٱ → ا),
 * ى → ي, ة → ه, Arabic-Indic and Persian digits → ASCII, and lower-cases Latin letters.
 * Pure and idempotent.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFC')
    .replace(TASHKEEL, '')
    .replace(TATWEEL, '')
    .replace(ALEF_FORMS, '\u0627')
    .replace(ALEF_MAQSURA, '\u064A')
    .replace(TA_MARBUTA, '\u0647')
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(PERSIAN_DIGITS, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase();
}

/** True when the text holds Arabic letters (used to pick direction for mixed content). */
export function hasArabic(text: string): boolean {
  return /[\u0600-\u06FF]/.test(text);
}
