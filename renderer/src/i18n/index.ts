// i18next set-up: English by default, Arabic one keystroke away; the choice is remembered and
// mirrored on <html dir lang> so the whole layout flips.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { ar } from './ar';
import { en } from './en';

export const LANGUAGE_STORAGE_KEY = 'tawasul.language';

export function storedLanguage(storage: Pick<Storage, 'getItem'>): Language {
  return storage.getItem(LANGUAGE_STORAGE_KEY) === 'ar' ? 'ar' : 'en';
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export async function initI18n(): Promise<Language> {
  const language = storedLanguage(window.localStorage);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ar: { translation: ar } },
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders; i18next escaping on top would show &amp; to the user.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(language);
  return language;
}

export function currentLanguage(): Language {
  return i18next.language === 'ar' ? 'ar' : 'en';
}

export async function setLanguage(language: Language): Promise<void> {
  window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  applyToDocument(language);
  await i18next.changeLanguage(language);
}

export async function toggleLanguage(): Promise<void> {
  await setLanguage(currentLanguage() === 'ar' ? 'en' : 'ar');
}
