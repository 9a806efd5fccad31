import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ERROR_CATALOGS } from '../../../core/i18n/render';
import { setLocaleSource } from './format';
import { LANGUAGES, LANGUAGE_STORAGE_KEY, formattingLocale, pickLanguage, type Language } from './language';

/**
 * Every user-facing string goes through here. Each domain has its own namespace file under
 * i18n/<lang>/<namespace>.json, picked up automatically (en, es, pt-BR, fr).
 * Plurals use i18next's own suffixes (_one, _many, _other: the categories of Intl.PluralRules
 * for each language); tests/unit/i18n/catalogs.test.ts checks every language has them all.
 */
const files = import.meta.glob('./*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, content] of Object.entries(files)) {
  const [, lang, ns] = /\.\/([\w-]+)\/([\w-]+)\.json$/.exec(file)!;
  (resources[lang] ??= {})[ns] = content;
}
// The core's messages (errors.*): one catalog for the app, the CLI and court outputs, kept in core/i18n.
for (const [lang, content] of Object.entries(ERROR_CATALOGS)) (resources[lang] ??= {}).errors = content;

const systemLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language].filter(Boolean);

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

const initial = pickLanguage(storedLanguage(), systemLanguages());

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  supportedLngs: [...LANGUAGES],
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = initial;

/** The locale numbers and dates are formatted in: follows the chosen language, keeps the system's region. */
export function currentLocale(): string {
  return formattingLocale(pickLanguage(i18n.language, systemLanguages()), systemLanguages());
}

setLocaleSource(currentLocale);

/** Switches the interface language and remembers the choice on this machine (null: follow the system). */
export async function chooseLanguage(language: Language | null): Promise<void> {
  try {
    if (language) localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    else localStorage.removeItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
  const lng = pickLanguage(language, systemLanguages());
  await i18n.changeLanguage(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

export default i18n;
