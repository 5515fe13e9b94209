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

/** U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE: what a right-to-left locale puts around a text parameter. */
export const isolateStart = '\u2068';
export const isolateEnd = '\u2069';

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

/** What a translator needs besides its locale; tests pass an incomplete catalog and a logger. */
export interface TranslatorOptions {
  /** The catalogs to read (the shipped ones by default). */
  catalogs?: Readonly<Record<Locale, Readonly<Partial<Record<MessageKey, string>>>>>;
  /** Told once per key that had to fall back (console.warn by default). */
  warn?: (text: string) => void;
  /**
   * Text parameters isolated (U+2068 … U+2069) in a right-to-left locale: for what is laid out on
   * screen (the page). Not for text that is copied or parsed as it is (the command line's output, a
   * CSV), where the invisible marks would become part of a path or a value.
   */
  isolateParams?: boolean;
}

/**
 * One translator per locale; each message is compiled once, on first use.
 *
 * A key missing from the locale's catalog, or a message that does not parse, must not stop the
 * page (IntlMessageFormat throws on both, and `t` is called while rendering): the English message
 * is used instead, and if English lacks it too, the key itself. Each such key is logged once,
 * so a stale build or a forgotten translation is seen without flooding the console.
 */
export function createTranslator(locale: Locale = 'en', options: TranslatorOptions = {}): Translate {
  const messages = options.catalogs?.[locale] ?? catalogs[locale];
  const english = options.catalogs?.en ?? catalogs.en;
  const warn = options.warn ?? ((text: string) => console.warn(text));
  const intlLocale = intlLocaleOf[locale];
  // Text parameters are isolated in a right-to-left locale only: there a path, a file name or an SQL
  // identifier (Latin script, or starting with a neutral like `/`) is otherwise reordered by the
  // Arabic sentence around it ("/tmp/a" shown as "tmp/a/"). Every text parameter, not a chosen few:
  // which ones are paths is not written anywhere, and an isolate is harmless around Arabic text (it
  // takes its direction from its own first strong letter). Left-to-right locales are left as they
  // were, byte for byte (their sentences take Latin parameters in order; tests compare their text).
  const isolate = options.isolateParams === true && directionOf[locale] === 'rtl';
  const compiled = new Map<MessageKey, { format: IntlMessageFormat; source: string; plain: ReadonlySet<string> } | { text: string }>();
  const warned = new Set<string>();
  const warnOnce = (key: string, text: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    warn(text);
  };
  const compile = (source: string | undefined, formatLocale: string): IntlMessageFormat | undefined => {
    if (typeof source !== 'string') return undefined;
    try {
      // ignoreTag: messages contain `<table>` as plain text, not markup.
      return new IntlMessageFormat(source, formatLocale, undefined, { ignoreTag: true });
    } catch {
      return undefined;
    }
  };
  const entryFor = (key: MessageKey) => {
    let entry = compiled.get(key);
    if (entry) return entry;
    const own = compile(messages[key], intlLocale);
    if (own) {
      entry = { format: own, source: messages[key] as string, plain: plainArguments(own) };
    } else {
      // English words, but the locale's numbers and plurals rules stay with the reader.
      const fallback = locale === 'en' ? undefined : compile(english[key], intlLocale);
      if (fallback) {
        warnOnce(key, `i18n: “${key}” is missing or broken in the ${locale} catalog; English is shown`);
        entry = { format: fallback, source: english[key] as string, plain: plainArguments(fallback) };
      } else {
        warnOnce(key, `i18n: “${key}” is missing or broken in the ${locale} catalog and in English; the key is shown`);
        entry = { text: key };
      }
    }
    compiled.set(key, entry);
    return entry;
  };
  return (key, params) => {
    const entry = entryFor(key);
    if ('text' in entry) return entry.text;
    const values: Record<string, string | number | Date> = {};
    for (const [name, value] of Object.entries(params ?? {})) {
      values[name] =
        typeof value === 'string' && isolate && entry.plain.has(name)
          ? `${isolateStart}${value}${isolateEnd}`
          : typeof value === 'object' && !(value instanceof Date)
            ? formatByteSize(value.bytes, intlLocale)
            : value;
    }
    try {
      return String(entry.format.format(values));
    } catch {
      // A missing parameter: show the message's own text rather than nothing.
      return entry.source;
    }
  };
}

type MessageElements = ReturnType<IntlMessageFormat['getAst']>;

/**
 * The parameters a message shows as they are (`{file}`), never those it chooses by (`{state, select, …}`):
 * an isolated value would match none of a select's cases. Element types are the parser's `TYPE`
 * enum (1 argument, 5 select, 6 plural, 8 tag); intl-messageformat does not export it.
 */
function plainArguments(format: IntlMessageFormat): ReadonlySet<string> {
  const shown = new Set<string>();
  const chosenBy = new Set<string>();
  const walk = (elements: MessageElements): void => {
    for (const element of elements) {
      if (element.type === 1) shown.add(element.value);
      if (element.type === 5) chosenBy.add(element.value);
      if (element.type === 5 || element.type === 6) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === 8) walk(element.children);
    }
  };
  walk(format.getAst());
  for (const name of chosenBy) shown.delete(name);
  return shown;
}
