/**
 * The one way text is produced, on both sides: ICU MessageFormat messages (plurals, select,
 * numbers, dates) compiled by FormatJS's intl-messageformat, in the catalog of one locale.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey, type Messages } from './messages.en';
import { fr } from './messages.fr';
import { ar } from './messages.ar';
import { formatByteSize } from '../text/byteSize';

export type { MessageKey, Messages } from './messages.en';

export const locales = ['en', 'fr', 'ar'] as const;
export type Locale = (typeof locales)[number];

export const catalogs: Record<Locale, Messages> = { en, fr, ar };

/**
 * The locale handed to Intl for each of ours. Arabic follows Morocco's conventions, written with
 * the Western digits 0–9 that Moroccans use (`nu-latn`), not the Arabic-Indic ones.
 */
export const intlLocaleOf: Record<Locale, string> = { en: 'en', fr: 'fr', ar: 'ar-MA-u-nu-latn' };

/** Text direction per locale, so layout can follow it. */
export const directionOf: Record<Locale, 'ltr' | 'rtl'> = { en: 'ltr', fr: 'ltr', ar: 'rtl' };

/** Each locale's name in its own language, for the language menu (never translated). */
export const endonymOf: Record<Locale, string> = { en: 'English', fr: 'Français', ar: 'العربية' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The first of the user's languages we have (`fr-CA` → `fr`, `ar_MA.UTF-8` → `ar`), else English.
 * Takes BCP 47 tags (navigator.languages, Electron's app.getLocale()) and POSIX ones (LANG).
 */
export function matchLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_.@]/)[0];
    if (isLocale(language)) return language;
  }
  return 'en';
}

/** A byte count, carried as such so each reader sees it in its own locale and units. */
export interface ByteSize {
  bytes: number;
}

export type MessageParam = string | number | Date | ByteSize;
export type MessageParams = Readonly<Record<string, MessageParam>>;

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A message and its parameters, as the host sends them: the reader translates it. */
export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(en, value);
}

/** One translator per locale; each message is compiled once, on first use. */
export function createTranslator(locale: Locale = 'en'): Translate {
  const messages = catalogs[locale];
  const intlLocale = intlLocaleOf[locale];
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  return (key, params) => {
    let format = compiled.get(key);
    if (!format) {
      // ignoreTag: messages contain `<table>` as plain text, not markup.
      format = new IntlMessageFormat(messages[key], intlLocale, undefined, { ignoreTag: true });
      compiled.set(key, format);
    }
    const values: Record<string, string | number | Date> = {};
    for (const [name, value] of Object.entries(params ?? {})) {
      values[name] = typeof value === 'object' && !(value instanceof Date) ? formatByteSize(value.bytes, intlLocale) : value;
    }
    try {
      return String(format.format(values));
    } catch {
      // A missing parameter: show the message's own text rather than nothing.
      return messages[key];
    }
  };
}
