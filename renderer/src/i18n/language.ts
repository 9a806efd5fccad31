/**
 * Which language the interface speaks, and which locale formats its numbers and dates.
 * Pure functions (no DOM, no i18next) so the choice is tested in Node.
 */
export const LANGUAGES = ['en', 'es', 'pt-BR', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language's own name, shown in the picker whatever the current language is (not translated on purpose). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  es: 'Español (Latinoamérica)',
  'pt-BR': 'Português (Brasil)',
  fr: 'Français (Canada)',
};

/**
 * The region each language stands for when the system gives none: the task forces of the
 * Americas (Latin-American Spanish, Brazilian Portuguese, Canadian French).
 */
const DEFAULT_LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-419', 'pt-BR': 'pt-BR', fr: 'fr-CA' };

/** A BCP 47 tag -> one of our languages: es-* -> es, pt-* -> pt-BR, fr-* -> fr, en-* -> en; else undefined. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (base === 'es') return 'es';
  if (base === 'pt') return 'pt-BR';
  if (base === 'fr') return 'fr';
  if (base === 'en') return 'en';
  return undefined;
}

/**
 * The language to use: the one chosen in Settings when there is one, else the first of the
 * system's preferred languages we speak, else English.
 */
export function pickLanguage(chosen: string | null | undefined, system: readonly string[]): Language {
  const fromChoice = chosen && (LANGUAGES as readonly string[]).includes(chosen) ? (chosen as Language) : undefined;
  if (fromChoice) return fromChoice;
  for (const tag of system) {
    const l = languageOf(tag);
    if (l) return l;
  }
  return 'en';
}

/**
 * The locale that formats numbers and dates: the system's own tag when it is of the chosen
 * language (es-MX keeps Mexican formats, en-IN keeps lakh grouping), else the language's
 * default region.
 */
export function formattingLocale(language: Language, system: readonly string[]): string {
  for (const tag of system) {
    if (languageOf(tag) !== language) continue;
    try {
      return Intl.getCanonicalLocales(tag.replace('_', '-'))[0];
    } catch {
      // a malformed system tag: try the next one
    }
  }
  return DEFAULT_LOCALE[language];
}

/** Where the choice made in Settings is kept on this machine. */
export const LANGUAGE_STORAGE_KEY = 'proceeds.language';
