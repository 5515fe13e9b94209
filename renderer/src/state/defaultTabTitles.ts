/**
 * A tab the user never named is called "Query 3" in English, "Requête 3" in French. The title is
 * kept as text with the workspace, so when the language changes, titles that are still the old
 * language's default are said again in the new one; a name the user gave is theirs and stays.
 */
import type { EditorTab } from '../../../shared/contract/hostApi';
import { createTranslator, type Locale } from '../../../shared/i18n/translate';

/** The number in `title` when it is exactly `locale`'s default title for that number, else null. */
function defaultTitleNumber(title: string, locale: Locale): number | null {
  const digits = /\d+/u.exec(title)?.[0];
  if (digits === undefined) return null;
  const n = Number(digits);
  return createTranslator(locale)('editor.defaultTabTitle', { n }) === title ? n : null;
}

/** `tabs` with every default title of `from` said in `to`; the same array when none changes. */
export function retitleDefaultTabs(tabs: EditorTab[], from: Locale, to: Locale): EditorTab[] {
  if (from === to) return tabs;
  const translate = createTranslator(to);
  let changed = false;
  const retitled = tabs.map((tab) => {
    const n = defaultTitleNumber(tab.title, from);
    if (n === null) return tab;
    changed = true;
    return { ...tab, title: translate('editor.defaultTabTitle', { n }) };
  });
  return changed ? retitled : tabs;
}

/**
 * The title of a new tab: the lowest number no default-named tab has, so a tab opened after a
 * preview tab ("Query 1", "penguins") is "Query 2", and one closed in the middle is filled again
 * (as desktop editors number their untitled files). Only default titles count: a name the user
 * gave ("Q3 sales") holds no number.
 */
export function nextDefaultTabTitle(tabs: readonly Pick<EditorTab, 'title'>[], locale: Locale): string {
  const used = new Set(tabs.map((tab) => defaultTitleNumber(tab.title, locale)));
  let n = 1;
  while (used.has(n)) n++;
  return createTranslator(locale)('editor.defaultTabTitle', { n });
}
