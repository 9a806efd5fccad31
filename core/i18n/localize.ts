import type { ProceedsError, SerializedError } from '../errors.js';
import { MESSAGE_LANGS, renderMessage, type MessageLang } from './render.js';

/**
 * The language of messages outside the app window (CLI, court outputs written from the command line):
 * PROCEEDS_LANG, else the POSIX locale (LC_ALL, then LC_MESSAGES, then LANG, the first one set decides),
 * else English. "es_MX.UTF-8" is Spanish, "pt_PT" Portuguese (our pt-BR), "C" and "POSIX" English.
 */
export function messageLanguage(env: NodeJS.ProcessEnv = process.env): MessageLang {
  const tag = [env.PROCEEDS_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v && v.trim() !== '');
  const base = (tag ?? '').trim().split(/[.@]/)[0].toLowerCase().split(/[-_]/)[0];
  if (base === 'es') return 'es';
  if (base === 'pt') return 'pt-BR';
  if (base === 'fr') return 'fr';
  return 'en';
}

export const isMessageLang = (s: string): s is MessageLang => (MESSAGE_LANGS as readonly string[]).includes(s);

type Sayable = Pick<SerializedError, 'message' | 'key' | 'params'>;

/** One coded sentence in a language; a sentence without a code is its English message. */
export const say = (lang: MessageLang, m: Sayable): string => (m.key ? renderMessage(lang, m.key, m.params ?? {}, m.message) : m.message);

/**
 * An error as the reader should see it: its sentence, then each field issue it carries that adds
 * something ("path: sentence"), in the reader's language.
 */
export function localizeError(e: ProceedsError | SerializedError, lang: MessageLang): string[] {
  const head = say(lang, e);
  const more = (e.issues ?? [])
    .filter((i) => (i.key ? i.key !== e.key : i.message !== e.message && !e.message.includes(i.message)))
    .map((i) => `${i.path}: ${say(lang, i)}`);
  return [head, ...more];
}
