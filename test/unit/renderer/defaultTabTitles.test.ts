import { describe, expect, it } from 'vitest';
import { nextDefaultTabTitle, retitleDefaultTabs } from '../../../renderer/src/state/defaultTabTitles';

const tab = (title: string) => ({ id: title, title, sql: '' });

describe('default tab titles follow the language', () => {
  it('says the old language’s default titles in the new one, numbers kept', () => {
    const titles = retitleDefaultTabs([tab('Query 1'), tab('Query 12')], 'en', 'fr').map((t) => t.title);
    expect(titles).toEqual(['Requête 1', 'Requête 12']);
    expect(retitleDefaultTabs([tab('Requête 3')], 'fr', 'ar').map((t) => t.title)).toEqual(['استعلام 3']);
  });

  it('keeps a name the user gave, even one close to a default', () => {
    const tabs = [tab('Ventes 2024'), tab('Query 1 copy'), tab('Query')];
    expect(retitleDefaultTabs(tabs, 'en', 'fr')).toBe(tabs);
  });

  it('leaves another language’s default alone (it is not what this page called the tab)', () => {
    const tabs = [tab('Requête 2')];
    expect(retitleDefaultTabs(tabs, 'en', 'ar')).toBe(tabs);
  });
});

describe('a new tab’s default title', () => {
  it('after a preview tab, is the next number, not the count of tabs plus one (was "Query 3" next to "Query 1")', () => {
    const preview = { ...tab('penguins.parquet'), preview: true };
    expect(nextDefaultTabTitle([tab('Query 1'), preview], 'en')).toBe('Query 2');
    expect(nextDefaultTabTitle([tab('Requête 1'), preview], 'fr')).toBe('Requête 2');
  });

  it('takes the lowest number no default-named tab has: a closed tab’s number is used again', () => {
    expect(nextDefaultTabTitle([tab('Query 1'), tab('Query 3')], 'en')).toBe('Query 2');
    expect(nextDefaultTabTitle([tab('Query 2'), tab('Query 3')], 'en')).toBe('Query 1');
    expect(nextDefaultTabTitle([], 'ar')).toBe('استعلام 1');
  });

  it('counts only default titles: a name the user gave, or another language’s default, holds no number', () => {
    expect(nextDefaultTabTitle([tab('Query 1'), tab('Query 2 copy'), tab('Requête 2'), tab('Ventes 2024')], 'en')).toBe('Query 2');
  });
});
