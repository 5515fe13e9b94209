import { en, type MessageKey, type Messages } from './messages.en';

export type { MessageKey } from './messages.en';
export type MessageParams = Readonly<Record<string, string | number>>;

export type Locale = 'en';
const catalogs: Record<Locale, Messages> = { en };

/** Text direction per locale, so layout can follow it (Arabic arrives later as 'rtl'). */
export const directionOf: Record<Locale, 'ltr' | 'rtl'> = { en: 'ltr' };

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The one way UI text is produced: every visible string goes through a translator. */
export function createTranslator(locale: Locale = 'en'): Translate {
  const messages = catalogs[locale];
  const numberFormat = new Intl.NumberFormat(locale);
  return (key, params) => {
    const template = messages[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numberFormat.format(value) : value;
    });
  };
}
