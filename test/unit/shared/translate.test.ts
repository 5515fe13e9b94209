import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translate';

describe('translator', () => {
  const t = createTranslator('en');
  it('fills parameters and formats numbers for the locale', () => {
    expect(t('results.summary', { rows: 1234567, ms: 12 })).toBe('1,234,567 rows in 12 ms');
  });
  it('leaves an unknown parameter visible rather than dropping it', () => {
    expect(t('catalog.load')).toBe('Load {name}');
  });
});
