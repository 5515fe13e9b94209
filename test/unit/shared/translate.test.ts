import { describe, expect, it } from 'vitest';
import { createTranslator, matchLocale } from '../../../shared/i18n/translate';
import { en } from '../../../shared/i18n/messages.en';
import { fr as frCatalog } from '../../../shared/i18n/messages.fr';
import { ar as arCatalog } from '../../../shared/i18n/messages.ar';
import { cliLocale } from '../../../shared/i18n/cliLocale';
import { formatByteSize } from '../../../shared/text/byteSize';

describe('translator', () => {
  const en = createTranslator('en');
  const fr = createTranslator('fr');
  const ar = createTranslator('ar');

  it('fills parameters and formats numbers for the locale', () => {
    expect(en('results.summary', { rows: 1234567, ms: 12 })).toBe('1,234,567 rows in 12 ms');
    expect(fr('results.summary', { rows: 1234567, ms: 12 })).toBe('1\u202f234\u202f567 lignes en 12 ms');
    // Morocco's conventions with Western digits: 1.234.567, never ١٬٢٣٤٬٥٦٧.
    expect(ar('results.summary', { rows: 1234567, ms: 12 })).toBe('1.234.567 صفًا في 12 ملّي ثانية');
  });

  it('shows the message rather than nothing when a parameter is missing', () => {
    expect(en('catalog.load')).toBe('Load {name}');
  });

  it('reads markup-like text as text', () => {
    expect(en('catalog.attachedDatabase', { name: 'a.duckdb', table: 'a' })).toContain('a.<table>');
  });

  it('makes English plurals from one message', () => {
    expect([0, 1, 2].map((count) => en('catalog.columns', { count }))).toEqual(['0 columns', '1 column', '2 columns']);
  });

  it('makes French plurals: 0 and 1 are singular', () => {
    expect([0, 1, 2, 3, 11, 100].map((rows) => fr('results.filteredOf', { rows }))).toEqual([
      '0 ligne correspondante',
      '1 ligne correspondante',
      '2 lignes correspondantes',
      '3 lignes correspondantes',
      '11 lignes correspondantes',
      '100 lignes correspondantes',
    ]);
    expect([0, 1, 2, 3, 11, 100].map((count) => fr('catalog.columns', { count }))).toEqual([
      '0 colonne',
      '1 colonne',
      '2 colonnes',
      '3 colonnes',
      '11 colonnes',
      '100 colonnes',
    ]);
  });

  it('makes the six Arabic plural forms', () => {
    expect([0, 1, 2, 3, 11, 100].map((count) => ar('catalog.columns', { count }))).toEqual([
      'لا أعمدة',
      'عمود واحد',
      'عمودان',
      '3 أعمدة',
      '11 عمودًا',
      '100 عمود',
    ]);
    expect([0, 1, 2, 3, 11, 100].map((rows) => ar('results.filteredOf', { rows }))).toEqual([
      'لا صفوف مطابقة',
      'صف واحد مطابق',
      'صفان مطابقان',
      '3 صفوف مطابقة',
      '11 صفًا مطابقًا',
      '100 صف مطابق',
    ]);
  });

  it('formats byte sizes in the reader’s locale and units', () => {
    expect(en('export.errorTooLarge', { limit: { bytes: 1.5 * 2 ** 30 } })).toContain('more than 1.5 GB;');
    expect(fr('export.errorTooLarge', { limit: { bytes: 1.5 * 2 ** 30 } })).toMatch(/dépassent 1,5\sGo\s;/u);
    expect(ar('export.errorTooLarge', { limit: { bytes: 1.5 * 2 ** 30 } })).toContain('1,5');
    expect(formatByteSize(830, 'en')).toBe('830 bytes');
    expect(formatByteSize(830, 'fr')).toMatch(/^830\soctets$/u);
  });
});

