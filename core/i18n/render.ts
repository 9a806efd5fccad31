import i18next, { type i18n } from 'i18next';
import en from './en/errors.json';
import es from './es/errors.json';
import ptBR from './pt-BR/errors.json';
import fr from './fr/errors.json';

/**
 * The core's own messages (the `errors` namespace) in the four languages, rendered outside React:
 * the English default of every ProceedsError, the CLI's messages in the terminal's language, and
 * court outputs. The renderer loads the same files into its i18next as the `errors` namespace, so a
 * message reads the same in the app, the CLI and a printed report.
 */
export const MESSAGE_LANGS = ['en', 'es', 'pt-BR', 'fr'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

export const ERROR_CATALOGS: Record<MessageLang, Record<string, unknown>> = { en, es, 'pt-BR': ptBR, fr };

/** Plain values only: they cross every transport as JSON and fill the catalog's {{placeholders}}. */
export type MessageParams = Record<string, string | number | boolean | null>;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K extends `${infer B}_${'one' | 'other'}` ? B : K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the English catalog: a code thrown in core/ that is not one of them does not compile. */
export type ErrorKey = Leaves<typeof en>;

let instance: i18n | undefined;
function messages(): i18n {
  if (instance) return instance;
  instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(MESSAGE_LANGS.map((l) => [l, { errors: ERROR_CATALOGS[l] }])),
    lng: 'en',
    fallbackLng: 'en',
    ns: ['errors'],
    defaultNS: 'errors',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** One message of the catalog in a language (English when the language lacks it; `fallback` when English does too). */
export function renderMessage(lang: MessageLang, key: string, params: MessageParams = {}, fallback?: string): string {
  return messages().getFixedT(lang, 'errors')(key, { ...params, ...(fallback === undefined ? {} : { defaultValue: fallback }) });
}

/** True when the English catalog has the key (a plural key counts by its base). */
export function hasMessage(key: string): boolean {
  return messages().exists(key, { ns: 'errors', lng: 'en', count: 1 }) || messages().exists(key, { ns: 'errors', lng: 'en' });
}
