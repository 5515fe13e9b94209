import { describe, expect, it } from 'vitest';
import { retitleDefaultTabs } from '../../../renderer/src/state/defaultTabTitles';

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