describe('the user’s language', () => {
  it('takes the first language we have, else English', () => {
    expect(matchLocale(['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(matchLocale(['ar-MA'])).toBe('ar');
    expect(matchLocale(['ar_MA.UTF-8'])).toBe('ar');
    expect(matchLocale(['de', undefined, null])).toBe('en');
  });

  it('on the command line, follows --lang, then LC_ALL, LC_MESSAGES and LANG', () => {
    expect(cliLocale(['--lang', 'ar', 'a.csv'], { LANG: 'fr_FR.UTF-8' })).toEqual({ locale: 'ar', args: ['a.csv'] });
    expect(cliLocale(['--lang=fr'], {})).toEqual({ locale: 'fr', args: [] });
    expect(cliLocale([], { LC_ALL: 'fr_FR.UTF-8', LANG: 'ar_MA.UTF-8' }).locale).toBe('fr');
    expect(cliLocale([], { LANG: 'ar_MA.UTF-8' }).locale).toBe('ar');
    expect(cliLocale([], { LANG: 'C.UTF-8', LANGUAGE: 'fr' }).locale).toBe('en');
    expect(cliLocale([], {}).locale).toBe('en');
  });
});

describe('a message the catalog lacks', () => {
  // A stale build or a forgotten translation: intl-messageformat throws on an undefined or
  // unparsable message, and `t` runs while rendering, so a throw would blank the page.
  const shipped = { en, fr: frCatalog, ar: arCatalog };

  it('falls back to English, then to the key, and logs each key once', () => {
    const warnings: string[] = [];
    const { 'catalog.columns': _dropped, ...frWithout } = frCatalog;
    const { 'catalog.load': _droppedEn, ...enWithout } = en;
    const { 'catalog.load': _droppedFr, ...frWithoutBoth } = frWithout;
    const fr = createTranslator('fr', {
      catalogs: { ...shipped, en: enWithout, fr: frWithoutBoth },
      warn: (text) => warnings.push(text),
    });
    // English words, French plural rules and digits.
    expect(fr('catalog.columns', { count: 1234 })).toBe('1\u202f234 columns');
    expect(fr('catalog.columns', { count: 1 })).toBe('1 column');
    expect(fr('catalog.load', { name: 'a.csv' })).toBe('catalog.load');
    expect(fr('catalog.load', { name: 'a.csv' })).toBe('catalog.load');
    // Untouched keys still read in French.
    expect(fr('results.filteredOf', { rows: 0 })).toBe('0 ligne correspondante');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('catalog.columns');
    expect(warnings[1]).toContain('catalog.load');
  });

  it('falls back to English when the locale’s message does not parse', () => {
    const warnings: string[] = [];
    const ar = createTranslator('ar', {
      catalogs: { ...shipped, ar: { ...arCatalog, 'catalog.columns': '{count, plural, one {عمود' } },
      warn: (text) => warnings.push(text),
    });
    expect(ar('catalog.columns', { count: 3 })).toBe('3 columns');
    expect(warnings).toEqual([expect.stringContaining('catalog.columns')]);
  });

  it('isolates text parameters in Arabic when asked (the page), so a path keeps its slash at its start; English and French are left as they were', () => {
    const en = createTranslator('en', { isolateParams: true });
    const fr = createTranslator('fr', { isolateParams: true });
    const ar = createTranslator('ar', { isolateParams: true });
    const path = '/tmp/rendus/salma.datalab-submission';
    expect(ar('lab.ui.submissionSaved', { file: path })).toBe(`حُفظ التسليم: \u2068${path}\u2069`);
    expect(en('lab.ui.submissionSaved', { file: path })).toBe(`Submission saved: ${path}`);
    expect(fr('lab.ui.submissionSaved', { file: path })).not.toContain('\u2068');
    // Figures are the locale's own (not isolated); a parameter a message chooses by still chooses.
    expect(ar('results.summary', { rows: 3, ms: 12 })).not.toContain('\u2068');
    expect(ar('kept.detail', { columns: 'a, b', state: 'temporary' })).toBe('\u2068a, b\u2069 · مؤقت، يزول عند إعادة التحميل');
    // Not for text copied or parsed as it is (the command line, a CSV): the path stays the path.
    expect(createTranslator('ar')('lab.ui.submissionSaved', { file: path })).toBe(`حُفظ التسليم: ${path}`);
  });
});
