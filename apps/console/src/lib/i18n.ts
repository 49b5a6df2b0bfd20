// i18next with Latvian as the default and English as the switch. Core strings live in
// src/i18n/{lv,en}.json; a page may add its own namespace with `registerTranslations`.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import lv from '../i18n/lv.json';
import en from '../i18n/en.json';

export type Lang = 'lv' | 'en';
export const LANGS: Lang[] = ['lv', 'en'];
const STORAGE_KEY = 'vpvkac.lang';

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'lv' || fromUrl === 'en') return fromUrl;
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'lv';
}

void i18next.use(initReactI18next).init({
  resources: { lv: { translation: lv }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'lv',
  supportedLngs: LANGS,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export function setLanguage(lang: Lang): void {
  window.localStorage.setItem(STORAGE_KEY, lang);
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/**
 * A page's own strings under namespace `ns` (use with `useTranslation(ns)`), so pages never edit
 * the shared lv.json/en.json. Call at module level of the page's entry file.
 */
export function registerTranslations(ns: string, resources: { lv: object; en: object }): void {
  i18next.addResourceBundle('lv', ns, resources.lv, true, true);
  i18next.addResourceBundle('en', ns, resources.en, true, true);
}

/** Latvian/English locale tag for Intl (dates, numbers, plurals follow Latvian rules). */
export const locale = (): string => (i18next.language === 'en' ? 'en-GB' : 'lv-LV');

export default i18next;
