/**
 * Monaco's own words (menus, the find box, completion, screen-reader hints) in the language the app
 * starts in. Monaco reads them from `globalThis._VSCODE_NLS_MESSAGES` once, as its modules load, so
 * this module is imported before Monaco, and a language chosen later reaches Monaco's words at the
 * next start (the app's own words switch at once). French is Monaco's own pack; Arabic is ours,
 * made at build time (scripts/build/monacoMessages.ts); English is Monaco's default.
 */
// Monaco's French pack sets the global as it loads: kept aside, then set only for French.
import 'monaco-editor/nls/lang/fr';
import arabic from 'virtual:monaco-messages-ar';
import { startLocale } from '../../i18n/i18n';

declare global {
  var _VSCODE_NLS_MESSAGES: (string | null)[] | undefined;
  var _VSCODE_NLS_LANGUAGE: string | undefined;
}

const french = globalThis._VSCODE_NLS_MESSAGES;
const locale = startLocale;
globalThis._VSCODE_NLS_MESSAGES = locale === 'fr' ? french : locale === 'ar' ? arabic : undefined;
globalThis._VSCODE_NLS_LANGUAGE = locale === 'en' ? undefined : locale;

/** The language Monaco's own words are in. */
export const monacoLocale = locale;
