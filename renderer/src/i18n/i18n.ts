/**
 * The renderer's one translation module: every visible string comes from `t`, in the current
 * locale.
 *
 * Why a tiny store and not a React context: `t` is imported by hundreds of call sites, many of
 * them outside components (hooks' callbacks, engine errors, notifications). A context would mean
 * threading a translator through all of them. Instead `t` reads the current locale at call time,
 * and a switch notifies subscribers: the root reads the locale through `useSyncExternalStore`
 * (`useLocale`), so the whole tree re-renders in the new language without remounting (editor
 * text, results and open dialogs are kept); the few memoized components that would skip that
 * render call `useLocale()` themselves.
 */
import { useSyncExternalStore } from 'react';
import {
  createTranslator,
  directionOf,
  intlLocaleOf,
  isLocale,
  matchLocale,
  type Locale,
  type Translate,
} from '../../../shared/i18n/translate';

const translators = new Map<Locale, Translate>();
const listeners = new Set<() => void>();

function translatorFor(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    // Laid out on screen: a path or a name in an Arabic sentence keeps its own order.
    translate = createTranslator(locale, { isolateParams: true });
    translators.set(locale, translate);
  }
  return translate;
}

/**
 * A language asked for on the command line (`npm start -- --lang fr`), passed as `?lang=`: it
 * wins over the system's and over the workspace's saved choice (until the user picks another).
 */
export const askedLocale: Locale | null = (() => {
  const asked = new URLSearchParams(window.location.search).get('lang');
  return isLocale(asked) ? asked : null;
})();

/**
 * The user's language at start: Electron passes `app.getLocale()` as `?locale=` on the page's
 * address; in browser mode, the browser's own list (navigator.languages). English otherwise.
 */
function systemLocale(): Locale {
  const fromHost = new URLSearchParams(window.location.search).get('locale');
  return matchLocale([askedLocale, fromHost, ...navigator.languages, navigator.language]);
}

let current: Locale = systemLocale();

/**
 * The language the page started in, before a workspace's saved choice applies. Monaco's own words
 * are in it (editor/monacoLanguage.ts): Monaco's chunk runs after the workspace may have loaded, and
 * reading the current language there would make its words depend on which came first.
 */
export const startLocale: Locale = current;

export function getLocale(): Locale {
  return current;
}

/** The locale as Intl takes it (Arabic with Morocco's conventions and Western digits). */
export function intlLocale(): string {
  return intlLocaleOf[current];
}

export function direction(): 'ltr' | 'rtl' {
  return directionOf[current];
}

/** Makes the document follow the locale: screen readers switch voice, and layout mirrors. */
function applyToDocument(): void {
  document.documentElement.lang = current === 'ar' ? 'ar-MA' : current;
  document.documentElement.dir = directionOf[current];
  document.title = t('app.title');
}

/** Switches the whole page to `locale` at once; nothing is reloaded. */
export function setLocale(locale: Locale | string | undefined): void {
  if (!isLocale(locale) || locale === current) return;
  current = locale;
  applyToDocument();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current locale, re-rendering the caller when it changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, getLocale);
}

export const t: Translate = (key, params) => translatorFor(current)(key, params);

applyToDocument();

/** Formatters are costly to build: one of each per locale, made on first use. */
const formatters = new Map<string, { number: Intl.NumberFormat; percent: Intl.NumberFormat; list: Intl.ListFormat }>();
function formattersFor(locale: string) {
  let made = formatters.get(locale);
  if (!made) {
    made = {
      number: new Intl.NumberFormat(locale),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
      list: new Intl.ListFormat(locale, { type: 'conjunction' }),
    };
    formatters.set(locale, made);
  }
  return made;
}

/** A count or figure in the current locale (1 234 in French, 1.234 in Moroccan Arabic). */
export const numberFormat = { format: (value: number | bigint): string => formattersFor(intlLocale()).number.format(value) };
export const percentFormat = { format: (value: number): string => formattersFor(intlLocale()).percent.format(value) };
export const listFormat = { format: (items: readonly string[]): string => formattersFor(intlLocale()).list.format(items) };
