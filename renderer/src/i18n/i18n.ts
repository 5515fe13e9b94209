import { createTranslator, directionOf, type Locale } from '../../../shared/i18n/translate';

/** The renderer's one translation module: every visible string comes from `t`. */
export const locale: Locale = 'en';
export const t = createTranslator(locale);
export const direction = directionOf[locale];
